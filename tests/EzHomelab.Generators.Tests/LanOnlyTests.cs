using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Model;
using EzHomelab.Rendering;
using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// <c>Access.LanOnly</c> and <c>[Homelab(LanNetworks)]</c>: what the generator emits, the diagnostics (EZH0028 for a network,
/// EZH0038 for a LAN-only admin UI) and the run-time twin that refuses the same labs.
/// </summary>
public class LanOnlyTests
{
    private const string Web = "[Stack(\"web\")][Service(Image = \"nginx:1.27\")]\n";
    private const string Dockge = "[Stack(\"tools\")][Service(Image = \"louislam/dockge:1.4.2\")]";

    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("", ", LanNetworks = new[] { \"10.0.0.0/8\", \"192.168.1.0/33\" }"), LoginPortal, Services(Web + "public partial class Web;") },
            "LanNetworks = new[] { \"10.0.0.0/8\", \"192.168.1.0/33\" }", "[Homelab] LanNetworks entry '192.168.1.0/33'",
            new[] { DiagnosticCases.LabWith("", ", LanNetworks = new[] { \"10.0.0.0/8\", \"192.168.1.0/24\", \"fd00::/8\" }"), LoginPortal, Services(Web + "public partial class Web;") }),
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("", ", LanNetworks = new string[0]"), LoginPortal, Services(Web + "public partial class Web;") },
            "LanNetworks = new string[0]", "[Homelab] LanNetworks",
            new[] { DiagnosticCases.LabWith("", ", LanNetworks = new[] { \"192.168.1.10\" }"), LoginPortal, Services(Web + "public partial class Web;") }),
        new DiagnosticCase("EZH0038", DiagnosticSeverity.Error,
            new[] { StandardLab, LoginPortal, Services(Dockge + "[Route(5001, Access = Access.LanOnly)] public partial class Dockge;") },
            "Access = Access.LanOnly", "'dockge'",
            new[] { StandardLab, LoginPortal, Services(Dockge + "[Route(5001, Access = Access.LanOnly, AllowBypassOnAdmin = true)] public partial class Dockge;") }),
        new DiagnosticCase("EZH0038", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("", ", DefaultAccess = Access.LanOnly"), LoginPortal, Services(Dockge + "[Route(5001)] public partial class Dockge;") },
            "Route(5001)", "'dockge'",
            new[] { DiagnosticCases.LabWith("", ", DefaultAccess = Access.LanOnly"), LoginPortal, Services(Dockge + "[Route(5001, Access = Access.OneFactor)] public partial class Dockge;") }),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_triggers_on_the_offending_argument(DiagnosticCase c) => new DiagnosticTests().Trigger_reports_the_diagnostic_on_the_offending_argument(c);

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Runtime_refuses_what_the_generator_reports(DiagnosticCase c) => RuntimeTwin.AssertRefusesWhatTheGeneratorReports(c);

    /// <summary>A lab with its own LAN networks, a LAN-only default and a LAN-only route, written with the enum's full name too.</summary>
    internal static readonly string[] LanLab =
    {
        DiagnosticCases.LabWith("", ", DefaultAccess = EzHomelab.Access.LanOnly, LanNetworks = new[] { \"192.168.1.0/24\", \"fd00::/8\" }"),
        LoginPortal,
        Services(Web + "[Route(80, Access = Access.LanOnly)] public partial class Web;\n"
            + "[Stack(\"web\")][Service(Image = \"nginx:1.27\")][Route(81)] public partial class Other;"),
    };

    [Fact]
    public void Lan_networks_and_lan_only_access_are_emitted()
    {
        var run = GeneratorHarness.Run(LanLab);
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Equal(new[] { "192.168.1.0/24", "fd00::/8" }, lab.LanNetworks);
        Assert.Equal(Access.LanOnly, lab.DefaultAccess);
        Assert.Equal(Access.LanOnly, LabLoader.Service(run.Output, "Lab.Web").Route!.Access);
        Assert.Equal(Access.Default, LabLoader.Service(run.Output, "Lab.Other").Route!.Access);
    }

    [Fact]
    public void Without_lan_networks_the_lab_keeps_the_private_ranges_and_emits_none()
    {
        var run = GeneratorHarness.Run(StandardLab, LoginPortal, Services(Web + "[Route(80, Access = Access.LanOnly)] public partial class Web;"));
        run.AssertClean();
        Assert.DoesNotContain("LanNetworks", run.AllGenerated());
        Assert.Equal(Lab.DefaultLanNetworks, LabLoader.Lab(run.Output, "Lab.MyLab").LanNetworks);
    }
}
