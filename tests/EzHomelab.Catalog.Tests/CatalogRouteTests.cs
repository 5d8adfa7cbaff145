using EzHomelab.CatalogTests.Support;
using EzHomelab.Rendering;
using EzHomelab.Rules;

namespace EzHomelab.CatalogTests;

/// <summary>
/// Every catalog service against the upstream facts (facts/upstream-services.tsv): the same stack, a route where
/// upstream had one, to the port the application listens on inside the container, and the access the catalog's rules
/// give it — bypass only for the login portal, media players and the password manager (exactly upstream's bypass
/// routes), two-factor for everything else and always for admin UIs.
/// </summary>
public sealed class CatalogRouteTests
{
    /// <summary>
    /// Deliberate differences from upstream's routing, each with its reason. A service listed here skips the
    /// "routed where upstream routed it" comparison (its port and access are still checked when it has a route).
    /// </summary>
    private static readonly Dictionary<string, string> RoutingDifferences = new(StringComparer.Ordinal)
    {
        // Upstream's only router on gluetun is qBittorrent's UI (qBittorrent lives in gluetun's network stack and
        // cannot carry labels); here qbittorrent declares that route itself and the renderer moves it onto gluetun.
        ["gluetun"] = "its router is qbittorrent's",
        ["qbittorrent"] = "routed by its own [Route], which moves onto gluetun (upstream wrote the router on gluetun)",
        // Sablier's API is for Traefik's middleware, which reaches it on the shared network. A public route would let
        // anyone with a login start and stop every lazy group directly.
        ["sablier"] = "no public route: only Traefik calls its API",
        // Loki has no UI: Grafana queries it and Promtail pushes to it over the shared network.
        ["loki"] = "no public route: only Grafana and Promtail talk to its API",
        // Upstream published these on host ports with no login at all; here they get a route behind two-factor.
        ["agent"] = "routed behind two-factor instead of an open host port",
        ["arcane"] = "routed behind two-factor instead of an open host port",
        ["homeassistant"] = "routed (upstream published its host port), with its own login: see BypassDifferences",
    };

    /// <summary>
    /// Routes that bypass the login although upstream had no bypass router, each with its reason (checked against the
    /// access rules as strictly as any other: an admin UI can never be listed here).
    /// </summary>
    private static readonly Dictionary<string, string> BypassDifferences = new(StringComparer.Ordinal)
    {
        // The companion apps (phones, voice satellites) authenticate against Home Assistant itself and cannot pass a
        // forward-auth login page; Home Assistant's own login (with its own multi-factor option) protects it.
        ["homeassistant"] = "its companion apps cannot pass the login portal; it has its own login",
    };

    /// <summary>Catalog services that upstream does not have (none yet); each needs a reason.</summary>
    private static readonly Dictionary<string, string> CatalogOnly = new(StringComparer.Ordinal);

    public static TheoryData<string> Services() => FullLabServices.Names();
    public static TheoryData<string> RoutedServices() => new(FullLabServices.Lab.Services.Where(s => s.Route is not null).Select(s => s.Name));
    public static TheoryData<string> UnroutedServices() => new(FullLabServices.Lab.Services.Where(s => s.Route is null).Select(s => s.Name));

    [Theory, MemberData(nameof(Services))]
    public void A_catalog_service_is_an_upstream_service_in_the_same_stack(string name)
    {
        var service = FullLabServices.Get(name);
        var upstream = UpstreamFacts.Find(name);
        if (upstream is null)
        {
            Assert.True(CatalogOnly.ContainsKey(name), $"'{name}' is in no row of {UpstreamFacts.FilePath}: name it as upstream does, or list it in {nameof(CatalogOnly)} with a reason");
            return;
        }
        Assert.Equal(upstream.Stack, service.Stack);
    }

    [Theory, MemberData(nameof(RoutedServices))]
    public void A_route_targets_the_port_the_application_listens_on_inside_the_container(string name)
    {
        var route = FullLabServices.Get(name).Route!;
        var upstream = UpstreamFacts.Find(name);
        Assert.True(upstream is not null || CatalogOnly.ContainsKey(name), $"'{name}' has no upstream facts");
        if (upstream is null) return;
        Assert.True(upstream.Ports.Contains(route.Port),
            $"'{name}' routes to port {route.Port}; upstream's application listens on {string.Join("/", upstream.Ports.DefaultIfEmpty(0))} inside the container");
        Assert.True(upstream.Access != UpstreamAccess.None || RoutingDifferences.ContainsKey(name),
            $"'{name}' is routed although upstream had no router: list it in {nameof(RoutingDifferences)} with a reason, or drop the route");
    }

