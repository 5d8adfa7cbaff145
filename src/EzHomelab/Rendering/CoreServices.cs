using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using EzHomelab.Model;

namespace EzHomelab.Rendering;

/// <summary>
/// The infrastructure services of one server: the one place that answers "which service is this server's
/// Traefik, Authelia, socket proxy, Sablier, Homepage, DuckDNS or Gluetun". Renderers ask here and never
/// look at images themselves.
/// </summary>
/// <remarks>
/// Roles are recognised by image repository for now. A typed role attribute on the service class will replace
/// the image match (the generator can then also check that each role is filled at most once per server); only
/// <see cref="On"/> changes when it does.
/// </remarks>
public sealed record CoreServices
{
    public ServiceSpec? Traefik { get; init; }
    public ServiceSpec? Authelia { get; init; }
    public ServiceSpec? SocketProxy { get; init; }
    public ServiceSpec? Sablier { get; init; }
    public ServiceSpec? Homepage { get; init; }
    public ServiceSpec? DuckDns { get; init; }
    public ServiceSpec? Gluetun { get; init; }

    private static readonly string[] TraefikImages = ["traefik"];
    private static readonly string[] AutheliaImages = ["authelia/authelia", "ghcr.io/authelia/authelia"];
    private static readonly string[] SocketProxyImages = ["tecnativa/docker-socket-proxy", "ghcr.io/tecnativa/docker-socket-proxy", "lscr.io/linuxserver/socket-proxy", "linuxserver/socket-proxy"];
    private static readonly string[] SablierImages = ["sablierapp/sablier", "ghcr.io/sablierapp/sablier", "acouvreur/sablier"];
    private static readonly string[] HomepageImages = ["ghcr.io/gethomepage/homepage"];
    private static readonly string[] DuckDnsImages = ["lscr.io/linuxserver/duckdns", "linuxserver/duckdns"];
    private static readonly string[] GluetunImages = ["qmcgaw/gluetun", "ghcr.io/qdm12/gluetun"];

    // Renderers ask once per service; a lab is immutable, so each server's answer is computed once per lab instance.
    private static readonly ConditionalWeakTable<Lab, ConcurrentDictionary<string, CoreServices>> Cache = new();

    /// <summary>The infrastructure services running on <paramref name="server"/> (first match in name order per role).</summary>
    public static CoreServices On(Lab lab, ServerSpec server) =>
        Cache.GetValue(lab, static _ => new ConcurrentDictionary<string, CoreServices>(StringComparer.Ordinal))
            .GetOrAdd(server.Name, static (_, state) => Find(state.lab, state.server), (lab, server));

    private static CoreServices Find(Lab lab, ServerSpec server)
    {
        var services = lab.Services.Where(s => lab.ServerOf(s).Name == server.Name).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        ServiceSpec? Find(string[] repositories) => services.FirstOrDefault(s => repositories.Contains(ImageRepository(s.Image), StringComparer.Ordinal));
        return new CoreServices
        {
            Traefik = Find(TraefikImages),
            Authelia = Find(AutheliaImages),
            SocketProxy = Find(SocketProxyImages),
            Sablier = Find(SablierImages),
            Homepage = Find(HomepageImages),
            DuckDns = Find(DuckDnsImages),
            Gluetun = Find(GluetunImages),
        };
    }

    /// <summary>The lab's login portal: the core's Authelia, else the first Authelia on any server.</summary>
    public static ServiceSpec? LabAuthelia(Lab lab) =>
        lab.Servers.Select(server => On(lab, server).Authelia).FirstOrDefault(a => a is not null);

    /// <summary>
    /// The repository part of an image reference, without tag or digest, and without the default registry and
    /// <c>library/</c> prefixes that name the same image (<c>docker.io/library/traefik:v3.3.4</c> → <c>traefik</c>).
    /// </summary>
    public static string ImageRepository(string image)
    {
        var name = image;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) name = name[..at];
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > lastSlash) name = name[..colon];
        foreach (var prefix in new[] { "docker.io/", "index.docker.io/" })
            if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name[prefix.Length..];
        if (name.StartsWith("library/", StringComparison.Ordinal)) name = name["library/".Length..];
        return name.ToLowerInvariant();
    }
}

/// <summary>One host that a Traefik of the lab routes, with who may reach it.</summary>
/// <param name="Router">The Traefik router name.</param>
/// <param name="Host">The full host name the router matches.</param>
/// <param name="Access">The effective access: what Authelia's rule for the host enforces.</param>
/// <param name="Service">The service that declared the route (for the dashboard: the Traefik service).</param>
/// <param name="IsTraefikDashboard">True for a Traefik's own dashboard router (rendered in a dynamic file).</param>
public sealed record LabRoute(string Router, string Host, Access Access, ServiceSpec Service, bool IsTraefikDashboard);

/// <summary>Hosts and effective access of every route: shared by the compose labels, Traefik's files and Authelia's rules.</summary>
public static class LabRoutes
{
    public const string DashboardRouter = "traefik-dashboard";

    public static string Host(RouteSpec route, string domain) => route.Subdomain + "." + domain;

    /// <summary>
    /// The access a route really gets: the route's own, else the lab's default. The login portal is always
    /// bypass (asking for a login to reach the login page would lock everyone out).
    /// </summary>
    public static Access EffectiveAccess(Lab lab, ServiceSpec service)
    {
        if (IsLoginPortal(lab, service)) return Access.Bypass;
        var declared = service.Route?.Access ?? Access.Default;
        return declared == Access.Default ? lab.DefaultAccess : declared;
    }

    public static bool IsLoginPortal(Lab lab, ServiceSpec service) =>
        CoreServices.On(lab, lab.ServerOf(service)).Authelia?.Name == service.Name;

    /// <summary>True when <paramref name="service"/> is its server's Traefik: its route is the dashboard router in a file, not labels.</summary>
    public static bool IsTraefik(Lab lab, ServiceSpec service) =>
        CoreServices.On(lab, lab.ServerOf(service)).Traefik?.Name == service.Name;

    /// <summary>
    /// The dashboard route of a server's Traefik. Its host and access are the Traefik service's own
    /// <c>[Route]</c> when it has one; otherwise <c>traefik.&lt;domain&gt;</c> (<c>traefik-&lt;server&gt;</c> off the core)
    /// with the lab's default access, never less than a password (an admin UI never defaults to no login).
    /// </summary>
    public static LabRoute Dashboard(Lab lab, ServiceSpec traefik, string domain)
    {
        if (traefik.Route is { } route)
            return new LabRoute(DashboardRouter, Host(route, domain), EffectiveAccess(lab, traefik), traefik, IsTraefikDashboard: true);
        var server = lab.ServerOf(traefik);
        var subdomain = server.Name == lab.Core.Name ? "traefik" : "traefik-" + server.Name;
        var access = lab.DefaultAccess is Access.Bypass or Access.Default ? Access.TwoFactor : lab.DefaultAccess;
        return new LabRoute(DashboardRouter, subdomain + "." + domain, access, traefik, IsTraefikDashboard: true);
    }

    /// <summary>Every routed host of the lab, on every server: service routes and each Traefik's dashboard.</summary>
    public static IReadOnlyList<LabRoute> All(Lab lab, string domain)
    {
        var routes = new List<LabRoute>();
        foreach (var service in lab.Services)
        {
            if (IsTraefik(lab, service)) routes.Add(Dashboard(lab, service, domain));
            else if (service.Route is { } route) routes.Add(new LabRoute(service.Name, Host(route, domain), EffectiveAccess(lab, service), service, IsTraefikDashboard: false));
        }
        return routes;
    }
}
