using EzHomelab.CatalogTests.Support;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.CatalogTests;

/// <summary>samples/FullLab rendered once, in-process, with every secret given a test value.</summary>
public sealed class RenderedFullLab : IAsyncLifetime
{
    public LabRender Render { get; private set; } = null!;

    public async Task InitializeAsync() => Render = await LabRender.RunAsync(FullLabServices.Lab, "ezh-fulllab-render-");

    public Task DisposeAsync()
    {
        Render.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The whole catalog in one lab renders, every stack passes docker-compose and the compose-spec schema, the
/// configuration EzHomelab writes for Traefik and Authelia passes theirs, and no secret value reaches any file but
/// its own secret file, nor the runner's output.
/// </summary>
public sealed class FullLabRenderTests(RenderedFullLab fixture) : IClassFixture<RenderedFullLab>
{
    private LabRender Render => fixture.Render;

    private static string[] StackNames() =>
        FullLabServices.Lab.Services.Select(s => s.Stack).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Stacks() => new(StackNames());

    public static TheoryData<string> Services() => FullLabServices.Names();

    [Fact]
    public void Render_succeeds_and_writes_one_folder_per_stack()
    {
        Assert.True(Render.ExitCode == 0, Render.Transcript);
        Assert.DoesNotContain("error", Render.StandardError, StringComparison.OrdinalIgnoreCase);
        var folders = Directory.GetDirectories(Render.OutputDirectory).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal);
        Assert.Equal(StackNames(), folders);
    }

    [Theory, MemberData(nameof(Stacks))]
    public async Task A_stack_passes_docker_compose_config(string stack)
    {
        var errors = await Render.DockerComposeConfigErrorsAsync(stack);
        Assert.True(errors is null, $"docker-compose config -q rejected {stack}/compose.yaml:\n{errors}");
    }

    [Theory, MemberData(nameof(Stacks))]
    public void A_stack_matches_the_compose_specification_schema(string stack)
    {
        var errors = Render.ComposeSchemaErrors(stack);
        Assert.True(errors.Count == 0, $"{stack}/compose.yaml breaks the compose spec:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void Traefik_and_Authelia_configuration_matches_their_schemas()
    {
        var checkedFiles = 0;
        foreach (var file in Render.Files().Where(f => !LabRender.HoldsSecrets(f)))
        {
            var schema = file switch
            {
                "core/traefik/traefik.yml" => ConfigSchema.TraefikStatic,
                _ when file.StartsWith("core/traefik/dynamic/", StringComparison.Ordinal) => ConfigSchema.TraefikDynamic,
                "core/authelia/configuration.yml" => ConfigSchema.AutheliaConfiguration,
                _ => null,
            };
            if (schema is null) continue;
            var errors = schema.Errors(Render.Read(file));
            Assert.True(errors.Count == 0, $"{file} breaks its schema:\n{string.Join('\n', errors)}");
            checkedFiles++;
        }
        // traefik.yml, the dynamic files (middlewares, tls, dashboard, sablier) and Authelia's configuration.
        Assert.True(checkedFiles >= 6, $"only {checkedFiles} Traefik/Authelia files were rendered");
    }

    [Theory, MemberData(nameof(Services))]
    public void A_service_is_rendered_in_its_stack_with_its_image_and_healthcheck(string name)
    {
        var service = FullLabServices.Get(name);
        var compose = Render.Compose(service.Stack);
        Assert.Contains(name, compose.ServiceNames);
        Assert.Equal(service.Image, compose.Scalar(name, "image")?.Value);
        Assert.Equal(service.Healthcheck is not null, compose.Has(name, "healthcheck"));
        if (service.Healthcheck is { } health)
        {
            var test = Assert.IsType<YamlSequenceNode>(compose.Service(name)["healthcheck"]["test"]).Children.Select(n => ((YamlScalarNode)n).Value ?? "").ToArray();
            Assert.Equal(health.Test.Count == 1 ? "CMD-SHELL" : "CMD", test[0]);
            // Compose interpolates '$': the renderer writes a literal one as '$$'.
            Assert.Equal(health.Test, test[1..].Select(YamlAccess.ComposeUnescape));
        }
    }

    [Fact]
    public void Secret_values_live_only_in_their_secret_files()
    {
        var files = Render.Files();
        var secretFiles = files.Where(f => f.Split('/').Contains("secrets")).ToDictionary(f => f, Render.Read);
        Assert.NotEmpty(secretFiles);

        // Every value the runner was given is written to its secret file(s), and the generated ones are there too.
        foreach (var (secret, value) in Render.SecretValues)
            Assert.True(secretFiles.Any(f => f.Key.EndsWith("/secrets/" + secret, StringComparison.Ordinal) && f.Value == value),
                $"no secrets/{secret} holds the value given to the runner");
        var values = secretFiles.Values.Concat(Render.SecretValues.Values).Append(LabRender.AdminPassword).Distinct().ToArray();
        Assert.All(values, v => Assert.True(v.Length >= 16, "a secret value too short to search for"));

        var others = files.Where(f => !LabRender.HoldsSecrets(f)).ToArray();
        Assert.Contains(others, f => f.EndsWith("/.env", StringComparison.Ordinal));
        Assert.Contains(others, f => f.EndsWith("/compose.yaml", StringComparison.Ordinal));
        foreach (var file in others)
        {
            var text = Render.Read(file);
            foreach (var value in values)
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{file} holds a secret value");
        }
        foreach (var value in values)
        {
            Assert.DoesNotContain(value, Render.StandardOutput);
            Assert.DoesNotContain(value, Render.StandardError);
        }
        // Authelia's users database keeps only the admin password's hash.
        Assert.DoesNotContain(LabRender.AdminPassword, Render.Read("core/authelia/users_database.yml"));
    }

    [Fact]
    public void Labels_and_environment_name_secret_files_never_values()
    {
        foreach (var stack in StackNames())
        {
            var compose = Render.Compose(stack);
            foreach (var service in compose.ServiceNames)
            {
                var texts = compose.Labels(service).Values.Concat(compose.Environment(service).Values).ToArray();
                foreach (var value in Render.SecretValues.Values)
                    Assert.False(texts.Any(t => t.Contains(value, StringComparison.Ordinal)), $"{stack}/{service}: a label or variable holds a secret value");
            }
        }
        // The container is pointed at the file: e.g. Homarr's key arrives as SECRET_ENCRYPTION_KEY_FILE.
        var homarr = Render.Compose("dashboards").Environment("homarr");
        Assert.Equal("/run/secrets/homarr-encryption-key", homarr["SECRET_ENCRYPTION_KEY_FILE"]);
        Assert.DoesNotContain("SECRET_ENCRYPTION_KEY", homarr.Keys);
    }

    [Fact]
    public void Each_image_gets_the_secret_form_it_reads()
    {
        IReadOnlyDictionary<string, string> Environment(string service) => Render.Compose(FullLabServices.Get(service).Stack).Environment(service);
        IEnumerable<string> Volumes(string service) =>
            Assert.IsType<YamlSequenceNode>(Render.Compose(FullLabServices.Get(service).Stack).Service(service)["volumes"]).Children.Select(n => ((YamlScalarNode)n).Value!);

        // Gitea and Grafana read NAME__FILE (two underscores), named exactly.
        Assert.Equal("/run/secrets/gitea-db-password", Environment("gitea")["GITEA__database__PASSWD__FILE"]);
        Assert.DoesNotContain(Environment("gitea").Keys, k => k.StartsWith("GITEA__database__PASSWD", StringComparison.Ordinal) && k != "GITEA__database__PASSWD__FILE");
        Assert.Equal("/run/secrets/grafana-admin-password", Environment("grafana")["GF_SECURITY_ADMIN_PASSWORD__FILE"]);
        Assert.DoesNotContain(Environment("grafana").Keys, k => k.StartsWith("GF_SECURITY_ADMIN_PASSWORD", StringComparison.Ordinal) && k != "GF_SECURITY_ADMIN_PASSWORD__FILE");

        // authentik reads file:// URIs in the settings themselves, in the server and the worker alike, with the image's own entrypoint.
        foreach (var service in new[] { "authentik-server", "authentik-worker" })
        {
            var environment = Environment(service);
            Assert.Equal("file:///run/secrets/authentik-db-password", environment["AUTHENTIK_POSTGRESQL__PASSWORD"]);
            Assert.Equal("file:///run/secrets/authentik-secret-key", environment["AUTHENTIK_SECRET_KEY"]);
            Assert.DoesNotContain(environment.Keys, k => k.EndsWith("_FILE", StringComparison.Ordinal));
            Assert.False(Render.Compose("alternatives").Has(service, "entrypoint"));
            Assert.Contains("./secrets/authentik-secret-key:/run/secrets/authentik-secret-key:ro", Volumes(service));
        }

        // Pi-hole takes the secret's name and looks under /run/secrets itself.
        Assert.Equal("pihole-web-password", Environment("pihole")["WEBPASSWORD_FILE"]);
        Assert.Contains("./secrets/pihole-web-password:/run/secrets/pihole-web-password:ro", Volumes("pihole"));

        // BookStack's application key is yours to give; LinuxServer's init loads it from FILE__APP_KEY.
        Assert.Equal("/run/secrets/bookstack-app-key", Environment("bookstack")["FILE__APP_KEY"]);
        Assert.True(EzHomelab.Rendering.Secrets.LabSecrets.MustBeSupplied(Render.Lab).Contains("bookstack-app-key"));
    }
}
