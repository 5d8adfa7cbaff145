using System.Text.Json;
using EzHomelab.Rules;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Sample.Tests;

/// <summary>The sample lab, rendered: valid for docker-compose and the compose spec, and it says what the seed lab means.</summary>
public sealed class SampleRenderTests(RenderedSample sample) : IClassFixture<RenderedSample>
{
    private const string Domain = MyHomelab.HomeLab.BaseDomain;

    // Loaded once: the library registers a schema by its $id process-wide and refuses a second registration.
    private static readonly Lazy<JsonSchema> ComposeSchema = new(() => JsonSchema.FromFile(RepositoryLayout.ComposeSchemaPath));

    public static TheoryData<string> Stacks() => new(RenderedSample.StackNames);

    [Fact]
    public void Render_writes_one_folder_per_stack_with_compose_file_and_env_file()
    {
        Assert.True(sample.ExitCode == 0, $"render exited {sample.ExitCode}\nstdout:\n{sample.StandardOutput}\nstderr:\n{sample.StandardError}");
        var folders = Directory.GetDirectories(sample.OutputDirectory).Select(Path.GetFileName)
            .Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(RenderedSample.StackNames, folders);
        foreach (var stack in RenderedSample.StackNames)
        {
            Assert.True(File.Exists(Path.Combine(sample.StackDirectory(stack), "compose.yaml")), $"{stack}/compose.yaml missing");
            Assert.True(File.Exists(Path.Combine(sample.StackDirectory(stack), ".env")), $"{stack}/.env missing");
        }
    }

