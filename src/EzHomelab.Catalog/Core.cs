namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Traefik: the reverse proxy in front of every route. EzHomelab renders its static and dynamic configuration
    /// (the DuckDNS wildcard certificate over DNS-01, the docker provider behind the read-only socket proxy, the
    /// login middleware) and hands it the DuckDNS token as a secret file. Publishes 80 and 443; its own dashboard is
    /// routed at <c>traefik.&lt;domain&gt;</c> (port 8080) behind the lab's default access (an admin UI: two-factor).
    /// Not lazy; dashboard group "Core". No healthcheck: <c>traefik healthcheck</c> needs the <c>ping</c> endpoint,
    /// which the rendered static configuration does not enable.
    /// Read-only root: it writes its certificates to the <c>/letsencrypt</c> volume, and the Sablier plugin to
    /// <c>/plugins-storage</c> (a tmpfs), which it empties and downloads again on every start; <c>/tmp</c> is a tmpfs too,
    /// as Traefik's own Helm chart, which runs it read-only, gives it both.
    /// </summary>
    [Stack("core")]
    [Service(Name = "traefik", Image = "traefik:v3.7.10")]
    [ReadOnlyRoot(Tmpfs = new[] { "/plugins-storage", "/tmp" })]
    [PublishPort(80, 80)]
    [PublishPort(443, 443)]
    [Route(8080)]
    [Dashboard("Core", Name = "Traefik", Icon = "traefik.png", Description = "Reverse proxy")]
    // Every request passes through it; a Go proxy needs far less than 512m for a homelab.
    [Resources(Cpus = "1.0", Memory = "512m")]
    public abstract partial class Traefik;

    /// <summary>
    /// Authelia: the single sign-on portal at <c>auth.&lt;domain&gt;</c> (port 9091). Its own route bypasses the login,
    /// or nobody could log in. EzHomelab renders its configuration and users database and generates its secrets
    /// once (JWT, session, storage encryption key, the admin password), kept as files next to the stack. Not lazy;
    /// dashboard group "Core". The healthcheck is the image's own script. Hardening exceptions: <c>CHOWN</c> (its
    /// entrypoint gives <c>/config</c> to PUID:PGID), <c>SETUID</c> and <c>SETGID</c> (it drops to them with su-exec,
    /// whose setgroups needs SETGID even for the default 0:0).
    /// </summary>
    [Stack("core")]
    [Service(Name = "authelia", Image = "authelia/authelia:4.39.26")]
    [Route(9091, Subdomain = "auth", Access = Access.Bypass)]
    [Dashboard("Core", Name = "Authelia", Icon = "authelia.png", Description = "Single sign-on")]
    [Env("TZ", "${TZ}")]
    [Volume("./authelia/config", "/config")]
    [Healthcheck("/app/healthcheck.sh", Interval = "30s", Timeout = "3s", StartPeriod = "1m")]
    [DependsOn<Traefik>]
    [CapAdd("CHOWN")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    // Each login hashes with argon2id, 64 MiB apiece by default: room for several at once.
    [Resources(Cpus = "1.0", Memory = "512m")]
    public abstract partial class Authelia;

    /// <summary>
    /// DuckDNS: keeps the lab's DuckDNS name pointing at the current public address. Its <c>SUBDOMAINS</c> is derived
    /// from the rendered domain. Supply the secret <c>duckdns-token</c> (EZH_SECRET_DUCKDNS_TOKEN); Traefik reads the
    /// same secret for the DNS-01 challenge. No route, no dashboard entry, not lazy. No healthcheck: it is a periodic
    /// update script with no endpoint to ask.
    /// </summary>
    [Stack("core")]
    [Service(Name = "duckdns", Image = "lscr.io/linuxserver/duckdns:33acdda4-ls74")]
    [SecretEnv("TOKEN", "duckdns-token")]
    [Volume("./duckdns/config", "/config")]
    // A curl every five minutes under s6.
    [Resources(Cpus = "0.25", Memory = "128m")]
    public abstract partial class Duckdns : LinuxServerApp;

    /// <summary>
    /// Pi-hole: the lab's DNS server, blocking ads and trackers for every device that uses it. Answers DNS on the
    /// server's port 53 (TCP and UDP, published); its admin UI is routed at <c>pihole.&lt;domain&gt;</c> (container
    /// port 80, the UI under <c>/admin</c>), two-factor (an admin UI: it controls name resolution). Never lazy (DNS must
    /// always answer); dashboard group "Core". The healthcheck is the image's own DNS query.
    /// The web password is the generated secret <c>pihole-web-password</c> (<c>secrets show pihole-web-password</c>): the
    /// image reads <c>WEBPASSWORD_FILE</c> as a file name under <c>/run/secrets/</c> (<c>SecretForm.SecretName</c>) into
    /// <c>FTLCONF_webserver_api_password</c>, which then fixes the password; to change it, replace the secret file. Port 53 must be free on the server
    /// (systemd-resolved's stub listener holds it on many distributions). Hardening exceptions: its start script, as
    /// root, gives <c>/etc/pihole</c> to the <c>pihole</c> user and sets its modes (<c>CHOWN</c>, <c>FOWNER</c>) and rewrites
    /// <c>pihole.toml</c> in that folder (<c>DAC_OVERRIDE</c>); it gives <c>pihole-FTL</c> file capabilities with setcap and
    /// refuses to start when it cannot (<c>SETFCAP</c>); it starts FTL as <c>pihole</c> through capsh (<c>SETUID</c>,
    /// <c>SETGID</c>) and stops it with a signal (<c>KILL</c>). Under no-new-privileges FTL gets none of those file
    /// capabilities and runs without any: it logs warnings, and DNS works, since port 53 needs none in the container's
    /// network namespace. DHCP would need NET_ADMIN and NET_RAW held by FTL itself: add them on your class with
    /// <c>DNSMASQ_USER=root</c>.
    /// </summary>
    [Stack("core")]
    [Service(Name = "pihole", Image = "pihole/pihole:2026.07.2")]
    [Route(80)]
    [Admin]
    [Dashboard("Core", Name = "Pi-hole", Icon = "pi-hole.png", Description = "DNS and ad blocking")]
    [PublishPort(53, 53)]
    [PublishPort(53, 53, Protocol = Protocol.Udp)]
    [Env("TZ", "${TZ}")]
    // Docker's bridge network is not "local" to Pi-hole: without ALL it refuses queries from the LAN.
    [Env("FTLCONF_dns_listeningMode", "ALL")]
    [SecretEnv("FTLCONF_webserver_api_password", "pihole-web-password", Form = SecretForm.SecretName, FileVariable = "WEBPASSWORD_FILE")]
    [Volume("./pihole/etc-pihole", "/etc/pihole")]
    [Healthcheck("dig +short +norecurse +retry=0 @127.0.0.1 pi.hole || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    [CapAdd("CHOWN")]
    [CapAdd("FOWNER")]
    [CapAdd("DAC_OVERRIDE")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    [CapAdd("SETFCAP")]
    // FTL keeps the block lists and recent queries in memory (Pi-hole asks for 512 MB).
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Pihole;
}
