using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Model;
using EzHomelab.Rendering;
using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// Issue 3's attributes ([CapAdd], [Device], [Admin], AllowBypassOnAdmin, [ExternalHost]): how they merge and what the
/// generator emits, the variants of their diagnostics beyond the one case per id, and the runtime twin: the run time's
/// <see cref="LabRoutes.Problems"/> must refuse exactly the labs the generator reports (and accept the corrected ones).
/// </summary>
public class PrivilegesAndExternalHostsTests
{
    private const string Web = """
        [Stack("web")]
        [Service(Image = "nginx:1.27")]
        """;

    private const string Nas = "http://192.168.1.10:5000";

    /// <summary>More cases for the rules of issue 3 (a diagnostic id may have several; <see cref="DiagnosticCases"/> has one each).</summary>
    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        // An admin route without its own access inherits a bypass lab default; the login portal stays exempt.
        new DiagnosticCase("EZH0038", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("", ", DefaultAccess = Access.Bypass"), LoginPortal, Services(Web + "[Admin][Route(8080)] public partial class Console;") },
            "Route(8080)", "'console'",
            new[]
            {
                DiagnosticCases.LabWith("", ", DefaultAccess = Access.Bypass"),
                Services(Web + "[Admin][Route(8080, Access = Access.OneFactor)] public partial class Console;\n"
                    + "[Stack(\"auth\")][Service(Image = \"authelia/authelia:4.38.17\")][Admin][Route(9091, Subdomain = \"auth\")] public partial class Authelia;"),
            }),
        // [Admin] on a base class counts.
        new DiagnosticCase("EZH0038", DiagnosticSeverity.Error,
            new[] { StandardLab, LoginPortal, Services("[Admin] public abstract class AdminUi;\n" + Web + "[Route(8080, Access = Access.Bypass)] public partial class Console : AdminUi;") },
            "Access = Access.Bypass", "'console'",
            new[] { StandardLab, LoginPortal, Services("[Admin] public abstract class AdminUi;\n" + Web + "[Route(8080, Access = Access.TwoFactor)] public partial class Console : AdminUi;") }),
        new DiagnosticCase("EZH0039", DiagnosticSeverity.Error,
            new[] { StandardLab, LoginPortal, Services(Web + "[Device(\"dev/net/tun\")] public partial class Web;") }, "\"dev/net/tun\"", "'web'",
            new[] { StandardLab, LoginPortal, Services(Web + "[Device(\"/dev/net/tun\")] public partial class Web;") }),
        new DiagnosticCase("EZH0039", DiagnosticSeverity.Error,
            new[] { StandardLab, LoginPortal, Services(Web + "[Device(\"/dev/dri\", ContainerPath = \"/dev/dri:rw\")] public partial class Web;") }, "ContainerPath = \"/dev/dri:rw\"", "'web'",
            new[] { StandardLab, LoginPortal, Services(Web + "[Device(\"/dev/dri\", ContainerPath = \"/dev/dri\")] public partial class Web;") }),
        new DiagnosticCase("EZH0039", DiagnosticSeverity.Error,
            new[] { StandardLab, LoginPortal, Services(Web + "[Device(\"/dev/dri\", Permissions = \"rwx\")] public partial class Web;") }, "Permissions = \"rwx\"", "'web'",
            new[] { StandardLab, LoginPortal, Services(Web + "[Device(\"/dev/dri\", Permissions = \"rw\")] public partial class Web;") }),
        // EZH0008 also covers an external host's subdomain.
        new DiagnosticCase("EZH0008", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith($"[ExternalHost(\"NAS\", \"{Nas}\")]"), LoginPortal, Services(Web + "public partial class Web;") }, "\"NAS\"", "[ExternalHost] subdomain",
            new[] { DiagnosticCases.LabWith($"[ExternalHost(\"nas\", \"{Nas}\")]"), LoginPortal, Services(Web + "public partial class Web;") }),
        // EZH0007: an external host against a service route (the service keeps its host) ...
        new DiagnosticCase("EZH0007", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith($"[ExternalHost(\"web\", \"{Nas}\")]"), LoginPortal, Services(Web + "[Route(80)] public partial class Web;") }, "\"web\"", "'web'",
            new[] { DiagnosticCases.LabWith($"[ExternalHost(\"nas\", \"{Nas}\")]"), LoginPortal, Services(Web + "[Route(80)] public partial class Web;") }),
        // ... and against another external host (the first keeps it).
        new DiagnosticCase("EZH0007", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith($"[ExternalHost(\"nas\", \"{Nas}\")]\n[ExternalHost(\"nas\", \"http://192.168.1.11:8006\")]"), LoginPortal, Services(Web + "public partial class Web;") },
            "\"nas\"", "another [ExternalHost]",
            new[] { DiagnosticCases.LabWith($"[ExternalHost(\"nas\", \"{Nas}\")]\n[ExternalHost(\"proxmox\", \"https://192.168.1.11:8006\")]"), LoginPortal, Services(Web + "public partial class Web;") }),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    /// <summary>Every case of the rules that the run time re-checks in <see cref="LabRoutes.Problems"/>.</summary>
    public static IEnumerable<object[]> RuntimeTwinCases =>
        DiagnosticCases.Cases.Where(c => c.Id is "EZH0038" or "EZH0039" or "EZH0040").Concat(Variants).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_triggers_on_the_offending_argument(DiagnosticCase c) => new DiagnosticTests().Trigger_reports_the_diagnostic_on_the_offending_argument(c);

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    [Theory]
    [MemberData(nameof(RuntimeTwinCases))]
    public void Runtime_refuses_what_the_generator_reports(DiagnosticCase c) => RuntimeTwin.AssertRefusesWhatTheGeneratorReports(c);

    [Fact]
    public void Admin_bypass_message_is_the_same_at_compile_time_and_run_time()
    {
        var c = DiagnosticCases.Cases.Single(x => x.Id == "EZH0038");
        var run = GeneratorHarness.Run(c.Trigger);
        var diagnostic = Assert.Single(run.WithId("EZH0038"));
        var runtime = Assert.Single(LabRoutes.AdminBypassViolations(LabLoader.Lab(run.Output, "Lab.MyLab")));
        Assert.Equal(runtime, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A base class with privileges and a derived class that refines them.</summary>
    internal static readonly string[] MergeLab =
    {
        DiagnosticCases.LabWith($"""
            [ExternalHost("nas", "{Nas}", Access = Access.OneFactor, DashboardGroup = "Storage", Icon = "synology.png", Description = "Files")]
            [ExternalHost("proxmox", "https://192.168.1.11:8006")]
            [ExternalHost("router", "http://192.168.1.1", DashboardGroup = "Network", Name = "Router")]
            """),
        LoginPortal,
        Services("""
            [CapAdd("NET_ADMIN")]
            [Device("/dev/net/tun")]
            [Device("/dev/dri")]
            [Admin]
            [Route(8000, AllowBypassOnAdmin = true)]
            public abstract class VpnBase;

            [Stack("vpn")]
            [Service(Image = "qmcgaw/gluetun:v3.40.0")]
            [CapAdd("SYS_TIME")]
            [CapAdd("NET_ADMIN")]
            [Device("/dev/net/tun", ContainerPath = "/dev/net/tun", Permissions = "rwm")]
            [Device("/dev/kvm", Permissions = "rw")]
            [Route(8000, Access = Access.Bypass)]
            public partial class Gluetun : VpnBase;
            """),
    };

    [Fact]
    public void Privileges_merge_base_first_and_a_derived_device_replaces_the_base_one()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var gluetun = LabLoader.Service(run.Output, "Lab.Gluetun");
        Assert.Equal(new[] { "NET_ADMIN", "SYS_TIME" }, gluetun.CapAdd);
        Assert.Equal(
            new[] { new DeviceSpec("/dev/net/tun", "/dev/net/tun", "rwm"), new DeviceSpec("/dev/dri"), new DeviceSpec("/dev/kvm", Permissions: "rw") },
            gluetun.Devices);
        Assert.True(gluetun.IsAdmin);
        // Merged per argument: the base's acknowledgement stays, the derived class sets the access.
        Assert.Equal(Access.Bypass, gluetun.Route!.Access);
        Assert.True(gluetun.Route.AllowBypassOnAdmin);
    }

    [Fact]
    public void External_hosts_are_emitted_in_declaration_order_with_their_dashboard_entries()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Equal(
            new[]
            {
                new ExternalHostSpec("nas", Nas, Access.OneFactor, new DashboardSpec("Storage", "nas", "synology.png", "Files")),
                new ExternalHostSpec("proxmox", "https://192.168.1.11:8006"),
                new ExternalHostSpec("router", "http://192.168.1.1", Access.Default, new DashboardSpec("Network", "Router")),
            },
            lab.ExternalHosts);
        Assert.Empty(LabRoutes.Problems(lab));
    }

    [Fact]
    public void A_service_without_the_new_attributes_emits_none_of_their_properties()
    {
        var run = GeneratorHarness.Run(StandardLab, LoginPortal, Services(Web + "[Route(80)] public partial class Web;"));
        run.AssertClean();
        var generated = run.AllGenerated();
        Assert.DoesNotContain("CapAdd", generated);
        Assert.DoesNotContain("Devices", generated);
        Assert.DoesNotContain("IsAdmin", generated);
        Assert.DoesNotContain("AllowBypassOnAdmin", generated);
        Assert.DoesNotContain("ExternalHosts", generated);
        var web = LabLoader.Service(run.Output, "Lab.Web");
        Assert.Empty(web.CapAdd);
        Assert.False(web.Route!.AllowBypassOnAdmin);
    }
}