    [Theory, MemberData(nameof(UnroutedServices))]
    public void A_service_without_a_route_had_none_upstream(string name)
    {
        var upstream = UpstreamFacts.Find(name);
        Assert.True(upstream is null ? CatalogOnly.ContainsKey(name) : upstream.Access == UpstreamAccess.None || RoutingDifferences.ContainsKey(name),
            $"upstream routes '{name}' (port {string.Join("/", upstream?.Ports ?? [])}), the catalog does not: add a [Route] or list it in {nameof(RoutingDifferences)} with a reason");
    }

    [Theory, MemberData(nameof(RoutedServices))]
    public void Access_is_bypass_only_where_upstream_bypassed_and_two_factor_everywhere_else(string name)
    {
        var lab = FullLabServices.Lab;
        var service = FullLabServices.Get(name);
        var access = LabRoutes.EffectiveAccess(lab, service);
        var upstream = UpstreamFacts.Find(name);
        if (upstream is { Access: UpstreamAccess.Bypass } || BypassDifferences.ContainsKey(name))
            Assert.True(access == Access.Bypass, $"'{name}' must bypass the login (a media player, the password manager or the login portal: upstream bypasses it), but its access is {access}");
        else
            Assert.True(access == Access.TwoFactor, $"'{name}' must ask for two factors (upstream: {upstream?.Access.ToString() ?? "no facts"}), but its access is {access}");
        if (AdminUi.Is(service.IsAdmin, service.Image))
            Assert.Equal(Access.TwoFactor, access);
    }

    [Fact]
    public void Bypass_routes_are_exactly_the_login_portal_and_upstreams_bypass_services()
    {
        var lab = FullLabServices.Lab;
        var bypass = lab.Services.Where(s => s.Route is not null && LabRoutes.EffectiveAccess(lab, s) == Access.Bypass).Select(s => s.Name).ToArray();
        Assert.Contains("authelia", bypass);
        Assert.Contains("jellyfin", bypass);
        foreach (var name in bypass)
            Assert.True(UpstreamFacts.Find(name)?.Access == UpstreamAccess.Bypass || BypassDifferences.ContainsKey(name),
                $"'{name}' bypasses the login; upstream does not (list it in {nameof(BypassDifferences)} with a reason, or ask for a login)");
    }

    [Theory, MemberData(nameof(RoutedServices))]
    public void A_routed_service_is_on_the_dashboard(string name)
    {
        var service = FullLabServices.Get(name);
        Assert.True(service.Dashboard is not null, $"'{name}' has a web UI at {service.Route!.Subdomain}.<domain> but no [Dashboard] entry");
        Assert.False(string.IsNullOrWhiteSpace(service.Dashboard!.Icon), $"'{name}': its dashboard entry has no icon");
        Assert.False(string.IsNullOrWhiteSpace(service.Dashboard.Description), $"'{name}': its dashboard entry has no description");
    }

    [Fact]
    public void The_deliberate_differences_name_catalog_services_that_upstream_has()
    {
        foreach (var name in RoutingDifferences.Keys.Concat(BypassDifferences.Keys))
        {
            Assert.Contains(FullLabServices.Lab.Services, s => s.Name == name);
            Assert.NotNull(UpstreamFacts.Find(name));
        }
        foreach (var name in CatalogOnly.Keys)
            Assert.Null(UpstreamFacts.Find(name));
    }

    [Fact]
    public void The_facts_hold_every_upstream_service()
    {
        // 70 services in 18 compose folders (facts/README.md); the routed ones with the port Traefik must target.
        Assert.Equal(70, UpstreamFacts.All.Count);
        Assert.Equal(18, UpstreamFacts.All.Select(f => f.Stack).Distinct().Count());
        Assert.All(UpstreamFacts.All.Where(f => f.Access != UpstreamAccess.None), f => Assert.Single(f.Ports));
        Assert.Equal(8096, UpstreamFacts.Find("jellyfin")!.Ports.Single());
        // One of upstream's nine host-port routers: the facts give the container port.
        Assert.Equal(8888, UpstreamFacts.Find("unmanic")!.Ports.Single());
    }
}
