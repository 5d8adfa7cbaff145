namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Backrest: a web UI and scheduler for restic backups. Route <c>backrest.&lt;domain&gt;</c> (port 9898), two-factor and
    /// an admin UI (it reads every stack, secrets included, and runs hook commands); always on, not lazy as upstream had
    /// it: a stopped scheduler runs no backups. Dashboard group "Backup". No secrets: its own login and the restic
    /// repository passwords are set in the UI. It backs up <c>/opt/stacks</c> (read-only) into repositories under
    /// <c>/backups</c> (<c>${BACKUP_DIR}</c> on the host).
    /// Capability exception: <c>DAC_READ_SEARCH</c>, so that root, with every other capability dropped, can read what
    /// it backs up: under <c>/opt/stacks</c> the databases' folders are their users' (mode 0700) and secret files
    /// belong to the users that read them (0600).
    /// </summary>
    [Stack("utilities")]
    [Service(Name = "backrest", Image = "garethgeorge/backrest:v1.14.1")]
    [Route(9898)]
    [Admin]
    [Dashboard("Backup", Icon = "backrest.png", Description = "Restic backups")]
    [Env("TZ", "${TZ}")]
    [Volume("./backrest/data", "/data")]
    [Volume("./backrest/config", "/config")]
    [Volume("./backrest/cache", "/cache")]
    [Volume("/opt/stacks", "/opt/stacks", ReadOnly = true)]
    [Volume("${BACKUP_DIR}", "/backups")]
    [Healthcheck("curl -fsS -o /dev/null http://localhost:9898/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    [CapAdd("DAC_READ_SEARCH")]
    // restic keeps the repository's index in memory while it backs up.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Backrest : HostPaths;

    /// <summary>
    /// Duplicati: encrypted backups to local disks and cloud storage, with a web UI. Route <c>duplicati.&lt;domain&gt;</c>
    /// (port 8200), two-factor and an admin UI (it reads every stack and can restore over them); always on, not lazy as
    /// upstream had it: its scheduler must run. Dashboard group "Backup". Generated secrets: <c>duplicati-settings-key</c>
    /// encrypts its settings database, <c>duplicati-ui-password</c> is the UI password
    /// (<c>secrets show duplicati-ui-password</c>). Sources: <c>/source/stacks</c> (<c>/opt/stacks</c>, read-only);
    /// destination: <c>/backups</c> (<c>${BACKUP_DIR}</c>).
    /// </summary>
    [Stack("utilities")]
    [Service(Name = "duplicati", Image = "lscr.io/linuxserver/duplicati:v2.3.0.4_stable_2026-07-09-ls301")]
    [Route(8200)]
    [Admin]
    [Dashboard("Backup", Icon = "duplicati.png", Description = "Encrypted backups")]
    [SecretEnv("SETTINGS_ENCRYPTION_KEY", "duplicati-settings-key")]
    [SecretEnv("DUPLICATI__WEBSERVICE_PASSWORD", "duplicati-ui-password")]
    [Volume("./duplicati/config", "/config")]
    [Volume("/opt/stacks", "/source/stacks", ReadOnly = true)]
    [Volume("${BACKUP_DIR}", "/backups")]
    [Healthcheck("curl -fsS -o /dev/null http://localhost:8200/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // .NET; compresses and encrypts while it backs up.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Duplicati : LinuxServerApp;

    /// <summary>
    /// Form.io's start: builds <c>NODE_CONFIG</c> (the MongoDB URL with its password, the settings key, the token key)
    /// and <c>ROOT_PASSWORD</c> from the mounted secret files, then runs the image's own command. Hex secrets need no
    /// escaping in JSON or in a URL.
    /// </summary>
    private const string FormioStart =
        """export NODE_CONFIG="$(printf '{"mongo":"mongodb://formio:%s@formio-mongo:27017/formio?authSource=admin","mongoSecret":"%s","jwt":{"secret":"%s"}}' """
        + """ "$(cat "$FORMIO_DB_PASSWORD_FILE")" "$(cat "$FORMIO_DB_SECRET_FILE")" "$(cat "$FORMIO_JWT_SECRET_FILE")")"; """
        + """export ROOT_PASSWORD="$(cat "$FORMIO_ROOT_PASSWORD_FILE")"; exec node --no-node-snapshot main""";

    /// <summary>
    /// Form.io community edition: a form builder and its API. Route <c>forms.&lt;domain&gt;</c> (port 3001), the lab's
    /// default access (two-factor); lazy group <c>formio</c>; dashboard group "Utilities". Its database is
    /// <see cref="FormioMongo"/>, over the internal <c>formio-backend</c> network, with the generated secret
    /// <c>formio-db-password</c>; generated secrets <c>formio-jwt-secret</c> (signs its tokens; upstream kept the default,
    /// which anyone can forge) and <c>formio-db-secret</c> (encrypts stored settings); the first start creates the admin
    /// <c>admin@&lt;domain&gt;</c> with the generated secret <c>formio-root-password</c>. The image reads its settings only from
    /// one JSON variable, <c>NODE_CONFIG</c>, and <c>ROOT_PASSWORD</c>, with no file form: its entrypoint is wrapped in a
    /// shell that builds them from the secret files at start, so no value is written in the compose file.
    /// The image runs as root (it downloads its client into <c>/app</c> on every fresh container).
    /// Capability exception: <c>DAC_READ_SEARCH</c>, so that root, with every other capability dropped, can read
    /// <c>formio-db-password</c>, whose file belongs to <see cref="FormioMongo"/>'s user (999), mode 0600.
    /// </summary>
    [Stack("utilities")]
    [Service(Name = "formio", Image = "formio/formio:v4.5.4",
        Entrypoint = new[] { "/bin/sh", "-c", FormioStart })]
    [Route(3001, Subdomain = "forms")]
    [LazyStart(Group = "formio", DisplayName = "Form.io")]
    [Dashboard("Utilities", Name = "Form.io", Icon = "formio.png", Description = "Forms")]
    [Env("ROOT_EMAIL", "admin@${DOMAIN}")]
    [SecretEnv("FORMIO_DB_PASSWORD", "formio-db-password")]
    [SecretEnv("FORMIO_DB_SECRET", "formio-db-secret")]
    [SecretEnv("FORMIO_JWT_SECRET", "formio-jwt-secret")]
    [SecretEnv("FORMIO_ROOT_PASSWORD", "formio-root-password")]
    [Network("formio-backend", Internal = true)]
    [DependsOn<FormioMongo>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("wget -q --spider http://localhost:3001/health", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    [CapAdd("DAC_READ_SEARCH")]
    // A Node.js API.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Formio;

    /// <summary>
    /// Form.io's MongoDB database, with authentication on (upstream ran it without, and without a volume). No route;
    /// always on; shares the internal <c>formio-backend</c> network and the generated secret <c>formio-db-password</c> (its root
    /// user <c>formio</c>) with <see cref="Formio"/> only. The official image's entrypoint reads
    /// <c>MONGO_INITDB_ROOT_PASSWORD_FILE</c> only after it has re-run itself as <c>mongodb</c> (999), so the service runs
    /// as that user from the start (the entrypoint supports it: it then skips its chown and gosu), and the secret file
    /// is given to 999. Data: the named volume <c>formio-mongo-data</c>, which takes the image's ownership of
    /// <c>/data/db</c> (mongodb's); a bind-mounted folder would be root's. No capabilities.
    /// </summary>
    [Stack("utilities")]
    [Service(Name = "formio-mongo", Image = "mongo:8.0.20", User = "999:999")]
    [Env("MONGO_INITDB_ROOT_USERNAME", "formio")]
    [SecretEnv("MONGO_INITDB_ROOT_PASSWORD", "formio-db-password")]
    [Volume("formio-mongo-data", "/data/db")]
    [Network("formio-backend", Internal = true)]
    [Healthcheck("mongosh --quiet --eval 'db.adminCommand(\"ping\")'", Interval = "10s", Timeout = "5s", Retries = 5, StartPeriod = "30s")]
    // MongoDB sizes its cache from the container's limit (its minimum, 256 MB, at 1g).
    [Resources(Cpus = "1.0", Memory = "1g", MemoryReservation = "256m")]
    public abstract partial class FormioMongo;

    /// <summary>
    /// Vaultwarden: a Bitwarden-compatible password manager. Route <c>vault.&lt;domain&gt;</c> (port 80), <b>bypass</b>: the
    /// Bitwarden apps and browser extensions cannot pass a login page, and its vault is end-to-end encrypted behind its
    /// own login. Always on, not lazy as upstream had it: the apps sync in the background and cannot wait behind a
    /// start-up page. Dashboard group "Utilities". Sign-ups are off; invite users from its admin page
    /// (<c>/admin</c>), whose token is the generated secret <c>vaultwarden-admin-password</c>
    /// (<c>secrets show vaultwarden-admin-password</c>; without mail settings an invited address can register at once).
    /// The healthcheck is the image's own.
    /// Read-only root, no tmpfs: it writes only under <c>/data</c> (database, keys, attachments, icon cache, and its
    /// upload folder <c>/data/tmp</c>), the volume; its start script and healthcheck only read.
    /// </summary>
    [Stack("utilities")]
    [Service(Name = "vaultwarden", Image = "vaultwarden/server:1.37.2")]
    [ReadOnlyRoot]
    [Route(80, Subdomain = "vault", Access = Access.Bypass)]
    [Dashboard("Utilities", Icon = "vaultwarden.png", Description = "Passwords")]
    [Env("DOMAIN", "https://vault.${DOMAIN}")]
    [Env("SIGNUPS_ALLOWED", "false")]
    [Env("INVITATIONS_ALLOWED", "true")]
    [SecretEnv("ADMIN_TOKEN", "vaultwarden-admin-password")]
    [Volume("./vaultwarden/data", "/data")]
    [Healthcheck("/healthcheck.sh", Interval = "60s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // A Rust server with SQLite.
    [Resources(Cpus = "0.5", Memory = "256m")]
    public abstract partial class Vaultwarden;
}
