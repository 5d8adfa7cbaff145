namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Gluetun: the VPN client whose network stack qBittorrent shares, so every torrent packet leaves through the
    /// tunnel (and none leaves when it is down). This is what both of its flavours share; derive your class from one of
    /// them: <see cref="Gluetun"/> (OpenVPN, as upstream) or <see cref="GluetunWireGuard"/>. It has no UI of its own:
    /// qBittorrent's route moves onto it (<c>qbittorrent.&lt;domain&gt;</c>). Never lazy (it is the VPN); no dashboard entry.
    /// Secrets are read through Gluetun's <c>*_SECRETFILE</c> variables. Hardening exceptions: the tunnel and its firewall
    /// need the NET_ADMIN capability and the host's <c>/dev/net/tun</c>; NET_RAW, because the firewall falls back to
    /// iptables-legacy, which opens a raw socket; CHOWN, because it gives the files it writes (its OpenVPN configuration,
    /// the public IP) to PUID:PGID and fails without. The healthcheck is the image's own; declaring it lets qBittorrent
    /// wait until the tunnel is up.
    /// </summary>
    [Stack("vpn")]
    [Service(Name = "gluetun", Image = "qmcgaw/gluetun:v3.41.1")]
    [Env("TZ", "${TZ}")]
    [Volume("./gluetun", "/gluetun")]
    [CapAdd("NET_ADMIN")]
    [CapAdd("NET_RAW")]
    [CapAdd("CHOWN")]
    [Device("/dev/net/tun")]
    [Healthcheck("/gluetun-entrypoint", "healthcheck", Interval = "5s", Timeout = "5s", Retries = 3, StartPeriod = "10s")]
    // OpenVPN or WireGuard plus its firewall and health checks.
    [Resources(Cpus = "0.5", Memory = "256m")]
    public abstract partial class GluetunBase;

    /// <summary>
    /// Gluetun, the VPN client qBittorrent's traffic leaves through, over OpenVPN (<c>Catalog.GluetunWireGuard</c> is the
    /// same client over WireGuard). Surfshark to the Netherlands, as upstream; change <c>VPN_SERVICE_PROVIDER</c> and
    /// <c>SERVER_COUNTRIES</c> with <c>[Env]</c> on your class. Supply the secrets <c>openvpn-user</c> and
    /// <c>openvpn-password</c> (your provider's service credentials, not your account's login). Everything else is
    /// <see cref="GluetunBase"/>'s; for WireGuard derive from <see cref="GluetunWireGuard"/> instead.
    /// </summary>
    [Env("VPN_SERVICE_PROVIDER", "surfshark")]
    [Env("VPN_TYPE", "openvpn")]
    [Env("SERVER_COUNTRIES", "Netherlands")]
    [SecretEnv("OPENVPN_USER", "openvpn-user")]
    [SecretEnv("OPENVPN_PASSWORD", "openvpn-password")]
    public abstract partial class Gluetun : GluetunBase;

    /// <summary>
    /// Gluetun over WireGuard. Set <c>VPN_SERVICE_PROVIDER</c> (e.g. <c>protonvpn</c>, <c>mullvad</c>), <c>SERVER_COUNTRIES</c>
    /// and, for providers that need it, <c>WIREGUARD_ADDRESSES</c> (the <c>Address</c> of your provider's WireGuard
    /// configuration) with <c>[Env]</c> on your class. Supply the secret <c>wireguard-private-key</c> (that
    /// configuration's <c>PrivateKey</c>). Everything else is <see cref="GluetunBase"/>'s.
    /// </summary>
    [Env("VPN_SERVICE_PROVIDER", "protonvpn")]
    [Env("VPN_TYPE", "wireguard")]
    [Env("SERVER_COUNTRIES", "Netherlands")]
    [SecretEnv("WIREGUARD_PRIVATE_KEY", "wireguard-private-key")]
    public abstract partial class GluetunWireGuard : GluetunBase;

    /// <summary>
    /// qBittorrent: the torrent client, inside Gluetun's network stack (<c>[Egress]</c>): it has no network of its own,
    /// so its route <c>qbittorrent.&lt;domain&gt;</c> (web UI port 8080) is rendered on Gluetun and it starts once Gluetun is
    /// healthy. Two-factor; dashboard group "Downloaders". Not lazy: a torrent client stopped after five idle minutes
    /// would stop downloading and seeding. Its first admin password is printed in its log (qBittorrent's own). Incoming
    /// peer connections come through the VPN provider's port forwarding, not a host port. The healthcheck asks the web
    /// UI from inside the shared network stack.
    /// </summary>
    [Stack("vpn")]
    [Service(Name = "qbittorrent", Image = "lscr.io/linuxserver/qbittorrent:5.2.3_v2.0.14-ls476")]
    [Route(8080)]
    [Egress<GluetunBase>]
    [Dashboard("Downloaders", Name = "qBittorrent", Icon = "qbittorrent.png", Description = "Torrents over VPN")]
    [Env("WEBUI_PORT", "8080")]
    [Volume("./qbittorrent/config", "/config")]
    [Volume("${DOWNLOADS_DIR}", "/downloads")]
    [Healthcheck("curl -f http://localhost:8080/ || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // libtorrent's disk cache and many peer connections.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Qbittorrent : LinuxServerApp;
}
