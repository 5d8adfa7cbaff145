using CsCheck;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Tests;

/// <summary>Random labs full of YAML-hostile strings render without exception and parse back to the same values.</summary>
public class PropertyTests
{
    private static readonly string[] Tokens =
    [
        "yes", "no", "on", "off", "y", "N", "true", "~", "null", "0755", "1e3", "0x1F", "12:30", ".inf", "=", "<<",
        ":", ": ", " ", "  ", "#", " #", "$", "$$", "${DOMAIN}", "${TZ}", "${X}", "$HOME", "{", "}", "[", "]", "&", "*", "!", "|", ">",
        "'", "\"", "\n", "\r", "\r\n", "\t", "\\", "%", "@", "`", ",", "?", "-", "- ", "a", "Z", "9", "ü", "😀", "\u0001", "\u0085",
        "\u2028", "\uFEFF", "---", "...",
    ];

    private static readonly Gen<string> Hostile = Gen.OneOf(Tokens).Array[0, 8].Select(string.Concat);

    // docker-compose's own output is read back to see what it resolved; PyYAML writes NEL and LS raw inside quotes
    // there, which a YAML 1.2 reader folds. Those two are covered by the parse-back property instead.
    private static readonly Gen<string> HostileForCompose =
        Gen.OneOf(Tokens.Where(t => t is not ("\u0085" or "\u2028")).ToArray()).Array[0, 8].Select(string.Concat);

    private static readonly Gen<string> Label =
        Gen.Char["abcdefghijklmnopqrstuvwxyz"].Select(Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[0, 6],
            (first, rest) => (first + new string(rest)).TrimEnd('-'));

