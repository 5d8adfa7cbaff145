using EzHomelab.Model;

namespace EzHomelab.Tests;

/// <summary>Labs built by hand, exactly as generated code builds them.</summary>
internal static class TestLabs
{
    public const string Domain = "example.duckdns.org";

    public static ServiceSpec Service(string name, string stack, string image = "example/app:1.2.3") =>
        new() { Name = name, Stack = stack, Image = image, ClassName = "Lab." + name };

    /// <summary>Routes, lazy start, egress, healthchecks, depends_on healthy, resources, GPU, named volumes, secrets, capabilities, devices.</summary>
    public static Lab Rich() => new()
    {
        Name = "RichLab",
        Domain = Domain,
        Timezone = "Europe/Berlin",
        Email = "me@example.org",
        Services =
        [
            Service("traefik", "core", "traefik:v3.3.4") with
            {
                Ports = [new PortSpec(80, 80), new PortSpec(443, 443)],
                Route = new RouteSpec(8080, "traefik"),
                Volumes = [new VolumeSpec("./traefik", "/etc/traefik")],
                Dashboard = new DashboardSpec("Infrastructure", "Traefik", "traefik.png"),
            },
            Service("authelia", "core", "authelia/authelia:4.38.17") with
            {
                Route = new RouteSpec(9091, "auth", Access.Bypass),
                Environment = [new EnvVar("TZ", "${TZ}"), new EnvVar("AUTHELIA_SESSION_DOMAIN", "${DOMAIN}")],
                SecretEnvironment = [new SecretEnvVar("AUTHELIA_JWT_SECRET", "authelia-jwt")],
                Healthcheck = new HealthcheckSpec(["wget -q --spider http://localhost:9091/api/health || exit 1"], "30s", "5s", 3, "20s"),
            },
            Service("jellyfin", "media", "jellyfin/jellyfin:10.10.7") with
            {
                Route = new RouteSpec(8096, "jellyfin", Access.Bypass),
                Dashboard = new DashboardSpec("Media", "Jellyfin", "jellyfin.png", "Movies and TV"),
                Volumes = [new VolumeSpec("./jellyfin/config", "/config"), new VolumeSpec("/mnt/media", "/media", ReadOnly: true), new VolumeSpec("jellyfin-cache", "/cache")],
                Gpu = new GpuSpec(),
                Resources = new ResourcesSpec("2", "4G", "0.5", "512M"),
                Environment = [new EnvVar("JELLYFIN_PublishedServerUrl", "https://jellyfin.${DOMAIN}")],
            },
            Service("postgres", "media", "postgres:16.4") with
            {
                SecretEnvironment = [new SecretEnvVar("POSTGRES_PASSWORD", "db-password")],
                Volumes = [new VolumeSpec("pgdata", "/var/lib/postgresql/data")],
                Healthcheck = new HealthcheckSpec(["pg_isready", "-U", "postgres"], "10s", "5s", 5),
                Gpu = new GpuSpec("nvidia", 1),
            },
            Service("sonarr", "media", "lscr.io/linuxserver/sonarr:4.0.14") with
            {
                Route = new RouteSpec(8989, "sonarr", PathPrefixes: ["/api", "/feed"]),
                LazyStart = new LazyStartSpec("arr"),
                Environment = [new EnvVar("PUID", "${PUID}"), new EnvVar("PGID", "${PGID}"), new EnvVar("TZ", "${TZ}")],
                DependsOn = [new DependencySpec("postgres", DependencyCondition.Healthy), new DependencySpec("traefik")],
                Dashboard = new DashboardSpec("Media", "Sonarr"),
                Labels = [new LabelSpec("com.example.note", "cost: $5 # cheap"), new LabelSpec("homepage.name", "Sonarr TV")],
            },
            Service("gluetun", "downloads", "qmcgaw/gluetun:v3.40.0") with
            {
                SecretEnvironment = [new SecretEnvVar("WIREGUARD_PRIVATE_KEY", "wireguard-key")],
                Environment = [new EnvVar("VPN_SERVICE_PROVIDER", "mullvad"), new EnvVar("SERVER_CITIES", "Amsterdam")],
                Healthcheck = new HealthcheckSpec(["/gluetun-entrypoint", "healthcheck"]),
                Networks = ["vpn-internal"],
                Ports = [new PortSpec(6881, 6881, Protocol.Udp, "127.0.0.1")],
                CapAdd = ["NET_ADMIN"],
                Devices = [new DeviceSpec("/dev/net/tun")],
            },
            Service("qbittorrent", "downloads", "lscr.io/linuxserver/qbittorrent:5.0.4") with
            {
                Route = new RouteSpec(8080, "torrent"),
                EgressThrough = "gluetun",
                Dashboard = new DashboardSpec("Downloads", "qBittorrent"),
                Command = ["--webui-port=8080", "--profile=/config"],
                User = "1000:1000",
            },
            Service("init", "downloads", "busybox:1.37.0") with
            {
                Entrypoint = ["sh", "-c"],
                Command = ["echo ready > /done"],
                Restart = Restart.No,
            },
            Service("janitor", "downloads", "busybox:1.37.0") with
            {
                DependsOn = [new DependencySpec("init", DependencyCondition.CompletedSuccessfully)],
                Restart = Restart.OnFailure,
                ContainerName = "download-janitor",
            },
        ],
    };

    public static Lab MultiServer() => Rich() with
    {
        Name = "TwoServerLab",
        Servers = [new ServerSpec("core"), new ServerSpec("nas", "192.168.1.100")],
        Services = Rich().Services.Select(s => s.Stack == "media" ? s with { Server = "nas" } : s).ToArray(),
    };
}
