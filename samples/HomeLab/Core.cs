using EzHomelab;

namespace MyHomelab;

// The core stack: the reverse proxy, the login portal and the dynamic DNS updater.

/// <summary>
/// Reverse proxy for every route. Its static configuration is given as flags until EzHomelab renders
/// traefik.yml itself; the docker provider talks to the read-only socket proxy, never to the socket.
/// </summary>
[Stack("core")]
[Service(Image = "traefik:v3.3.4", Command = new[]
{
    "--api.dashboard=true",
    "--providers.docker=true",
    "--providers.docker.endpoint=tcp://docker-socket-proxy:2375",
    "--providers.docker.exposedByDefault=false",
    "--providers.docker.network=traefik-network",
    "--providers.file.directory=/dynamic",
    "--providers.file.watch=true",
    "--entrypoints.web.address=:80",
    "--entrypoints.web.http.redirections.entrypoint.to=websecure",
    "--entrypoints.web.http.redirections.entrypoint.scheme=https",
    "--entrypoints.websecure.address=:443",
    "--entrypoints.websecure.http.tls.certresolver=letsencrypt",
    "--entrypoints.websecure.http.tls.domains[0].main=" + HomeLab.BaseDomain,
    "--entrypoints.websecure.http.tls.domains[0].sans=*." + HomeLab.BaseDomain,
    "--certificatesresolvers.letsencrypt.acme.email=" + HomeLab.ContactEmail,
    "--certificatesresolvers.letsencrypt.acme.storage=/letsencrypt/acme.json",
    "--certificatesresolvers.letsencrypt.acme.dnschallenge.provider=duckdns",
})]
[PublishPort(80, 80)]
[PublishPort(443, 443)]
[Route(8080)]
// The dashboard is Traefik's own api@internal service, not a container port.
[Label("traefik.http.routers.traefik.service", "api@internal")]
[Dashboard("Core", Name = "Traefik", Icon = "traefik.png", Description = "Reverse proxy")]
[SecretEnv("DUCKDNS_TOKEN", "duckdns-token")]
[Volume("./traefik/letsencrypt", "/letsencrypt")]
[Volume("./traefik/dynamic", "/dynamic", ReadOnly = true)]
public partial class Traefik;

/// <summary>The login portal. Its own route must not ask for a login, or nobody could ever log in.</summary>
[Stack("core")]
[Service(Image = "authelia/authelia:4.39.1")]
[Route(9091, Subdomain = "auth", Access = Access.Bypass)]
[Dashboard("Core", Name = "Authelia", Icon = "authelia.png", Description = "Single sign-on")]
[Env("TZ", "${TZ}")]
[SecretEnv("AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET", "authelia-jwt-secret")]
[SecretEnv("AUTHELIA_SESSION_SECRET", "authelia-session-secret")]
[SecretEnv("AUTHELIA_STORAGE_ENCRYPTION_KEY", "authelia-storage-encryption-key")]
[Volume("./authelia/config", "/config")]
[DependsOn<Traefik>]
public partial class Authelia;

/// <summary>Keeps the DuckDNS name pointing at the current public address. The same token lets Traefik answer the DNS-01 challenge.</summary>
[Stack("core")]
[Service(Image = "lscr.io/linuxserver/duckdns:aad9dc1f-ls96")]
[Env("SUBDOMAINS", "example")]
[SecretEnv("TOKEN", "duckdns-token")]
[Volume("./duckdns/config", "/config")]
public partial class Duckdns : LinuxServerApp;