    private static Gen<ServiceSpec> ServiceGen(Gen<string> Hostile) =>
        from name in Label
        from stack in Gen.OneOf("alpha", "beta")
        from env in Gen.Select(Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ_"].Array[1, 6].Select(c => new string(c)), Hostile).Array[0, 5]
        from labels in Gen.Select(Label, Hostile).Array[0, 4]
        from command in Hostile.Array[0, 3]
        from health in Hostile.Array[0, 3]
        from routed in Gen.Bool
        from lazy in Gen.Bool
        from dashboard in Gen.Select(Hostile, Hostile, Hostile)
        from prefixes in Hostile.Array[0, 2]
        from user in Hostile
        from secret in Gen.Bool
        select new ServiceSpec
        {
            Name = name,
            Stack = stack,
            Image = "example/app:1.0.0",
            Environment = env.Select(e => new EnvVar(e.Item1, e.Item2)).ToArray(),
            SecretEnvironment = secret ? [new SecretEnvVar("SECRET_VALUE", name + "-secret")] : [],
            Labels = labels.Select(l => new LabelSpec("x." + l.Item1, l.Item2)).ToArray(),
            Command = command,
            Healthcheck = health.Length > 0 ? new HealthcheckSpec(health) : null,
            Route = routed ? new RouteSpec(8080, name, PathPrefixes: prefixes) : null,
            LazyStart = lazy ? new LazyStartSpec(name) : null,
            Dashboard = new DashboardSpec(dashboard.Item1, dashboard.Item2, dashboard.Item3, dashboard.Item1),
            User = user.Length > 0 ? user : null,
            Volumes = [new VolumeSpec("./data", "/data")],
        };

    private static Gen<(Lab Lab, RuntimeSettings Settings)> LabGen(Gen<string> Hostile) =>
        from services in ServiceGen(Hostile).Array[1, 6]
        from egress in Gen.Bool
        from secretValue in Hostile
        select MakeLab(services, egress, secretValue);

    private static (Lab, RuntimeSettings) MakeLab(ServiceSpec[] services, bool egress, string secretValue)
    {
        // Unique names, as the generator guarantees.
        var unique = services.Select((s, i) => s with
        {
            Name = $"{s.Name}-{i}",
            Route = s.Route is null ? null : s.Route with { Subdomain = $"{s.Name}-{i}" },
            SecretEnvironment = s.SecretEnvironment.Select(e => e with { Secret = $"{s.Name}-{i}-secret" }).ToArray(),
        }).ToArray();
        if (egress && unique.Length > 1 && unique[0].Stack == unique[1].Stack)
            unique[1] = unique[1] with { EgressThrough = unique[0].Name, Networks = [] };
        var lab = new Lab { Name = "RandomLab", Domain = TestLabs.Domain, Services = unique };
        var secrets = unique.SelectMany(s => s.SecretEnvironment).ToDictionary(s => s.Secret, _ => secretValue);
        return (lab, RuntimeSettings.FromLab(lab) with { Secrets = new SecretValues(secrets) });
    }

    [Fact]
    public void Random_labs_render_and_parse_back_with_the_same_values()
    {
        LabGen(Hostile).Sample(t =>
        {
            var (lab, settings) = t;
            foreach (var stack in LabRenderer.Render(lab, settings).Servers.Single().Stacks)
            {
                var compose = YamlAccess.Parse(stack.Files.Single(f => f.RelativePath == "compose.yaml").Content);
                foreach (var service in lab.Services.Where(s => s.Stack == stack.Name))
                    AssertSameValues(service, compose.At("services", service.Name));
            }
        }, iter: Iterations(500), print: t => string.Join("\n", t.Lab.Services.Select(s => s.ToString())));
    }

    [Fact]
    public void Random_labs_pass_docker_compose_config()
    {
        if (!DockerComposeTool.IsAvailable()) return;
        LabGen(HostileForCompose).Sample(t =>
        {
            var (lab, settings) = t;
            foreach (var stack in LabRenderer.Render(lab, settings).Servers.Single().Stacks)
            {
                var result = DockerComposeTool.Config(stack.Files, quiet: false);
                Assert.True(result.ExitCode == 0, result.Stderr);
                var config = YamlAccess.Parse(result.Stdout);
                foreach (var service in lab.Services.Where(s => s.Stack == stack.Name))
                {
                    var node = config.At("services", service.Name);
                    foreach (var env in service.Environment.GroupBy(e => e.Name).Select(g => g.Last()))
                        Assert.Equal(Resolve(env.Value), YamlAccess.ComposeUnescape(node.At("environment", env.Name).Str()));
                    foreach (var label in service.Labels.GroupBy(l => l.Key).Select(g => g.Last()))
                        Assert.Equal(label.Value, YamlAccess.ComposeUnescape(node.At("labels", label.Key).Str()));
                }
            }
        }, iter: Iterations(6), threads: 1);
    }

    /// <summary>Runs more samples by hand: EZH_PROPERTY_ITERATIONS=20000 dotnet test ...</summary>
    private static long Iterations(long defaultCount) =>
        long.TryParse(Environment.GetEnvironmentVariable("EZH_PROPERTY_ITERATIONS"), out var n) && n > 0 ? Math.Max(n * defaultCount / 500, 1) : defaultCount;

    // What compose hands the container: lab variables replaced by their .env values (TZ defaults to Etc/UTC), $$ a '$'.
    private static string Resolve(string value) =>
        Rules.LabVariableRules.Expand(value, name => name switch { "DOMAIN" => TestLabs.Domain, "TZ" => "Etc/UTC", _ => null });

    private static void AssertSameValues(ServiceSpec service, YamlNode node)
    {
        // An [Env] value may reference lab variables, which stay; in it $$ is one '$' (every other value is literal).
        foreach (var env in service.Environment.GroupBy(e => e.Name).Select(g => g.Last()))
            Assert.Equal(Rules.LabVariableRules.Expand(env.Value, _ => null), YamlAccess.ComposeUnescape(node.At("environment", env.Name).Str()));
        foreach (var label in service.Labels.GroupBy(l => l.Key).Select(g => g.Last()))
            Assert.Equal(label.Value, YamlAccess.ComposeUnescape(node.At("labels", label.Key).Str()));
        if (service.Command is { Count: > 0 } command)
            Assert.Equal(command, node.At("command").Strings().Select(YamlAccess.ComposeUnescape));
        if (service.Healthcheck is { } health)
            Assert.Equal(health.Test, node.At("healthcheck", "test").Strings().Skip(health.Test[0] is "CMD" or "CMD-SHELL" or "NONE" ? 0 : 1).Select(YamlAccess.ComposeUnescape));
        if (service.User is not null) Assert.Equal(service.User, YamlAccess.ComposeUnescape(node.At("user").Str()));
        var labels = node.At("labels");
        if (!service.Labels.Any(l => l.Key.StartsWith("homepage.", StringComparison.Ordinal)))
        {
            Assert.Equal(service.Dashboard!.Group, YamlAccess.ComposeUnescape(labels.At("homepage.group").Str()));
            Assert.Equal(service.Dashboard.Name, YamlAccess.ComposeUnescape(labels.At("homepage.name").Str()));
        }
        if (service.Route is not null && service.EgressThrough is null)
            Assert.Equal("8080", labels.At($"traefik.http.services.{service.Name}.loadbalancer.server.port").Str());
    }
}