    [Fact]
    public void Generated_model_holds_every_service_of_the_seed_lab_in_its_stack()
    {
        var byStack = sample.Lab.Services.GroupBy(s => s.Stack)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["authelia", "duckdns", "traefik"], byStack["core"]);
        Assert.Equal(["docker-socket-proxy", "dockge"], byStack["infrastructure"]);
        Assert.Equal(["homepage"], byStack["dashboards"]);
        Assert.Equal(["jellyfin"], byStack["media"]);
        Assert.Equal(["prowlarr", "radarr", "sonarr"], byStack["media-management"]);
        Assert.Equal(["gluetun", "qbittorrent"], byStack["downloads"]);
        Assert.Equal(RenderedSample.StackNames, byStack.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Domain, sample.Lab.Domain);
        Assert.Equal(Access.TwoFactor, sample.Lab.DefaultAccess);
    }

    [Fact]
    public void Every_image_is_pinned_to_a_version()
    {
        foreach (var service in sample.Lab.Services)
            Assert.True(ImageReference.Check(service.Image) == ImageReference.Verdict.Valid, $"{service.Name}: image '{service.Image}' is not pinned to a version");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Stack_passes_docker_compose_config(string stack)
    {
        var result = await DockerCompose(stack, "config", "-q");
        Assert.True(result.ExitCode == 0, $"docker-compose config -q rejected {stack}/compose.yaml:\n{result.Output}");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Stack_matches_the_compose_specification_schema(string stack)
    {
        var results = ComposeSchema.Value.Evaluate(sample.Compose(stack).ToJson(), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(results.IsValid, $"{stack}/compose.yaml breaks the compose spec:\n{string.Join('\n', errors)}");
    }

    // The two checks above must be able to fail: the same file with a plain `no` (a boolean for YAML 1.1)
    // and an unknown key is rejected by both.
    [Fact]
    public async Task Both_checkers_reject_a_broken_compose_file()
    {
        var dir = Directory.CreateTempSubdirectory("ezh-sample-broken-").FullName;
        try
        {
            var path = Path.Combine(dir, "compose.yaml");
            File.WriteAllText(path, "services:\n  web:\n    image: \"nginx:1.27.4\"\n    restart: no\n    restart_policy_typo: always\n");
            var schemaResult = ComposeSchema.Value.Evaluate(new ComposeFile(path).ToJson(), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.False(schemaResult.IsValid);
            var compose = await ChildProcess.RunAsync("docker-compose", ["-f", "compose.yaml", "-p", "ezh-broken", "config", "-q"], dir);
            Assert.NotEqual(0, compose.ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Compose_resolves_lab_variables_from_the_stack_env_file()
    {
        var result = await DockerCompose("media-management", "config");
        Assert.True(result.ExitCode == 0, result.Output);
        var resolved = new YamlStream();
        resolved.Load(new StringReader(result.StandardOutput));
        var env = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)resolved.Documents[0].RootNode)["services"])["sonarr"])["environment"];
        Assert.Equal("1000", ((YamlScalarNode)env["PUID"]).Value);
        Assert.Equal("1000", ((YamlScalarNode)env["PGID"]).Value);
        Assert.Equal("Europe/Berlin", ((YamlScalarNode)env["TZ"]).Value);
    }

    [Fact]
    public void Qbittorrent_uses_gluetuns_network_and_its_route_moves_to_gluetun()
    {
        var downloads = sample.Compose("downloads");
        Assert.Equal("service:gluetun", downloads.Scalar("qbittorrent", "network_mode")?.Value);
        Assert.Empty(downloads.Networks("qbittorrent"));
        Assert.False(downloads.Has("qbittorrent", "ports"), "qbittorrent publishes ports although its network belongs to gluetun");
        Assert.DoesNotContain(downloads.Labels("qbittorrent").Keys, k => k.StartsWith("traefik.", StringComparison.Ordinal));

        var gluetun = downloads.Labels("gluetun");
        Assert.Equal($"Host(`qbittorrent.{Domain}`)", gluetun["traefik.http.routers.qbittorrent.rule"]);
        Assert.Equal("8080", gluetun["traefik.http.services.qbittorrent.loadbalancer.server.port"]);
        Assert.Contains("traefik-network", downloads.Networks("gluetun"));
    }

    [Fact]
    public void Lazy_services_are_not_restarted_by_docker_and_carry_sablier_labels()
    {
        var compose = sample.Compose("media-management");
        foreach (var service in new[] { "sonarr", "radarr", "prowlarr" })
        {
            var restart = compose.Scalar(service, "restart");
            Assert.NotNull(restart);
            Assert.Equal("no", restart.Value);
            // A plain `no` is the boolean false for YAML 1.1 readers such as docker-compose v1.
            Assert.NotEqual(ScalarStyle.Plain, restart.Style);

            var labels = compose.Labels(service);
            Assert.Equal("true", labels["sablier.enable"]);
            Assert.Equal("arr", labels["sablier.group"]);
            Assert.Contains("sablier-arr@file", labels[$"traefik.http.routers.{service}.middlewares"].Split(','));
        }

        // Always-on services keep running across reboots.
        Assert.Equal("unless-stopped", sample.Compose("media").Scalar("jellyfin", "restart")?.Value);
        Assert.DoesNotContain("sablier.enable", sample.Compose("media").Labels("jellyfin").Keys);
    }

    [Fact]
    public void Only_bypass_routes_skip_the_login_middleware()
    {
        var routers = Routers();
        Assert.Equal(
            ["authelia", "dockge", "homepage", "jellyfin", "prowlarr", "qbittorrent", "radarr", "sonarr", "traefik"],
            routers.Keys.Order(StringComparer.Ordinal));
        foreach (var (router, labels) in routers)
        {
            var middlewares = labels.TryGetValue($"traefik.http.routers.{router}.middlewares", out var chain)
                ? chain.Split(',', StringSplitOptions.TrimEntries) : [];
            if (router is "jellyfin" or "authelia")
                Assert.DoesNotContain(middlewares, m => m.StartsWith("authelia", StringComparison.Ordinal));
            else
                Assert.Contains("authelia@file", middlewares);
        }
    }

    [Fact]
    public void Routes_use_the_lab_domain_and_target_the_container_port()
    {
        var expected = new Dictionary<string, (string Host, string Port)>
        {
            ["authelia"] = ($"auth.{Domain}", "9091"),
            ["dockge"] = ($"dockge.{Domain}", "5001"),
            ["homepage"] = ($"homepage.{Domain}", "3000"),
            ["jellyfin"] = ($"jellyfin.{Domain}", "8096"),
            ["sonarr"] = ($"sonarr.{Domain}", "8989"),
            ["radarr"] = ($"radarr.{Domain}", "7878"),
            ["prowlarr"] = ($"prowlarr.{Domain}", "9696"),
            ["qbittorrent"] = ($"qbittorrent.{Domain}", "8080"),
        };
        var routers = Routers();
        foreach (var (router, (host, port)) in expected)
        {
            var labels = routers[router];
            Assert.Equal($"Host(`{host}`)", labels[$"traefik.http.routers.{router}.rule"]);
            Assert.Equal(port, labels[$"traefik.http.services.{router}.loadbalancer.server.port"]);
            Assert.Equal("websecure", labels[$"traefik.http.routers.{router}.entrypoints"]);
            Assert.Equal("letsencrypt", labels[$"traefik.http.routers.{router}.tls.certresolver"]);
        }
        // Traefik's own dashboard is its api@internal service (the sample's [Label] overrides the generated one).
        Assert.Equal("api@internal", routers["traefik"]["traefik.http.routers.traefik.service"]);
    }

    [Fact]
    public void Routed_services_join_traefik_network_and_every_service_joins_homelab_network()
    {
        foreach (var compose in sample.AllComposeFiles)
        {
            var routed = compose.ServiceNames.Where(s => compose.Labels(s).ContainsKey("traefik.enable")).ToArray();
            foreach (var service in compose.ServiceNames)
            {
                if (compose.Has(service, "network_mode")) continue;
                Assert.Contains("homelab-network", compose.Networks(service));
                if (routed.Contains(service)) Assert.Contains("traefik-network", compose.Networks(service));
                else Assert.DoesNotContain("traefik-network", compose.Networks(service));
            }
            var declared = (YamlMappingNode)compose.Root["networks"];
            foreach (var network in new[] { "homelab-network" }.Concat(routed.Length > 0 ? ["traefik-network"] : Array.Empty<string>()))
            {
                var definition = (YamlMappingNode)declared[network];
                Assert.Equal("true", ((YamlScalarNode)definition["external"]).Value);
            }
        }
    }

    [Fact]
    public void Compose_files_have_no_top_level_name_or_version()
    {
        foreach (var compose in sample.AllComposeFiles)
        {
            Assert.False(compose.Root.Children.ContainsKey(new YamlScalarNode("name")), $"{compose.Path}: top-level name breaks docker-compose v1");
            Assert.False(compose.Root.Children.ContainsKey(new YamlScalarNode("version")), $"{compose.Path}: version is obsolete");
        }
    }

    [Fact]
    public void Secrets_reach_only_the_stack_env_file()
    {
        Assert.NotEmpty(sample.SecretValues);
        foreach (var service in sample.Lab.Services)
            foreach (var secretEnv in service.SecretEnvironment)
            {
                var value = sample.SecretValues[secretEnv.Secret];
                var stackDir = sample.StackDirectory(service.Stack);
                var composeText = File.ReadAllText(Path.Combine(stackDir, "compose.yaml"));
                var envText = File.ReadAllText(Path.Combine(stackDir, ".env"));
                Assert.DoesNotContain(value, composeText);
                Assert.Contains(value, envText);

                var compose = sample.Compose(service.Stack);
                var reference = compose.Environment(service.Name)[secretEnv.Name];
                Assert.Matches(@"^\$\{SECRET_[A-Z0-9_]+\}$", reference);
                Assert.Contains($"{reference[2..^1]}=", envText);
            }
        foreach (var value in sample.SecretValues.Values)
        {
            Assert.DoesNotContain(value, sample.StandardOutput);
            Assert.DoesNotContain(value, sample.StandardError);
            foreach (var compose in sample.AllComposeFiles)
                Assert.DoesNotContain(value, File.ReadAllText(compose.Path));
        }
        if (!OperatingSystem.IsWindows()) // Windows has no Unix modes; the lab's servers are Linux
            foreach (var stack in RenderedSample.StackNames)
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(sample.StackDirectory(stack), ".env")));
    }

    [Fact]
    public void Base_class_attributes_reach_every_linuxserver_service()
    {
        foreach (var (stack, service) in new[] { ("core", "duckdns"), ("media-management", "sonarr"), ("media-management", "radarr"), ("media-management", "prowlarr"), ("downloads", "qbittorrent") })
        {
            var env = sample.Compose(stack).Environment(service);
            Assert.Equal("${PUID}", env["PUID"]);
            Assert.Equal("${PGID}", env["PGID"]);
            Assert.Equal("${TZ}", env["TZ"]);
        }
    }

    /// <summary>Every Traefik router in the lab → the labels of the container that carries it.</summary>
    private Dictionary<string, IReadOnlyDictionary<string, string>> Routers()
    {
        var routers = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var compose in sample.AllComposeFiles)
            foreach (var service in compose.ServiceNames)
            {
                var labels = compose.Labels(service);
                foreach (var key in labels.Keys)
                    if (key.StartsWith("traefik.http.routers.", StringComparison.Ordinal) && key.EndsWith(".rule", StringComparison.Ordinal))
                        routers.Add(key["traefik.http.routers.".Length..^".rule".Length], labels);
            }
        return routers;
    }

    private Task<ProcessResult> DockerCompose(string stack, params string[] command) =>
        ChildProcess.RunAsync("docker-compose", ["-f", "compose.yaml", "-p", "ezh-sample", .. command],
            sample.StackDirectory(stack), timeout: TimeSpan.FromMinutes(2));
}
