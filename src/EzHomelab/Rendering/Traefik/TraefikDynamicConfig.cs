using System.Globalization;
using EzHomelab.Model;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Rendering.YamlScalars;

namespace EzHomelab.Rendering.Traefik;

/// <summary>The file provider's dynamic files: middlewares, TLS options, Sablier starters and the dashboard router.</summary>
public static class TraefikDynamicConfig
{
    public const int AutheliaPort = 9091;
    public const int SablierPort = 10000;

    /// <summary>Headers Authelia sets on an authorised request, copied onto the request the app receives.</summary>
    public static readonly IReadOnlyList<string> AutheliaResponseHeaders = ["Remote-User", "Remote-Groups", "Remote-Email", "Remote-Name"];

    /// <summary><c>middlewares.yml</c>: the login check (when the lab has a portal) and the security headers.</summary>
    public static YamlMappingNode Middlewares(Lab lab)
    {
        var middlewares = new OrderedMap();
        // Without a portal the middleware is left out: routers that name it then fail closed instead of opening up.
        if (CoreServices.LabAuthelia(lab) is { } authelia)
        {
            var forwardAuth = new OrderedMap()
                .Set("address", String($"http://{authelia.Name}:{AutheliaPortOf(authelia).ToString(CultureInfo.InvariantCulture)}/api/authz/forward-auth"))
                .Set("trustForwardHeader", Boolean(true))
                .Set("authResponseHeaders", new YamlSequenceNode(AutheliaResponseHeaders.Select(String)));
            middlewares.Set(TraefikMiddlewares.Authelia, new OrderedMap().Set("forwardAuth", forwardAuth.ToNode()).ToNode());
        }

        var headers = new OrderedMap()
            .Set("stsSeconds", Integer(31536000))
            .Set("stsIncludeSubdomains", Boolean(true))
            .Set("stsPreload", Boolean(true))
            .Set("contentTypeNosniff", Boolean(true))
            .Set("frameDeny", Boolean(true))
            .Set("referrerPolicy", String("strict-origin-when-cross-origin"))
            .Set("browserXssFilter", Boolean(true));
        middlewares.Set(TraefikMiddlewares.SecurityHeaders, new OrderedMap().Set("headers", headers.ToNode()).ToNode());
        return Http("middlewares", middlewares);
    }

    /// <summary>The port Authelia listens on: its route's target port, else its default.</summary>
    public static int AutheliaPortOf(ServiceSpec authelia) => authelia.Route?.Port ?? AutheliaPort;

    /// <summary><c>tls.yml</c>: TLS 1.2 at least, for every router.</summary>
    public static YamlMappingNode Tls() =>
        new OrderedMap().Set("tls", new OrderedMap().Set("options", new OrderedMap()
            .Set("default", new OrderedMap().Set("minVersion", String("VersionTLS12")).ToNode()).ToNode()).ToNode()).ToNode();

    /// <summary><c>sablier.yml</c>: one starter middleware per lazy group.</summary>
    public static YamlMappingNode Sablier(CoreServices core, IReadOnlyList<LazyStartSpec> groups)
    {
        // Without a Sablier service the conventional name is used; the compose side has nothing to answer it yet.
        var sablierUrl = $"http://{core.Sablier?.Name ?? "sablier"}:{SablierPort.ToString(CultureInfo.InvariantCulture)}";
        var middlewares = new OrderedMap();
        foreach (var group in groups)
        {
            var settings = new OrderedMap()
                .Set("sablierUrl", String(sablierUrl))
                .Set("group", String(group.Group))
                .Set("sessionDuration", String(group.SessionDuration))
                .Set("dynamic", new OrderedMap().Set("displayName", String(group.DisplayName ?? group.Group)).ToNode());
            middlewares.Set(TraefikMiddlewares.Sablier(group.Group), new OrderedMap()
                .Set("plugin", new OrderedMap().Set(TraefikStaticConfig.SablierPlugin, settings.ToNode()).ToNode()).ToNode());
        }
        return Http("middlewares", middlewares);
    }

    /// <summary><c>dashboard.yml</c>: Traefik's own dashboard (api@internal) on its host, behind the same chain as any route.</summary>
    public static YamlMappingNode Dashboard(LabRoute dashboard)
    {
        var router = new OrderedMap()
            .Set("rule", String($"Host(`{dashboard.Host}`)"))
            .Set("entryPoints", new YamlSequenceNode(String(TraefikStaticConfig.WebSecureEntryPoint)))
            .Set("service", String("api@internal"))
            .Set("middlewares", new YamlSequenceNode(TraefikMiddlewares.Chain(dashboard.Access, lazy: null).Select(String)))
            .Set("tls", new OrderedMap().Set("certResolver", String(TraefikStaticConfig.CertResolver)).ToNode());
        return Http("routers", new OrderedMap().Set(dashboard.Router, router.ToNode()));
    }

    /// <summary>
    /// <c>external-hosts.yml</c>: per <c>[ExternalHost]</c>, a router on its host with the same chain as any route
    /// (login unless bypass, security headers) and a service that forwards to its LAN URL.
    /// </summary>
    public static YamlMappingNode ExternalHosts(IReadOnlyList<LabRoute> externals)
    {
        var routers = new OrderedMap();
        var services = new OrderedMap();
        foreach (var route in externals)
        {
            var external = route.External ?? throw new ArgumentException($"route {route.Router} is not an external host", nameof(externals));
            routers.Set(route.Router, new OrderedMap()
                .Set("rule", String($"Host(`{route.Host}`)"))
                .Set("entryPoints", new YamlSequenceNode(String(TraefikStaticConfig.WebSecureEntryPoint)))
                .Set("service", String(route.Router))
                .Set("middlewares", new YamlSequenceNode(TraefikMiddlewares.Chain(route.Access, lazy: null).Select(String)))
                .Set("tls", new OrderedMap().Set("certResolver", String(TraefikStaticConfig.CertResolver)).ToNode())
                .ToNode());
            var server = new OrderedMap().Set("url", String(external.Url)).ToNode();
            services.Set(route.Router, new OrderedMap()
                .Set("loadBalancer", new OrderedMap().Set("servers", new YamlSequenceNode(server)).ToNode())
                .ToNode());
        }
        return new OrderedMap().Set("http", new OrderedMap()
            .Set("routers", routers.ToNode())
            .Set("services", services.ToNode()).ToNode()).ToNode();
    }

    private static YamlMappingNode Http(string section, OrderedMap content) =>
        new OrderedMap().Set("http", new OrderedMap().Set(section, content.ToNode()).ToNode()).ToNode();
}
