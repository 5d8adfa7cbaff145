using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using Microsoft.CodeAnalysis;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// The hardening attributes: the variants of their diagnostics beyond the one case per id, how they merge along a class
/// chain and with the lab's defaults, what the generator emits (nothing for a service without them), and that the
/// syntactic path reads them without falling back to the compiler.
/// </summary>
public class HardeningTests
{
    private const string Web = """
        [Stack("web")]
        [Service(Image = "nginx:1.27")]
        """;

    private static DiagnosticCase Variant(string id, DiagnosticSeverity severity, string trigger, string locationText, string named, string valid) =>
        new(id, severity, new[] { StandardLab, LoginPortal, Services(trigger) }, locationText, named, new[] { StandardLab, LoginPortal, Services(valid) });

    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        // The socket: a folder above it hands it over too, read-only or not, and so does the other path of the same socket.
        Variant("EZH0050", DiagnosticSeverity.Warning,
            Web + "[Volume(\"/var/run\", \"/var/run\", ReadOnly = true)] public partial class Web;", "\"/var/run\"", "'web'",
            Web + "[Volume(\"/var/lib/web\", \"/var/run\", ReadOnly = true)] public partial class Web;"),
        Variant("EZH0050", DiagnosticSeverity.Warning,
            Web + "[Volume(\"/run/docker.sock\", \"/var/run/docker.sock\")] public partial class Web;", "\"/run/docker.sock\"", "'web'",
            "[Stack(\"web\")][Service(Image = \"ghcr.io/tecnativa/docker-socket-proxy:0.3.0\")][Volume(\"/run/docker.sock\", \"/var/run/docker.sock\")] public partial class Web;"),
        // An [AllowDockerSocket] without a reason does not silence it, and the message says why.
        Variant("EZH0050", DiagnosticSeverity.Warning,
            Web + "[Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\")][AllowDockerSocket] public partial class Web;", "\"/var/run/docker.sock\"", "gives no Reason",
            Web + "[Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\")][AllowDockerSocket(Reason = \"restarts containers on a schedule\")] public partial class Web;"),
        // Dockge and Sablier are recognised by image, whatever the class is called.
        Variant("EZH0050", DiagnosticSeverity.Warning,
            "[Stack(\"tools\")][Service(Image = \"portainer/portainer-ce:2.27.1\")][Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\")] public partial class Dockge;",
            "\"/var/run/docker.sock\"", "'dockge'",
            "[Stack(\"tools\")][Service(Image = \"louislam/dockge:1.4.2\")][Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\")] public partial class Stacks;\n"
            + "[Stack(\"tools\")][Service(Image = \"sablierapp/sablier:1.10.3\")][Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\", ReadOnly = true)] public partial class Starter;"),
        Variant("EZH0053", DiagnosticSeverity.Error,
            Web + "[HostNamespaces(Network = true, Reason = \"mDNS\")][Route(8123)] public partial class Web;", "Route(8123)", "[ExternalHost]",
            Web + "[HostNamespaces(Network = true, Reason = \"mDNS\")] public partial class Web;"),
        Variant("EZH0053", DiagnosticSeverity.Error,
            Web + "[HostNamespaces(Network = true, Reason = \"mDNS\")][Network(\"iot\")] public partial class Web;", "Network(\"iot\")", "join networks",
            Web + "[HostNamespaces(Network = true, Reason = \"mDNS\")] public partial class Web;"),
        Variant("EZH0053", DiagnosticSeverity.Error,
            Web + "public partial class Vpn;\n" + Web + "[HostNamespaces(Network = true, Reason = \"mDNS\")][Egress<Vpn>] public partial class Web;", "Egress<Vpn>", "'vpn'",
            Web + "public partial class Vpn;\n" + Web + "[Egress<Vpn>] public partial class Web;"),
        Variant("EZH0049", DiagnosticSeverity.Warning,
            Web + "[SecurityOpt(\"apparmor=unconfined\")] public partial class Web;", "\"apparmor=unconfined\"", "AppArmor profile",
            Web + "[SecurityOpt(\"apparmor=my-profile\")] public partial class Web;"),
        Variant("EZH0049", DiagnosticSeverity.Warning,
            Web + "[SecurityOpt(\"label:disable\", Reason = \" \")] public partial class Web;", "\"label:disable\"", "SELinux",
            Web + "[SecurityOpt(\"label:disable\", Reason = \"writes to a host folder without an SELinux label\")] public partial class Web;"),
        Variant("EZH0052", DiagnosticSeverity.Error,
            Web + "[SecurityOpt(\"no-new-privileges:false\")] public partial class Web;", "\"no-new-privileges:false\"", "[AllowNewPrivileges",
            Web + "[AllowNewPrivileges(Reason = \"its users run sudo\")] public partial class Web;"),
        Variant("EZH0052", DiagnosticSeverity.Error,
            Web + "[SecurityOpt(\"apparmor my-profile\")] public partial class Web;", "\"apparmor my-profile\"", "name:value",
            Web + "[SecurityOpt(\"apparmor:my-profile\")] public partial class Web;"),
        Variant("EZH0052", DiagnosticSeverity.Error,
            Web + "[Volume(\"./cache\", \"/tmp\")][ReadOnlyRoot(Tmpfs = new[] { \"/tmp:size=16m\" })] public partial class Web;", "Tmpfs = new[] { \"/tmp:size=16m\" }", "[Volume] target",
            Web + "[Volume(\"./cache\", \"/var/cache/nginx\")][ReadOnlyRoot(Tmpfs = new[] { \"/tmp:size=16m\" })] public partial class Web;"),
        Variant("EZH0052", DiagnosticSeverity.Error,
            Web + "[Logging(MaxSize = \"ten\")] public partial class Web;", "MaxSize = \"ten\"", "[Logging] MaxSize",
            Web + "[Logging(MaxSize = \"50m\", MaxFiles = 5)] public partial class Web;"),
        Variant("EZH0033", DiagnosticSeverity.Error,
            Web + "[Logging(MaxFiles = -1)] public partial class Web;", "MaxFiles = -1", "[Logging] MaxFiles",
            Web + "[Logging(MaxFiles = 1)] public partial class Web;"),
        Variant("EZH0016", DiagnosticSeverity.Error,
            Web + "[Resources(Pids = -1)] public partial class Web;", "Pids = -1", "[Resources] Pids",
            Web + "[Resources(Pids = 64)] public partial class Web;"),
        // The lab's defaults are checked like a service's values.
        new DiagnosticCase("EZH0016", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("[Resources(Memory = \"lots\")]"), LoginPortal, Services(Web + "public partial class Web;") }, "Memory = \"lots\"", "Lab.MyLab",
            new[] { DiagnosticCases.LabWith("[Resources(Memory = \"2g\", Pids = 2048)]"), LoginPortal, Services(Web + "public partial class Web;") }),
        new DiagnosticCase("EZH0052", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("[Logging(MaxSize = \"10x\")]"), LoginPortal, Services(Web + "public partial class Web;") }, "MaxSize = \"10x\"", "Lab.MyLab",
            new[] { DiagnosticCases.LabWith("[Logging(MaxSize = \"20m\")]"), LoginPortal, Services(Web + "public partial class Web;") }),
        Variant("EZH0051", DiagnosticSeverity.Warning,
            Web + "[KeepCapabilities(Reason = \"  \")] public partial class Web;", "Reason = \"  \"", "[KeepCapabilities]",
            Web + "[CapAdd(\"CHOWN\")] public partial class Web;"),
        Variant("EZH0054", DiagnosticSeverity.Warning,
            Web + "[Privileged(Reason = \"needs the host's devices\")][KeepCapabilities(Reason = \"unknown\")] public partial class Web;", "Reason = \"unknown\"", "every capability anyway",
            Web + "[Privileged(Reason = \"needs the host's devices\")] public partial class Web;"),
        Variant("EZH0054", DiagnosticSeverity.Warning,
            Web + "[HostNamespaces(Reason = \"discovery\")] public partial class Web;", "HostNamespaces(Reason = \"discovery\")", "shares no namespace",
            Web + "[HostNamespaces(Network = false, Ipc = true, Reason = \"talks to the host's X server\")] public partial class Web;"),
        Variant("EZH0054", DiagnosticSeverity.Warning,
            "[Stack(\"tools\")][Service(Image = \"louislam/dockge:1.4.2\")][Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\")][AllowDockerSocket(Reason = \"runs compose\")] public partial class Dockge;",
            "Reason = \"runs compose\"", "louislam/dockge",
            "[Stack(\"tools\")][Service(Image = \"louislam/dockge:1.4.2\")][Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\")] public partial class Dockge;"),
        Variant("EZH0036", DiagnosticSeverity.Error,
            Web + "[SecurityOpt(\"apparmor:web\")][SecurityOpt(\"apparmor:web\")] public partial class Web;", "\"apparmor:web\"", "security option",
            Web + "[SecurityOpt(\"apparmor:web\")] public partial class Web;"),
        // A reason given on a base class counts for the services derived from it.
        Variant("EZH0047", DiagnosticSeverity.Warning,
            "[Privileged] public abstract class Device;\n" + Web + "public partial class Web : Device;", "Privileged", "'web'",
            "[Privileged(Reason = \"drives the host's USB devices\")] public abstract class Device;\n" + Web + "public partial class Web : Device;"),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_triggers_on_the_offending_argument(DiagnosticCase c)
    {
        var run = GeneratorHarness.Run(c.Trigger);
        run.AssertGeneratorDidNotThrow();
        // A variant may share its trigger's location with a case of another id; only its own id is counted.
        var diagnostic = Assert.Single(run.WithId(c.Id));
        Assert.Equal(c.Severity, diagnostic.Severity);
        Assert.Contains(c.NamedInMessage, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(c.LocationText, run.LocationText(diagnostic));
    }

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    /// <summary>The hardening errors the run time re-checks in <see cref="LabRoutes.Problems"/> (warnings are the generator's alone).</summary>
    public static IEnumerable<object[]> RuntimeTwinCases =>
        DiagnosticCases.Cases.Where(c => c.Id is "EZH0052" or "EZH0053")
            .Concat(Variants.Where(c => c.Id is "EZH0052" or "EZH0053" or "EZH0016" or "EZH0033"))
            .Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(RuntimeTwinCases))]
    public void Runtime_refuses_what_the_generator_reports(DiagnosticCase c) => RuntimeTwin.AssertRefusesWhatTheGeneratorReports(c);

    /// <summary>A base class with hardening attributes, a derived class that refines them, and a lab with defaults of its own.</summary>
    internal static readonly string[] MergeLab =
    {
        DiagnosticCases.LabWith("[Resources(Memory = \"2g\", Pids = 2048)]\n[Logging(MaxFiles = 4)]"),
        LoginPortal,
        Services("""
            [Privileged(Reason = "reads the host's sensors")]
            [SecurityOpt("apparmor:monitor")]
            [SecurityOpt("seccomp:unconfined")]
            [ReadOnlyRoot(Tmpfs = new[] { "/tmp" })]
            [Logging(MaxSize = "50m")]
            [Resources(Pids = 256)]
            [HostNamespaces(Network = true, Reason = "base reason")]
            public abstract class MonitorBase;

            [Stack("monitoring")]
            [Service(Image = "nicolargo/glances:4.3.1")]
            [SecurityOpt("seccomp:unconfined", Reason = "reads every process's counters")]
            [HostNamespaces(Network = false, Pid = true, Reason = "lists the host's processes")]
            [AllowNewPrivileges(Reason = "its plugins call sudo")]
            [Volume("/var/run/docker.sock", "/var/run/docker.sock", ReadOnly = true)]
            [AllowDockerSocket(Reason = "shows the containers' stats")]
            public partial class Glances : MonitorBase;

            [Stack("web")]
            [Service(Image = "nginx:1.27")]
            [Resources(Cpus = "0.5", MemoryReservation = "3g")]
            public partial class Web;
            """),
    };

    [Fact]
    public void Hardening_merges_base_first_and_per_argument()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var glances = LabLoader.Service(run.Output, "Lab.Glances");
        Assert.Equal(new Exemption("reads the host's sensors"), glances.Privileged);
        Assert.Equal(new Exemption("its plugins call sudo"), glances.AllowNewPrivileges);
        Assert.Equal(new Exemption("shows the containers' stats"), glances.AllowDockerSocket);
        Assert.Null(glances.KeepCapabilities);
        // Per argument: the derived class turns the network off and the PID namespace on, and its reason wins.
        Assert.Equal(new HostNamespacesSpec(Network: false, Pid: true, Reason: "lists the host's processes"), glances.HostNamespaces);
        // Base first; the derived entry with the same option replaces the base's in place (and gives it a reason).
        Assert.Equal(new[] { new SecurityOptSpec("apparmor:monitor"), new SecurityOptSpec("seccomp:unconfined", "reads every process's counters") }, glances.SecurityOptions);
        Assert.Equal(new[] { "/tmp" }, glances.ReadOnlyRoot!.Tmpfs);
        Assert.Equal(new LoggingSpec("50m"), glances.Logging);
        Assert.Equal(256, glances.Resources!.Pids);

        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Equal(ServiceDefaults.BuiltIn with { Memory = "2g", Pids = 2048, LogMaxFiles = 4 }, lab.ServiceDefaults);
    }

    [Fact]
    public void The_rendered_compose_file_applies_the_merged_hardening_and_the_lab_defaults()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        var rendered = LabRenderer.Render(lab, RuntimeSettings.FromLab(lab));
        YamlMappingNode Service(string stack, string name)
        {
            var compose = rendered.Servers[0].Stacks.Single(s => s.Name == stack).Files.Single(f => f.RelativePath == "compose.yaml").Content;
            var yaml = new YamlStream();
            yaml.Load(new StringReader(compose));
            return (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"])[name];
        }
        static string Scalar(YamlNode node, params string[] path)
        {
            foreach (var key in path) node = ((YamlMappingNode)node)[key];
            return ((YamlScalarNode)node).Value!;
        }
        static string[] Sequence(YamlNode node, string key) => ((YamlSequenceNode)((YamlMappingNode)node)[key]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

        var glances = Service("monitoring", "glances");
        Assert.Equal("true", Scalar(glances, "privileged"));
        Assert.False(glances.Children.ContainsKey("cap_drop")); // privileged has every capability anyway
        Assert.Equal(new[] { "apparmor:monitor", "seccomp:unconfined" }, Sequence(glances, "security_opt")); // no no-new-privileges
        Assert.Equal("host", Scalar(glances, "pid"));
        Assert.True(glances.Children.ContainsKey("networks"));
        Assert.Equal("true", Scalar(glances, "read_only"));
        Assert.Equal(new[] { "/tmp" }, Sequence(glances, "tmpfs"));
        Assert.Equal("50m", Scalar(glances, "logging", "options", "max-size"));
        Assert.Equal("4", Scalar(glances, "logging", "options", "max-file"));
        Assert.Equal("256", Scalar(glances, "pids_limit"));
        Assert.Equal("2g", Scalar(glances, "deploy", "resources", "limits", "memory"));

        var web = Service("web", "web");
        Assert.Equal(new[] { "ALL" }, Sequence(web, "cap_drop"));
        Assert.Equal(new[] { "no-new-privileges:true" }, Sequence(web, "security_opt"));
        Assert.Equal("2048", Scalar(web, "pids_limit"));
        Assert.Equal("0.5", Scalar(web, "deploy", "resources", "limits", "cpus"));
        // The lab's 2g default would be below the service's own 3g reservation, which Docker refuses.
        Assert.Equal("3g", Scalar(web, "deploy", "resources", "limits", "memory"));
        Assert.Equal("json-file", Scalar(web, "logging", "driver"));
        Assert.Equal("10m", Scalar(web, "logging", "options", "max-size"));
    }

    [Fact]
    public void A_service_without_hardening_attributes_emits_none_of_their_properties()
    {
        var run = GeneratorHarness.Run(StandardLab, LoginPortal, Services(Web + "[Route(80)] public partial class Web;"));
        run.AssertClean();
        var generated = run.AllGenerated();
        foreach (var property in new[] { "AllowNewPrivileges", "KeepCapabilities", "AllowDockerSocket", "Privileged", "HostNamespaces", "SecurityOptions", "ReadOnlyRoot", "Logging", "Pids", "ServiceDefaults" })
            Assert.DoesNotContain(property, generated);
        var web = LabLoader.Service(run.Output, "Lab.Web");
        Assert.Null(web.Privileged);
        Assert.Empty(web.SecurityOptions);
        Assert.Same(ServiceDefaults.BuiltIn, LabLoader.Lab(run.Output, "Lab.MyLab").ServiceDefaults);
    }

    [Fact]
    public void Hardening_attributes_are_read_from_syntax_without_the_compiler()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(MergeLab.Select((s, i) => ($"File{i}.cs", s))));
        var outcomes = run.Result.TrackedSteps[TrackingNames.ClassModels].SelectMany(s => s.Outputs).Select(o => (Syntax.ClassOutcome)o.Value).ToList();
        Assert.DoesNotContain(outcomes, o => o.Fallback is not null);
        Assert.Equal(3, outcomes.Count(o => o.Service is not null));
        Assert.Single(outcomes, o => o.Lab is not null);
    }

    [Fact]
    public void A_reason_reaches_the_compose_file_as_a_comment_above_the_service()
    {
        var run = GeneratorHarness.Run(MergeLab);
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        var compose = LabRenderer.Render(lab, RuntimeSettings.FromLab(lab)).Servers[0].Stacks.Single(s => s.Name == "monitoring")
            .Files.Single(f => f.RelativePath == "compose.yaml").Content;
        var above = compose[..compose.IndexOf("  glances:", StringComparison.Ordinal)];
        Assert.Contains("# Mounts the Docker socket itself: shows the containers' stats", above);
        Assert.Contains("# Runs privileged: reads the host's sensors", above);
        Assert.Contains("# Without no-new-privileges: its plugins call sudo", above);
        Assert.Contains("# Shares the host's PID namespace: lists the host's processes", above);
        Assert.Contains("# seccomp:unconfined: reads every process's counters", above);
    }
}
