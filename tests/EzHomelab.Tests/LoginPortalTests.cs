using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>
/// A route that asks for a login in a lab without a login portal: its router names <c>authelia@file</c>, which is only
/// rendered with an Authelia service, so Traefik would not serve it. The runner warns (the twin of EZH0043) and renders.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LoginPortalTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-portal-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    private static Lab LabWith(params ServiceSpec[] services) => new()
    {
        Name = "PortalLab",
        Domain = Domain,
        Services =
        [
            Service("traefik", "core", "traefik:v3.3.4") with { Ports = [new PortSpec(443, 443)] },
            Service("qbittorrent", "downloads", "lscr.io/linuxserver/qbittorrent:5.0.4") with { Route = new RouteSpec(8080, "torrents") },
            Service("jellyfin", "media", "jellyfin/jellyfin:10.10.7") with { Route = new RouteSpec(8096, "jellyfin", Access.Bypass) },
            .. services,
        ],
        ExternalHosts = [new ExternalHostSpec("nas", "http://192.168.1.10:5000", Access.OneFactor)],
    };

    private static readonly ServiceSpec Authelia = Service("authelia", "core", "authelia/authelia:4.39.1") with { Route = new RouteSpec(9091, "auth") };

    [Fact]
    public void Render_warns_once_per_route_that_asks_for_a_login_and_still_renders()
    {
        var run = CliRun.Invoke(LabWith(), null, "render", "--out", Root);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var warnings = run.StderrLines.Where(l => l.Contains("no login portal", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            [
                "warning: [ExternalHost(\"nas\")] on PortalLab asks for a one-factor login, but the lab has no login portal, " +
                    "so Traefik will not serve it; add an Authelia service (image authelia/authelia), or set Access = Access.Bypass on the [ExternalHost] if it should be open without a login",
                "warning: service 'qbittorrent' (Lab.qbittorrent): [Route] 'torrents' asks for a two-factor login (the lab's DefaultAccess), but the lab has no login portal, " +
                    "so Traefik will not serve it; add an Authelia service (image authelia/authelia), or set Access = Access.Bypass on the [Route] if it should be open without a login",
                "warning: service 'traefik' (Lab.traefik): Traefik's dashboard 'traefik' asks for a two-factor login (the lab's DefaultAccess), but the lab has no login portal, " +
                    "so Traefik will not serve it; add an Authelia service (image authelia/authelia)",
            ],
            warnings.Order(StringComparer.Ordinal));
        // What the warning is about: the router names the middleware, and the middleware file does not define it.
        Assert.Contains("authelia@file", File.ReadAllText(Path.Combine(Root, "downloads", "compose.yaml")), StringComparison.Ordinal);
        Assert.DoesNotContain("authelia:", File.ReadAllText(Path.Combine(Root, "core", "traefik", "dynamic", "middlewares.yml")), StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_authelia_service_nothing_is_said_and_the_middleware_is_rendered()
    {
        var lab = LabWith(Authelia);
        Assert.Empty(LabRoutes.RoutesWithoutPortal(lab));
        var run = CliRun.Invoke(lab, new System.Collections.Hashtable { ["EZH_ADMIN_PASSWORD"] = "a-long-admin-password-1" }, "render", "--out", Root);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("login portal", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("authelia:", File.ReadAllText(Path.Combine(Root, "core", "traefik", "dynamic", "middlewares.yml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bypass_routes_need_no_portal_but_lan_only_ones_do()
    {
        var open = new Lab
        {
            Name = "OpenLab",
            Domain = Domain,
            DefaultAccess = Access.Bypass,
            Services = [Service("whoami", "apps", "traefik/whoami:v1.10.3") with { Route = new RouteSpec(80, "whoami") }],
        };
        Assert.Empty(LabRoutes.RoutesWithoutPortal(open));
        var lanOnly = open with { DefaultAccess = Access.LanOnly };
        Assert.Contains("is LAN-only, which Authelia checks (the lab's DefaultAccess)", Assert.Single(LabRoutes.RoutesWithoutPortal(lanOnly)), StringComparison.Ordinal);
    }
}
