using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary>Every stack of the rich labs is accepted by the real docker-compose and by the compose-spec schema.</summary>
public class ComposeValidationTests
{
    public static TheoryData<string, string, string> Stacks()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, lab) in Labs())
            foreach (var server in LabRenderer.Render(lab, Settings(lab)).Servers)
                foreach (var stack in server.Stacks)
                    data.Add(name, server.Name, stack.Name);
        return data;
    }

    private static IEnumerable<(string, Lab)> Labs() => [("rich", TestLabs.Rich()), ("multi", TestLabs.MultiServer()), ("core", CoreTestLab.Lab()), ("hardened", HardeningTests.Hardened())];

    private static RuntimeSettings Settings(Lab lab) => RuntimeSettings.FromLab(lab) with
    {
        Secrets = new SecretValues(new Dictionary<string, string>
        {
            ["db-password"] = "pa$$ word #1",
            ["authelia-jwt"] = "jwt\\with\"quotes",
            ["wireguard-key"] = "abc+/=",
        }),
    };

    private static IReadOnlyList<RenderedFile> Files(string labName, string server, string stack)
    {
        var lab = Labs().Single(l => l.Item1 == labName).Item2;
        return LabRenderer.Render(lab, Settings(lab)).FindServer(server)!.Stacks.Single(s => s.Name == stack).Files;
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Docker_compose_config_accepts_the_stack(string lab, string server, string stack)
    {
        if (!DockerComposeTool.IsAvailable()) return;
        var result = DockerComposeTool.Config(Files(lab, server, stack), quiet: true);
        Assert.True(result.ExitCode == 0, $"docker-compose config -q failed for {lab}/{server}/{stack}:\n{result.Stderr}");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Compose_spec_schema_accepts_the_stack(string lab, string server, string stack)
    {
        var compose = Files(lab, server, stack).Single(f => f.RelativePath == "compose.yaml").Content;
        var errors = ComposeSchema.Errors(compose);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void The_schema_check_rejects_a_broken_file()
    {
        // Guards against a schema check that accepts anything.
        var errors = ComposeSchema.Errors("services:\n  a:\n    image: x\n    restart: 5\n    ports: {a: b}\n    bogus: 1\n");
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Docker_compose_resolves_secret_files_and_lab_variables_from_env()
    {
        if (!DockerComposeTool.IsAvailable()) return;
        var result = DockerComposeTool.Config(Files("rich", "core", "media"), quiet: false);
        Assert.Equal(0, result.ExitCode);
        var config = YamlAccess.Parse(result.Stdout);
        var postgres = config.At("services", "postgres");
        Assert.Equal("/run/secrets/db-password", postgres.At("environment", "POSTGRES_PASSWORD_FILE").Str());
        Assert.Contains(postgres.At("volumes").Strings(), v => v.EndsWith("/secrets/db-password:/run/secrets/db-password:ro", StringComparison.Ordinal));
        Assert.DoesNotContain("pa$$ word #1", result.Stdout);
        Assert.Equal("1000", config.At("services", "sonarr", "environment", "PUID").Str());
        Assert.Equal("Europe/Berlin", config.At("services", "sonarr", "environment", "TZ").Str());
        Assert.Equal("https://jellyfin.example.duckdns.org", config.At("services", "jellyfin", "environment", "JELLYFIN_PublishedServerUrl").Str());
        var core = YamlAccess.Parse(DockerComposeTool.Config(Files("rich", "core", "core"), quiet: false).Stdout);
        Assert.Equal("/run/secrets/authelia-jwt", core.At("services", "authelia", "environment", "AUTHELIA_JWT_SECRET_FILE").Str());
        Assert.Equal("/run/secrets/authelia-session-secret", core.At("services", "authelia", "environment", "AUTHELIA_SESSION_SECRET_FILE").Str());
    }
}
