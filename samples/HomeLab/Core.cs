using EzHomelab;

namespace MyHomelab;

// The core stack: the reverse proxy, the login portal and the dynamic DNS updater.

/// <summary>
/// Reverse proxy for every route. EzHomelab renders its configuration (traefik/traefik.yml and the dynamic
/// files: the wildcard certificate over DNS-01, the docker provider behind the read-only socket proxy, the login
/// middleware) and gives it the DuckDNS token as a secret file. Its [Route] names the dashboard's host and who may
/// open it; Traefik serves the dashboard itself.
/// </summary>
[Stack("core")]
[Service(Image = "traefik:v3.3.4")]
[PublishPort(80, 80)]
[PublishPort(443, 443)]
[Route(8080)]
[Dashboard("Core", Name = "Traefik", Icon = "traefik.png", Description = "Reverse proxy")]
public partial class Traefik;

/// <summary>
/// The login portal. Its own route must not ask for a login, or nobody could ever log in. EzHomelab renders its
/// configuration, users database and secrets (generated once, kept as files next to the stack). Capabilities: its
/// entrypoint gives /config to PUID:PGID (CHOWN) and drops to them with su-exec (SETUID, SETGID: setgroups needs it
/// even for the default 0:0).
/// </summary>
[Stack("core")]
[Service(Image = "authelia/authelia:4.39.1")]
[Route(9091, Subdomain = "auth", Access = Access.Bypass)]
[Dashboard("Core", Name = "Authelia", Icon = "authelia.png", Description = "Single sign-on")]
[Env("TZ", "${TZ}")]
[Volume("./authelia/config", "/config")]
[CapAdd("CHOWN")]
[CapAdd("SETUID")]
[CapAdd("SETGID")]
[DependsOn<Traefik>]
public partial class Authelia;

/// <summary>
/// Keeps the DuckDNS name pointing at the current public address. Its SUBDOMAINS is derived from the domain being
/// rendered (EZH_DOMAIN=me.duckdns.org gives "me"). The token is yours to supply (EZH_SECRET_DUCKDNS_TOKEN); Traefik
/// reads the same secret to answer the DNS-01 challenge.
/// </summary>
[Stack("core")]
[Service(Image = "lscr.io/linuxserver/duckdns:aad9dc1f-ls96")]
[SecretEnv("TOKEN", "duckdns-token")]
[Volume("./duckdns/config", "/config")]
public partial class Duckdns : LinuxServerApp;
