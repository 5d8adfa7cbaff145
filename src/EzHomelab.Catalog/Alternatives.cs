namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Portainer CE: a web UI for Docker, an alternative to Dockge. Route <c>portainer.&lt;domain&gt;</c> (port 9000),
    /// two-factor (an admin UI: it controls the Docker engine); always on; dashboard group "Alternatives". No secrets: its
    /// admin account is created in the UI within minutes of the first start, or Portainer locks itself until restarted.
    /// Hardening exception: it mounts the Docker socket, since managing containers is what it does. No healthcheck: the
    /// image has no shell or HTTP client.
    /// </summary>
    [Stack("alternatives")]
    [Service(Name = "portainer", Image = "portainer/portainer-ce:2.39.5")]
    [Route(9000)]
    [Admin]
    [Dashboard("Alternatives", Icon = "portainer.png", Description = "Docker management")]
    [Volume("/var/run/docker.sock", "/var/run/docker.sock")]
    [AllowDockerSocket(Reason = "manages the Docker engine's containers, images and volumes: that is what it does")]
    [Volume("./portainer/data", "/data")]
    // A Go UI over the Docker API.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Portainer;

    /// <summary>
    /// What authentik's server and worker share. Their settings come from <c>AUTHENTIK_*</c> variables, and secrets
    /// only as <c>file://</c> values, not the <c>_FILE</c> form: <c>AUTHENTIK_POSTGRESQL__PASSWORD</c> and
    /// <c>AUTHENTIK_SECRET_KEY</c> are <c>file:///run/secrets/…</c> (<c>SecretForm.FileUri</c>), which every process of
    /// the container reads, <c>ak healthcheck</c> included. Both run as the image's user 1000, given as the
    /// service's user so the secret files are that user's. Files: the named volume <c>authentik-data</c> (owned by 1000
    /// in the image). Since 2025.10 authentik needs no Redis, so upstream's <c>authentik-redis</c> has no catalog class.
    /// </summary>
    [Env("AUTHENTIK_POSTGRESQL__HOST", "authentik-db")]
    [Env("AUTHENTIK_POSTGRESQL__USER", "authentik")]
    [Env("AUTHENTIK_POSTGRESQL__NAME", "authentik")]
    [SecretEnv("AUTHENTIK_POSTGRESQL__PASSWORD", "authentik-db-password", Form = SecretForm.FileUri)]
    [SecretEnv("AUTHENTIK_SECRET_KEY", "authentik-secret-key", Form = SecretForm.FileUri)]
    [Env("AUTHENTIK_ERROR_REPORTING__ENABLED", "false")]
    [Volume("authentik-data", "/data")]
    [Volume("./authentik/custom-templates", "/templates")]
    [Network("authentik-backend", Internal = true)]
    [DependsOn<AuthentikDb>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("ak healthcheck", Interval = "30s", Timeout = "30s", Retries = 3, StartPeriod = "60s")]
    // authentik asks for 2 CPUs and 2 GB for the whole installation: half each for server and worker.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class AuthentikApp;

    /// <summary>
    /// authentik's server: an identity provider (SSO, OAuth2/OIDC, SAML, LDAP), an alternative to the lab's Authelia.
    /// Route <c>authentik.&lt;domain&gt;</c> (port 9000), two-factor and an admin UI (it holds the users); always on (a login
    /// portal); dashboard group "Alternatives", with Homepage's authentik widget, which reads the secret
    /// <c>authentik-api-key</c> that you supply (an API token from its admin interface). Generated secrets, shared with
    /// <see cref="AuthentikWorker"/>: <c>authentik-secret-key</c>, and <c>authentik-db-password</c> (also
    /// <see cref="AuthentikDb"/>'s), over the internal <c>authentik-backend</c> network. Set up the first admin at
    /// <c>/if/flow/initial-setup/</c>. See <see cref="AuthentikApp"/> for how it reads its secrets.
    /// </summary>
    [Stack("alternatives")]
    [Service(Name = "authentik-server", Image = "ghcr.io/goauthentik/server:2026.2.2", User = "1000:1000", Command = new[] { "server" })]
    [Route(9000, Subdomain = "authentik")]
    [Admin]
    [Dashboard("Alternatives", Name = "authentik", Icon = "authentik.png", Description = "Identity provider")]
    [Widget("authentik", ApiKeySecret = "authentik-api-key")]
    public abstract partial class AuthentikServer : AuthentikApp;

    /// <summary>
    /// authentik's worker: background tasks, outposts, e-mail. No route; always on. Same settings and secrets as
    /// <see cref="AuthentikServer"/> (see <see cref="AuthentikApp"/>). It joins <c>homelab-network</c> by name: with no
    /// route and only the internal <c>authentik-backend</c>, it would be confined like the database, and its tasks need a
    /// way out (e-mail, federated sources).
    /// </summary>
    [Stack("alternatives")]
    [Service(Name = "authentik-worker", Image = "ghcr.io/goauthentik/server:2026.2.2", User = "1000:1000", Command = new[] { "worker" })]
    [Network("homelab-network")]
    public abstract partial class AuthentikWorker : AuthentikApp;

    /// <summary>
    /// authentik's PostgreSQL database. No route; always on; shares the internal <c>authentik-backend</c> network and the
    /// generated secret <c>authentik-db-password</c> with <see cref="AuthentikServer"/> and <see cref="AuthentikWorker"/>
    /// only.
    /// </summary>
    [Stack("alternatives")]
    [Service(Name = "authentik-db", Image = PostgresImage)]
    [Env("POSTGRES_USER", "authentik")]
    [Env("POSTGRES_DB", "authentik")]
    [SecretEnv("POSTGRES_PASSWORD", "authentik-db-password")]
    [Volume("./authentik/db", "/var/lib/postgresql/data")]
    [Network("authentik-backend", Internal = true)]
    [Healthcheck("pg_isready -h 127.0.0.1 -U authentik -d authentik", Interval = "10s", Timeout = "5s", Retries = 5, StartPeriod = "30s")]
    public abstract partial class AuthentikDb : SqlDatabase;

    /// <summary>
    /// Plex Media Server, an alternative to Jellyfin. Route <c>plex.&lt;domain&gt;</c> (port 32400), <b>bypass</b>: TV apps
    /// and phones cannot pass a login page, and Plex has accounts of its own. Always on (a media player); dashboard group
    /// "Alternatives", with Homepage's Plex widget, which reads the secret <c>plex-api-key</c> that you supply (your
    /// X-Plex-Token). To sign the server in to your Plex account on its first start, supply <c>plex-claim-token</c> from
    /// plex.tv/claim (valid for four minutes) right before the first deploy; later starts ignore it. Media:
    /// <c>${MEDIA_DIR}</c>, read-only. Runs as <c>PUID</c>/<c>PGID</c> (<c>PLEX_UID</c>/<c>PLEX_GID</c>). The healthcheck
    /// is the image's own. Hardening exceptions: the image's init is s6-overlay, as in LinuxServer images, so it holds
    /// <see cref="LinuxServerApp"/>'s capabilities for the same reasons: <c>CHOWN</c>, <c>FOWNER</c> (its first-run
    /// script gives <c>/config</c> and <c>/transcode</c> to the plex user), <c>DAC_OVERRIDE</c> (root reads and writes
    /// that user's folders on later starts), <c>SETUID</c>, <c>SETGID</c> (<c>s6-setuidgid plex</c>) and <c>KILL</c> (the
    /// root supervisor stops the server with a signal).
    /// </summary>
    [Stack("alternatives")]
    [Service(Name = "plex", Image = "plexinc/pms-docker:1.43.0.10492-121068a07")]
    [Route(32400, Access = Access.Bypass)]
    [Dashboard("Alternatives", Icon = "plex.png", Description = "Movies and TV")]
    [Widget("plex", ApiKeySecret = "plex-api-key")]
    [Env("TZ", "${TZ}")]
    [Env("PLEX_UID", "${PUID}")]
    [Env("PLEX_GID", "${PGID}")]
    [Env("ADVERTISE_IP", "https://plex.${DOMAIN}:443")]
    [SecretEnv("PLEX_CLAIM", "plex-claim-token")]
    [Volume("./plex/config", "/config")]
    [Volume("./plex/transcode", "/transcode")]
    [Volume("${MEDIA_DIR}", "/media", ReadOnly = true)]
    [Healthcheck("/healthcheck.sh", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    [CapAdd("CHOWN")]
    [CapAdd("FOWNER")]
    [CapAdd("DAC_OVERRIDE")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // Plex asks for 2 GB at least; transcoding is CPU-bound: two CPUs, the most a two-core host accepts.
    [Resources(Cpus = "2.0", Memory = "4g")]
    public abstract partial class Plex : HostPaths;
}
