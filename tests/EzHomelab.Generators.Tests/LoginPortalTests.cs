using System.Globalization;
using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Traefik;
using EzHomelab.Settings;
using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// EZH0043: a route that asks for a login (its own access or the lab's default, LAN-only included) in a lab without an
/// Authelia service. The runner's twin (<see cref="LabRoutes.RoutesWithoutPortal"/>) warns about exactly the same routes
/// with the same text, and the rendered files show why: the router names <c>authelia@file</c>, which is not rendered.
/// </summary>
public class LoginPortalTests
{
    private const string Web = "[Stack(\"web\")][Service(Image = \"nginx:1.27\")]";
    private const string Traefik = "[Stack(\"core\")][Service(Image = \"traefik:v3.3.4\")][PublishPort(443, 443)]";
    private const string OpenTraefik = Traefik + "[Route(8080, Access = Access.Bypass, AllowBypassOnAdmin = true)] public partial class Traefik;";

    /// <summary>More cases than the one in <see cref="DiagnosticCases"/>: each kind of route, access and lab default.</summary>
    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        // An access of its own: no mention of the lab's default.
        new DiagnosticCase("EZH0043", DiagnosticSeverity.Warning,
            new[] { StandardLab, Services(Web + "[Route(80, Access = Access.OneFactor)] public partial class Web;") }, "Access = Access.OneFactor",
            "[Route] 'web' asks for a one-factor login, but the lab has no login portal",
            new[] { StandardLab, Services(Web + "[Route(80, Access = Access.Bypass)] public partial class Web;") }),
        // LAN-only is Authelia's decision too.
        new DiagnosticCase("EZH0043", DiagnosticSeverity.Warning,
            new[] { DiagnosticCases.LabWith("", ", DefaultAccess = Access.LanOnly"), Services(Web + "[Route(80)] public partial class Web;") }, "Route(80)",
            "[Route] 'web' is LAN-only, which Authelia checks (the lab's DefaultAccess)",
            new[] { DiagnosticCases.LabWith("", ", DefaultAccess = Access.LanOnly"), LoginPortal, Services(Web + "[Route(80)] public partial class Web;") }),
        // (The Traefik that serves external hosts has an open dashboard here, so that the external host is the one warning.)
        new DiagnosticCase("EZH0043", DiagnosticSeverity.Warning,
            new[] { DiagnosticCases.LabWith("[ExternalHost(\"nas\", \"http://192.168.1.10:5000\")]", ", DefaultAccess = Access.OneFactor"), Services(OpenTraefik) },
            "ExternalHost(\"nas\", \"http://192.168.1.10:5000\")", "[ExternalHost(\"nas\")] on MyLab asks for a one-factor login (the lab's DefaultAccess)",
            new[] { DiagnosticCases.LabWith("[ExternalHost(\"nas\", \"http://192.168.1.10:5000\", Access = Access.Bypass)]", ", DefaultAccess = Access.OneFactor"), Services(OpenTraefik) }),
        // A Traefik without a route still has its dashboard, which never goes without a login.
        new DiagnosticCase("EZH0043", DiagnosticSeverity.Warning,
            new[] { DiagnosticCases.LabWith("", ", DefaultAccess = Access.Bypass"), Services(Traefik + " public partial class Traefik;") }, "Traefik",
            "service 'traefik' (Lab.Traefik): Traefik's dashboard 'traefik' asks for a two-factor login, but",
            new[] { DiagnosticCases.LabWith("", ", DefaultAccess = Access.Bypass"), LoginPortal, Services(Traefik + " public partial class Traefik;") }),
        // An admin UI warns like any route (its fix is the portal: bypass would be EZH0038).
        new DiagnosticCase("EZH0043", DiagnosticSeverity.Warning,
            new[] { StandardLab, Services("[Stack(\"tools\")][Service(Image = \"louislam/dockge:1.4.2\")][Route(5001)] public partial class Dockge;") }, "Route(5001)",
            "add an Authelia service (image authelia/authelia)",
            new[] { StandardLab, LoginPortal, Services("[Stack(\"tools\")][Service(Image = \"louislam/dockge:1.4.2\")][Route(5001)] public partial class Dockge;") }),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    public static IEnumerable<object[]> AllCases => DiagnosticCases.Cases.Where(c => c.Id == "EZH0043").Concat(Variants).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_warns_on_the_route(DiagnosticCase c) => new DiagnosticTests().Trigger_reports_the_diagnostic_on_the_offending_argument(c);

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    [Theory]
    [MemberData(nameof(AllCases))]
    public void The_runner_warns_about_the_same_routes_with_the_same_words(DiagnosticCase c)
    {
        var trigger = GeneratorHarness.Run(c.Trigger);
        var compileTime = trigger.WithId(c.Id).Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(compileTime);
        var lab = LabLoader.Lab(trigger.Output, "Lab.MyLab");
        Assert.Equal(compileTime, LabRoutes.RoutesWithoutPortal(lab).Order(StringComparer.Ordinal));
        Assert.Empty(LabRoutes.Problems(lab)); // a warning, not a refusal

        var valid = GeneratorHarness.Run(c.Valid);
        valid.AssertClean();
        Assert.Empty(LabRoutes.RoutesWithoutPortal(LabLoader.Lab(valid.Output, "Lab.MyLab")));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void What_the_warning_is_about_the_rendered_router_names_a_middleware_that_is_not_rendered(DiagnosticCase c)
    {
        var lab = LabLoader.Lab(GeneratorHarness.Run(c.Trigger).Output, "Lab.MyLab");
        var files = LabRenderer.Render(lab, RuntimeSettings.FromLab(lab)).Servers.SelectMany(s => s.Stacks).SelectMany(s => s.Files).ToList();
        bool IsMiddlewares(RenderedFile f) => f.RelativePath.EndsWith(TraefikRenderer.MiddlewaresFile, StringComparison.Ordinal);
        // A compose label, dashboard.yml or external-hosts.yml names the login middleware ...
        Assert.Contains(files, f => !IsMiddlewares(f) && f.Content.Contains(TraefikMiddlewares.FromFile(TraefikMiddlewares.Authelia), StringComparison.Ordinal));
        // ... that no middlewares.yml defines.
        Assert.DoesNotContain(files, f => IsMiddlewares(f) && f.Content.Contains(TraefikMiddlewares.Authelia + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_route_of_the_lab_gets_its_own_warning_and_bypass_routes_none()
    {
        var run = GeneratorHarness.Run(DiagnosticCases.LabWith("[ExternalHost(\"nas\", \"http://192.168.1.10:5000\")][ExternalHost(\"tv\", \"http://192.168.1.11\", Access = Access.Bypass)]"),
            Services(Web + "[Route(80)] public partial class Web;\n"
                + Web + "[Route(81, Subdomain = \"blog\", Access = Access.TwoFactor)] public partial class Blog;\n"
                + Web + "[Route(82, Access = Access.Bypass)] public partial class Open;\n"
                + Web + "public partial class Worker;\n"
                + Traefik + "[Route(8080, Subdomain = \"proxy\")] public partial class Traefik;"));
        var messages = run.WithId("EZH0043").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("service 'web' (Lab.Web): [Route] 'web' asks for a two-factor login (the lab's DefaultAccess), but", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("service 'blog' (Lab.Blog): [Route] 'blog' asks for a two-factor login, but", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("service 'traefik' (Lab.Traefik): [Route] 'proxy'", StringComparison.Ordinal) && m.EndsWith("(image authelia/authelia)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[ExternalHost(\"nas\")] on MyLab", StringComparison.Ordinal) && m.EndsWith("on the [ExternalHost] if it should be open without a login", StringComparison.Ordinal));
        Assert.All(run.WithId("EZH0043"), d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        // A warning: the lab still builds and renders.
        run.AssertOutputCompiles();
    }

    [Fact]
    public void A_second_traefik_on_the_server_without_a_route_has_no_dashboard_and_no_warning()
    {
        var run = GeneratorHarness.Run(DiagnosticCases.LabWith("", ", DefaultAccess = Access.Bypass"),
            Services(Traefik + "[Route(8080, Access = Access.Bypass, AllowBypassOnAdmin = true)] public partial class Edge;\n"
                + "[Stack(\"core\")][Service(Image = \"traefik:v3.3.4\")] public partial class Traefik;"));
        run.AssertClean();
        Assert.Empty(LabRoutes.RoutesWithoutPortal(LabLoader.Lab(run.Output, "Lab.MyLab")));
    }
}
