namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Traefik: the reverse proxy in front of every route. EzHomelab renders its static and dynamic configuration
    /// (the DuckDNS wildcard certificate over DNS-01, the docker provider behind the read-only socket proxy, the
    /// login middleware) and hands it the DuckDNS token as a secret file. Publishes 80 and 443; its own dashboard is
    /// routed at <c>traefik.&lt;domain&gt;</c> (port 8080) behind the lab's default access (two-factor).
    /// </summary>
    [Stack("core")]
    [Service(Name = "traefik", Image = "traefik:v3.3.4")]
    [PublishPort(80, 80)]
    [PublishPort(443, 443)]
    [Route(8080)]
    [Dashboard("Core", Name = "Traefik", Icon = "traefik.png", Description = "Reverse proxy")]
    public abstract class Traefik;

    /// <summary>
    /// Authelia: the single sign-on portal at <c>auth.&lt;domain&gt;</c> (port 9091). Its own route bypasses the login,
    /// or nobody could log in. EzHomelab renders its configuration and users database and generates its secrets
    /// once (JWT, session, storage encryption key, the admin password), kept as files next to the stack.
    /// </summary>
    [Stack("core")]
    [Service(Name = "authelia", Image = "authelia/authelia:4.39.1")]
    [Route(9091, Subdomain = "auth", Access = Access.Bypass)]
    [Dashboard("Core", Name = "Authelia", Icon = "authelia.png", Description = "Single sign-on")]
    [Env("TZ", "${TZ}")]
    [Volume("./authelia/config", "/config")]
    [DependsOn<Traefik>]
    public abstract class Authelia;

    /// <summary>
    /// DuckDNS: keeps the lab's DuckDNS name pointing at the current public address. Its <c>SUBDOMAINS</c> is derived
    /// from the rendered domain. Supply the secret <c>duckdns-token</c> (EZH_SECRET_DUCKDNS_TOKEN); Traefik reads the
    /// same secret for the DNS-01 challenge. No route.
    /// </summary>
    [Stack("core")]
    [Service(Name = "duckdns", Image = "lscr.io/linuxserver/duckdns:aad9dc1f-ls96")]
    [SecretEnv("TOKEN", "duckdns-token")]
    [Volume("./duckdns/config", "/config")]
    public abstract class Duckdns : LinuxServerApp;
}
