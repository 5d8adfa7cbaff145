using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using Microsoft.CodeAnalysis;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// <c>[Network(Internal = true)]</c>: EZH0057 beyond its one case, how a derived class changes a base's network, what the
/// generator emits, and the compose file it leads to.
/// </summary>
public class InternalNetworkTests
{
    private const string Web = """
        [Stack("web")]
        [Service(Image = "nginx:1.27")]
        """;

    private const string Db = """
        [Stack("web")]
        [Service(Image = "postgres:17.6-alpine")]
        """;

    private static DiagnosticCase Variant(string trigger, string locationText, string named, string valid) =>
        new("EZH0057", DiagnosticSeverity.Error, new[] { StandardLab, LoginPortal, Services(trigger) }, locationText, named, new[] { StandardLab, LoginPortal, Services(valid) });

    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        // The lab-wide networks have a route out and are created outside the stacks: never internal.
        Variant(Web + "[Network(\"homelab-network\", Internal = true)] public partial class Web;", "Internal = true", "lab-wide",
            Web + "[Network(\"homelab-network\")] public partial class Web;"),
        // A base's plain network disagrees with the database; the derived class's own entry replaces the base's.
        Variant("[Network(\"backend\")] public abstract class App;\n" + Db + "[Network(\"backend\", Internal = true)] public partial class Store;\n"
                + Web + "[Route(80)] public partial class Web : App;", "Network(\"backend\")", "'store'",
            "[Network(\"backend\")] public abstract class App;\n" + Db + "[Network(\"backend\", Internal = true)] public partial class Store;\n"
                + Web + "[Route(80)][Network(\"backend\", Internal = true)] public partial class Web : App;"),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_triggers_on_the_offending_argument(DiagnosticCase c)
    {
        var run = GeneratorHarness.Run(c.Trigger);
        run.AssertGeneratorDidNotThrow();
        var diagnostic = Assert.Single(run.WithId(c.Id));
        Assert.Equal(c.Severity, diagnostic.Severity);
        Assert.Contains(c.NamedInMessage, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(c.LocationText, run.LocationText(diagnostic));
    }

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    public static IEnumerable<object[]> RuntimeTwinCases =>
        DiagnosticCases.Cases.Where(c => c.Id == "EZH0057").Concat(Variants).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(RuntimeTwinCases))]
    public void Runtime_refuses_what_the_generator_reports(DiagnosticCase c) => RuntimeTwin.AssertRefusesWhatTheGeneratorReports(c);

    /// <summary>An app and its database on an internal network, a worker that keeps its way out, and another stack's network of the same name.</summary>
    internal static readonly string[] MergeLab =
    {
        StandardLab,
        LoginPortal,
        Services("""
            [Network("backend", Internal = true)]
            public abstract class App;

            [Stack("web")]
            [Service(Image = "nginx:1.27")]
            [Route(80)]
            public partial class Web : App;

            [Stack("web")]
            [Service(Image = "busybox:1.37.0")]
            [Network("homelab-network")]
            public partial class Worker : App;

            [Stack("web")]
            [Service(Image = "postgres:17.6-alpine")]
            [Network("backend", Internal = true)]
            public partial class Store;

            [Stack("other")]
            [Service(Image = "redis:8.2.1")]
            [Network("backend")]
            public partial class Cache;
            """),
    };

    [Fact]
    public void Internal_is_emitted_with_the_networks_and_inherited()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var web = LabLoader.Service(run.Output, "Lab.Web");
        Assert.Equal(new[] { "backend" }, web.Networks);
        Assert.Equal(new[] { "backend" }, web.InternalNetworks);
        var worker = LabLoader.Service(run.Output, "Lab.Worker");
        Assert.Equal(new[] { "backend", "homelab-network" }, worker.Networks);
        Assert.Equal(new[] { "backend" }, worker.InternalNetworks);
        var cache = LabLoader.Service(run.Output, "Lab.Cache");
        Assert.Equal(new[] { "backend" }, cache.Networks);
        Assert.Empty(cache.InternalNetworks);
    }

    [Fact]
    public void The_compose_file_declares_the_network_internal_and_confines_the_database()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        var rendered = LabRenderer.Render(lab, RuntimeSettings.FromLab(lab));
        YamlMappingNode Compose(string stack)
        {
            var text = rendered.Servers[0].Stacks.Single(s => s.Name == stack).Files.Single(f => f.RelativePath == "compose.yaml").Content;
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            return (YamlMappingNode)yaml.Documents[0].RootNode;
        }
        static IEnumerable<string> Networks(YamlMappingNode compose, string service) =>
            ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)compose["services"])[service])["networks"]).Select(n => ((YamlScalarNode)n).Value!);

        var web = Compose("web");
        var backend = (YamlMappingNode)((YamlMappingNode)web["networks"])["backend"];
        Assert.Equal("true", ((YamlScalarNode)backend["internal"]).Value);
        Assert.Equal(new[] { "backend" }, Networks(web, "store"));
        Assert.Equal(new[] { "homelab-network", "traefik-network", "backend" }, Networks(web, "web"));
        Assert.Equal(new[] { "homelab-network", "backend" }, Networks(web, "worker"));

        var other = Compose("other");
        Assert.Empty((YamlMappingNode)((YamlMappingNode)other["networks"])["backend"]);
        Assert.Equal(new[] { "homelab-network", "backend" }, Networks(other, "cache"));
    }
}
