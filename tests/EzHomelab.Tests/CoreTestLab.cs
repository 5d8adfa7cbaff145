using EzHomelab.Model;
using EzHomelab.Settings;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>A lab with every infrastructure role, built by hand exactly as generated code builds it.</summary>
internal static class CoreTestLab
{
    /// <summary>
    /// Traefik without a route of its own (dashboard on traefik.&lt;domain&gt;), a socket proxy, Sablier, Homepage,
    /// two lazy groups (one bypass), every access level, an egress client with a VPN client that needs a capability
    /// and a device, secrets, and external hosts (one on the dashboard, one bypass).
    /// </summary>
    public static Lab Lab() => new()
    {
        Name = "CoreLab",
        Domain = Domain,
        Timezone = "Europe/Berlin",
        Email = "me@example.org",
        DefaultAccess = Access.TwoFactor,
        ExternalHosts =
        [
            new ExternalHostSpec("nas", "http://192.168.1.10:5000", Dashboard: new DashboardSpec("Network", "NAS", "synology.png", "Files")),
            new ExternalHostSpec("router", "https://192.168.1.1", Access.OneFactor),
            new ExternalHostSpec("status", "http://192.168.1.30:3001/", Access.Bypass),
        ],
        Services =
        [
            Service("traefik", "core", "traefik:v3.3.4") with
            {
                Ports = [new PortSpec(80, 80), new PortSpec(443, 443)],
                SecretEnvironment = [new SecretEnvVar("DUCKDNS_TOKEN", "duckdns-token")],
            },
            Service("authelia", "core", "authelia/authelia:4.39.1") with
            {
                Route = new RouteSpec(9091, "auth", Access.Bypass),
                SecretEnvironment =
                [
                    new SecretEnvVar("AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET", "authelia-jwt-secret"),
                    new SecretEnvVar("AUTHELIA_SESSION_SECRET", "authelia-session-secret"),
                    new SecretEnvVar("AUTHELIA_STORAGE_ENCRYPTION_KEY", "authelia-storage-encryption-key"),
                ],
                Volumes = [new VolumeSpec("./authelia/config", "/config")],
            },
            Service("duckdns", "core", "lscr.io/linuxserver/duckdns:version-aad9dc1f") with
            {
                SecretEnvironment = [new SecretEnvVar("TOKEN", "duckdns-token")],
            },
            Service("docker-socket-proxy", "infrastructure", "tecnativa/docker-socket-proxy:0.3.0") with
            {
                Volumes = [new VolumeSpec("/var/run/docker.sock", "/var/run/docker.sock", ReadOnly: true)],
            },
            Service("sablier", "infrastructure", "sablierapp/sablier:1.8.1"),
            Service("dockge", "infrastructure", "louislam/dockge:1.4.2") with { Route = new RouteSpec(5001, "dockge", Access.OneFactor) },
            Service("homepage", "dashboards", "ghcr.io/gethomepage/homepage:v1.0.4") with { Route = new RouteSpec(3000, "home") },
            Service("jellyfin", "media", "jellyfin/jellyfin:10.10.7") with { Route = new RouteSpec(8096, "jellyfin", Access.Bypass) },
            Service("sonarr", "media-management", "lscr.io/linuxserver/sonarr:4.0.14") with
            {
                Route = new RouteSpec(8989, "sonarr"),
                LazyStart = new LazyStartSpec("arr", "10m", "Media management"),
            },
            Service("radarr", "media-management", "lscr.io/linuxserver/radarr:5.21.1") with
            {
                Route = new RouteSpec(7878, "radarr", Access.OneFactor),
                LazyStart = new LazyStartSpec("arr", "10m", "Media management"),
            },
            Service("docs", "site", "example/docs:1.0.0") with
            {
                Route = new RouteSpec(80, "docs", Access.Bypass),
                LazyStart = new LazyStartSpec("docs"),
            },
            Service("gluetun", "downloads", "qmcgaw/gluetun:v3.40.0") with
            {
                SecretEnvironment = [new SecretEnvVar("WIREGUARD_PRIVATE_KEY", "wireguard-private-key")],
                CapAdd = ["NET_ADMIN"],
                Devices = [new DeviceSpec("/dev/net/tun", "/dev/net/tun", "rwm")],
            },
            Service("qbittorrent", "downloads", "lscr.io/linuxserver/qbittorrent:5.0.4") with
            {
                Route = new RouteSpec(8080, "torrent"),
                EgressThrough = "gluetun",
            },
        ],
    };

    /// <summary>Settings with a distinctive value for every secret the lab uses.</summary>
    public static RuntimeSettings WithSecrets(Lab lab, string? domain = null) => RuntimeSettings.FromLab(lab, domain) with
    {
        Secrets = new SecretValues(lab.Services.SelectMany(s => s.SecretEnvironment).Select(e => e.Secret).Distinct()
            .ToDictionary(name => name, name => "s3cr3t-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(name)).ToLowerInvariant())),
    };
}
