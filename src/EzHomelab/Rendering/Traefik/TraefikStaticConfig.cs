using EzHomelab.Rendering.Compose;
using EzHomelab.Settings;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Rendering.YamlScalars;

namespace EzHomelab.Rendering.Traefik;

/// <summary>Traefik v3's static configuration (<c>traefik.yml</c>).</summary>
public static class TraefikStaticConfig
{
    public const string WebEntryPoint = "web";
    public const string WebSecureEntryPoint = "websecure";
    public const string CertResolver = "letsencrypt";
    public const string SablierPlugin = "sablier";
    public const string SablierPluginModule = "github.com/sablierapp/sablier-traefik-plugin";
    public const string SablierPluginVersion = "v1.3.0";
    /// <summary>The socket proxy's Docker API port (the same for the Tecnativa and LinuxServer images).</summary>
    public const int SocketProxyPort = 2375;
    public const string DockerSocket = "/var/run/docker.sock";

    public static YamlMappingNode Build(CoreServices core, RuntimeSettings settings, bool hasLazyServices)
    {
        var root = new OrderedMap()
            .Set("global", new OrderedMap().Set("checkNewVersion", Boolean(false)).Set("sendAnonymousUsage", Boolean(false)).ToNode())
            .Set("log", new OrderedMap().Set("level", String("INFO")).ToNode())
            .Set("accessLog", new YamlMappingNode())
            // Served through the traefik-dashboard router in dashboard.yml, behind login; never on an open port.
            .Set("api", new OrderedMap().Set("dashboard", Boolean(true)).ToNode())
            .Set("entryPoints", EntryPoints(settings.Domain))
            .Set("certificatesResolvers", CertificateResolvers(settings))
            .Set("providers", Providers(core));
        if (hasLazyServices)
            root.Set("experimental", new OrderedMap().Set("plugins", new OrderedMap().Set(SablierPlugin, new OrderedMap()
                .Set("moduleName", String(SablierPluginModule))
                .Set("version", String(SablierPluginVersion)).ToNode()).ToNode()).ToNode());
        return root.ToNode();
    }

    private static YamlMappingNode EntryPoints(string domain)
    {
        var redirect = new OrderedMap()
            .Set("to", String(WebSecureEntryPoint))
            .Set("scheme", String("https"))
            .Set("permanent", Boolean(true));
        var web = new OrderedMap()
            .Set("address", String(":80"))
            .Set("http", new OrderedMap().Set("redirections", new OrderedMap().Set("entryPoint", redirect.ToNode()).ToNode()).ToNode());

        // One wildcard certificate for the whole domain: per-host certificates run into the CA's duplicate limits.
        var certificate = new OrderedMap()
            .Set("main", String(domain))
            .Set("sans", new YamlSequenceNode(String("*." + domain)));
        var tls = new OrderedMap()
            .Set("certResolver", String(CertResolver))
            .Set("domains", new YamlSequenceNode(certificate.ToNode()));
        var webSecure = new OrderedMap()
            .Set("address", String(":443"))
            .Set("http", new OrderedMap().Set("tls", tls.ToNode()).ToNode());

        return new OrderedMap().Set(WebEntryPoint, web.ToNode()).Set(WebSecureEntryPoint, webSecure.ToNode()).ToNode();
    }

    private static YamlMappingNode CertificateResolvers(RuntimeSettings settings)
    {
        var acme = new OrderedMap();
        if (settings.Email is { Length: > 0 } email) acme.Set("email", String(email));
        acme.Set("storage", String(TraefikRenderer.ContainerLetsEncryptFolder + "/acme.json"));
        // The DuckDNS token is read from DUCKDNS_TOKEN (or DUCKDNS_TOKEN_FILE) in Traefik's environment, never from this file.
        acme.Set("dnsChallenge", new OrderedMap()
            .Set("provider", String("duckdns"))
            .Set("resolvers", new YamlSequenceNode(String("1.1.1.1:53"), String("8.8.8.8:53"))).ToNode());
        return new OrderedMap().Set(CertResolver, new OrderedMap().Set("acme", acme.ToNode()).ToNode()).ToNode();
    }

    private static YamlMappingNode Providers(CoreServices core)
    {
        // Through the read-only socket proxy when the server has one: Traefik faces the internet and must not hold the socket.
        var endpoint = core.SocketProxy is { } proxy
            ? $"tcp://{proxy.Name}:{SocketProxyPort}"
            : "unix://" + DockerSocket;
        var docker = new OrderedMap()
            .Set("endpoint", String(endpoint))
            .Set("exposedByDefault", Boolean(false))
            .Set("network", String(ComposeRenderer.TraefikNetwork));
        var file = new OrderedMap()
            .Set("directory", String(TraefikRenderer.ContainerDynamicFolder))
            .Set("watch", Boolean(true));
        return new OrderedMap().Set("docker", docker.ToNode()).Set("file", file.ToNode()).ToNode();
    }
}
