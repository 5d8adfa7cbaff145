namespace EzHomelab.Generators.Tests.Infrastructure;

/// <summary>The usage sketched in DESIGN.md §2, as a user would write it across files.</summary>
internal static class SampleLab
{
    public static readonly (string Path, string Source)[] Files =
    {
        ("Lab.cs", """
            using EzHomelab;

            [Homelab(Domain = "example.duckdns.org", Timezone = "Europe/Berlin", Email = "me@example.org")]
            [Server("core")]
            [Server("nas", Address = "192.168.1.100")]
            public partial class MyLab;
            """),
        ("Core.cs", """
            using EzHomelab;

            namespace MyHome.Apps;

            /// <summary>The login portal: routes that ask for a login go through it.</summary>
            [Stack("core")]
            [Service(Image = "authelia/authelia:4.39.1")]
            [Route(9091, Subdomain = "auth")]
            public partial class Authelia;
            """),
        ("LinuxServerApp.cs", """
            using EzHomelab;

            namespace MyHome.Apps;

            /// <summary>Images from the LinuxServer.io family read the same three variables.</summary>
            [Env("PUID", "${PUID}")]
            [Env("PGID", "${PGID}")]
            [Env("TZ", "${TZ}")]
            public abstract class LinuxServerApp;
            """),
        ("Media.cs", """
            using EzHomelab;

            namespace MyHome.Apps
            {
                [Stack("media")]
                [Service(Image = "jellyfin/jellyfin:10.10.7")]
                [Route(8096, Access = Access.Bypass)]
                [Dashboard("Media", Icon = "jellyfin.png", Description = "Movies and TV")]
                [LazyStart(Group = "jellyfin")]
                [Volume("./jellyfin/config", "/config")]
                [Volume("/mnt/media", "/media", ReadOnly = true)]
                [Gpu]
                [OnServer("nas")]
                public partial class Jellyfin;
            }
            """),
        ("Downloads.cs", """
            using EzHomelab;

            namespace MyHome.Apps;

            [Stack("downloads")]
            [Service(Image = "qmcgaw/gluetun:v3.40.0")]
            [Env("VPN_SERVICE_PROVIDER", "mullvad")]
            [SecretEnv("WIREGUARD_PRIVATE_KEY", "wireguard-private-key")]
            [Healthcheck("/gluetun-entrypoint", "healthcheck", Interval = "30s", Retries = 3)]
            public partial class Gluetun;

            [Stack("downloads")]
            [Service(Image = "lscr.io/linuxserver/qbittorrent:5.0.4")]
            [Route(8080)]
            [Egress(typeof(Gluetun))]
            [DependsOn<Gluetun>(Condition = DependencyCondition.Healthy)]
            [Resources(Memory = "1g", Cpus = "1.5")]
            public partial class Qbittorrent : LinuxServerApp;
            """),
    };
}
