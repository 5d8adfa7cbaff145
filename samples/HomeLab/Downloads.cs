using EzHomelab;

namespace MyHomelab;

/// <summary>
/// VPN client. qBittorrent shares its network stack, so qBittorrent's route and any published port live here.
/// The healthcheck is the image's own; declaring it lets qBittorrent wait until the tunnel is up. Capabilities: NET_ADMIN
/// and the host's TUN device for the tunnel and its firewall; NET_RAW because the firewall falls back to iptables-legacy,
/// which opens a raw socket; CHOWN because it gives the files it writes (OpenVPN configuration, public IP) to PUID:PGID.
/// </summary>
[Stack("downloads")]
[Service(Image = "qmcgaw/gluetun:v3.40.0")]
[Env("VPN_SERVICE_PROVIDER", "mullvad")]
[Env("VPN_TYPE", "wireguard")]
[Env("SERVER_COUNTRIES", "Netherlands")]
[Env("TZ", "${TZ}")]
[SecretEnv("WIREGUARD_PRIVATE_KEY", "wireguard-private-key")]
[SecretEnv("WIREGUARD_ADDRESSES", "wireguard-addresses")]
[Volume("./gluetun", "/gluetun")]
[CapAdd("NET_ADMIN")]
[CapAdd("NET_RAW")]
[CapAdd("CHOWN")]
[Device("/dev/net/tun")]
[Healthcheck("/gluetun-entrypoint", "healthcheck", Interval = "5s", Timeout = "5s", Retries = 3, StartPeriod = "10s")]
public partial class Gluetun;

/// <summary>Torrent client; every packet leaves through the VPN. Its web UI is routed through Gluetun.</summary>
[Stack("downloads")]
[Service(Image = "lscr.io/linuxserver/qbittorrent:5.2.3_v2.0.14-ls472")]
[Route(8080)]
[Egress<Gluetun>]
[Dashboard("Downloads", Name = "qBittorrent", Icon = "qbittorrent.png", Description = "Torrents over VPN")]
[Env("WEBUI_PORT", "8080")]
[Volume("./qbittorrent/config", "/config")]
[Volume("${DOWNLOADS_DIR}", "/downloads")]
[Resources(Cpus = "1.0", Memory = "512M", CpusReservation = "0.5", MemoryReservation = "256M")]
public partial class Qbittorrent : LinuxServerApp;
