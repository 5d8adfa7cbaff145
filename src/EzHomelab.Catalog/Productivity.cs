namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Nextcloud: files, calendars and contacts. Route <c>nextcloud.&lt;domain&gt;</c> (port 80; upstream's router pointed
    /// at the host port 8089), the lab's default access (two-factor); lazy group <c>nextcloud</c>; dashboard group
    /// "Productivity", with Homepage's Nextcloud widget, which reads the secret <c>nextcloud-api-key</c> that you supply
    /// (an NC-Token from Settings → Administration → System). The first start installs it with the admin user
    /// <c>admin</c> and the generated secret <c>nextcloud-admin-password</c>; its database is
    /// <see cref="NextcloudDb"/>, reached over the internal <c>nextcloud-backend</c> network with the generated secret
    /// <c>nextcloud-db-password</c>. It trusts the private address ranges as proxies (Traefik's address is not fixed) and answers to its container name
    /// too, for the widget.
    /// The desktop and phone clients cannot pass a two-factor login page: give them a bypass route of your own if you
    /// need them.
    /// Hardening exceptions: its entrypoint, as root, copies Nextcloud into <c>/var/www/html</c> with rsync, giving the
    /// files to <c>www-data</c> (<c>CHOWN</c>), and on an upgrade writes into the folder that is by then www-data's
    /// (<c>DAC_OVERRIDE</c>); it runs <c>occ</c> as www-data with su, and Apache drops its workers to www-data
    /// (<c>SETUID</c>, <c>SETGID</c>); Apache's root parent stops those workers with a signal (<c>KILL</c>).
    /// </summary>
    [Stack("productivity")]
    [Service(Name = "nextcloud", Image = "nextcloud:34.0.2-apache")]
    [Route(80)]
    [LazyStart(Group = "nextcloud", DisplayName = "Nextcloud")]
    [Dashboard("Productivity", Icon = "nextcloud.png", Description = "Files and calendars")]
    [Widget("nextcloud", ApiKeySecret = "nextcloud-api-key")]
    [Env("MYSQL_HOST", "nextcloud-db")]
    [Env("MYSQL_DATABASE", "nextcloud")]
    [Env("MYSQL_USER", "nextcloud")]
    [SecretEnv("MYSQL_PASSWORD", "nextcloud-db-password")]
    [Env("NEXTCLOUD_ADMIN_USER", "admin")]
    [SecretEnv("NEXTCLOUD_ADMIN_PASSWORD", "nextcloud-admin-password")]
    [Env("NEXTCLOUD_TRUSTED_DOMAINS", "nextcloud.${DOMAIN} nextcloud")]
    [Env("TRUSTED_PROXIES", "10.0.0.0/8 172.16.0.0/12 192.168.0.0/16")]
    [Env("OVERWRITEPROTOCOL", "https")]
    [Env("OVERWRITECLIURL", "https://nextcloud.${DOMAIN}")]
    [Volume("./nextcloud/html", "/var/www/html")]
    [Network("nextcloud-backend", Internal = true)]
    [DependsOn<NextcloudDb>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("curl -fsS -o /dev/null http://localhost/status.php", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "120s")]
    [CapAdd("CHOWN")]
    [CapAdd("DAC_OVERRIDE")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // Nextcloud recommends 512 MB of PHP memory per request, and Apache serves several at once (sync, previews).
    [Resources(Cpus = "2.0", Memory = "2g")]
    public abstract partial class Nextcloud;

    /// <summary>
    /// Nextcloud's MariaDB database. No route; always on (a database); shares the internal <c>nextcloud-backend</c> network and
    /// the generated secret <c>nextcloud-db-password</c> with <see cref="Nextcloud"/> only; its root password is the
    /// generated secret <c>nextcloud-db-root-password</c>. Runs with the READ-COMMITTED isolation Nextcloud asks for.
    /// </summary>
    [Stack("productivity")]
    [Service(Name = "nextcloud-db", Image = MariaDbImage, Command = new[] { "--transaction-isolation=READ-COMMITTED" })]
    [Env("MARIADB_DATABASE", "nextcloud")]
    [Env("MARIADB_USER", "nextcloud")]
    [SecretEnv("MARIADB_PASSWORD", "nextcloud-db-password")]
    [SecretEnv("MARIADB_ROOT_PASSWORD", "nextcloud-db-root-password")]
    [Volume("./nextcloud/db", "/var/lib/mysql")]
    [Network("nextcloud-backend", Internal = true)]
    [Healthcheck(MariaDbHealthcheck, Interval = "10s", Timeout = "5s", Retries = 5, StartPeriod = "30s")]
    public abstract partial class NextcloudDb : SqlDatabase;

    /// <summary>
    /// Mealie: recipes, meal plans and shopping lists. Route <c>mealie.&lt;domain&gt;</c> (port 9000), the lab's default
    /// access (two-factor); lazy group <c>mealie</c>; dashboard group "Productivity". Its own SQLite database under
    /// <c>/app/data</c>; no secrets (the first user is created in the UI); sign-up is off. The healthcheck is the image's own.
    /// Hardening exceptions: its entrypoint gives <c>/app</c> (with <c>/app/data</c>) to PUID:PGID (<c>CHOWN</c>) and
    /// drops to them with gosu (<c>SETUID</c>, <c>SETGID</c>).
    /// </summary>
    [Stack("productivity")]
    [Service(Name = "mealie", Image = "ghcr.io/mealie-recipes/mealie:v3.28.0")]
    [Route(9000)]
    [LazyStart(Group = "mealie", DisplayName = "Mealie")]
    [Dashboard("Productivity", Icon = "mealie.png", Description = "Recipes")]
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    [Env("BASE_URL", "https://mealie.${DOMAIN}")]
    [Env("ALLOW_SIGNUP", "false")]
    [Volume("./mealie/data", "/app/data")]
    [Healthcheck("python -m mealie.scripts.healthcheck", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    [CapAdd("CHOWN")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    // A Python app; importing a recipe scrapes and parses a page.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Mealie;

    /// <summary>
    /// WordPress: a website and blog. Route <c>wordpress.&lt;domain&gt;</c> (port 80; upstream's router pointed at the host
    /// port 8088), the lab's default access (two-factor: for a public site, give your class
    /// <c>[Route(80, Access = Access.Bypass)]</c>); lazy group <c>wordpress</c>; dashboard group "Productivity". Its
    /// database is <see cref="WordpressDb"/>, over the internal <c>wordpress-backend</c> network, with the generated secret
    /// <c>wordpress-db-password</c>. The site's PHP reads that secret's file itself, as <c>www-data</c>, so the service
    /// runs as that user (33), and the site lives in the named volume <c>wordpress-html</c>, which the image's
    /// <c>www-data</c> owns.
    /// </summary>
    [Stack("productivity")]
    [Service(Name = "wordpress", Image = "wordpress:6.9.4-php8.3-apache", User = "33:33")]
    [Route(80)]
    [LazyStart(Group = "wordpress", DisplayName = "WordPress")]
    [Dashboard("Productivity", Name = "WordPress", Icon = "wordpress.png", Description = "Website")]
    [Env("WORDPRESS_DB_HOST", "wordpress-db")]
    [Env("WORDPRESS_DB_NAME", "wordpress")]
    [Env("WORDPRESS_DB_USER", "wordpress")]
    [SecretEnv("WORDPRESS_DB_PASSWORD", "wordpress-db-password")]
    [Volume("wordpress-html", "/var/www/html")]
    [Network("wordpress-backend", Internal = true)]
    [DependsOn<WordpressDb>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("curl -fsS -o /dev/null http://localhost/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // Apache with PHP for one site.
    [Resources(Cpus = "1.0", Memory = "512m")]
    public abstract partial class Wordpress;

    /// <summary>
    /// WordPress's MariaDB database. No route; always on; shares the internal <c>wordpress-backend</c> network and the generated
    /// secret <c>wordpress-db-password</c> with <see cref="Wordpress"/> only; root password: the generated secret
    /// <c>wordpress-db-root-password</c>.
    /// </summary>
    [Stack("productivity")]
    [Service(Name = "wordpress-db", Image = MariaDbImage)]
    [Env("MARIADB_DATABASE", "wordpress")]
    [Env("MARIADB_USER", "wordpress")]
    [SecretEnv("MARIADB_PASSWORD", "wordpress-db-password")]
    [SecretEnv("MARIADB_ROOT_PASSWORD", "wordpress-db-root-password")]
    [Volume("./wordpress/db", "/var/lib/mysql")]
    [Network("wordpress-backend", Internal = true)]
    [Healthcheck(MariaDbHealthcheck, Interval = "10s", Timeout = "5s", Retries = 5, StartPeriod = "30s")]
    public abstract partial class WordpressDb : SqlDatabase;

    /// <summary>
    /// Gitea: Git hosting with issues and pull requests. Route <c>gitea.&lt;domain&gt;</c> (port 3000; upstream's router
    /// pointed at the host port 3010), the lab's default access (two-factor, so <c>git</c> over HTTPS cannot log in: use
    /// SSH, or a bypass route of your own); lazy group <c>gitea</c>; dashboard group "Productivity", with Homepage's Gitea
    /// widget, which reads the secret <c>gitea-api-key</c> that you supply (an access token from your user settings).
    /// Its database is <see cref="GiteaDb"/>, over the internal <c>gitea-backend</c> network, with the generated secret
    /// <c>gitea-db-password</c>. Gitea reads <c>GITEA__section__KEY__FILE</c> (two underscores), named as the secret's
    /// <c>FileVariable</c>. Runs as <c>PUID</c>/<c>PGID</c>.
    /// Hardening exceptions: the image's s6 setup, as root, gives <c>/data</c> to the git user (<c>CHOWN</c>), sets the
    /// modes of its <c>.ssh</c> folder (<c>FOWNER</c>) and rewrites <c>app.ini</c> and <c>.ssh/environment</c> there,
    /// which belong to that user (<c>DAC_OVERRIDE</c>); it runs Gitea as that user with su-exec (<c>SETUID</c>,
    /// <c>SETGID</c>) under a root supervisor that stops it with a signal (<c>KILL</c>). Its OpenSSH server is not
    /// published here; to use it, publish port 22 and add <c>SYS_CHROOT</c> on your class (sshd's privilege separation
    /// chroots on every connection).
    /// </summary>
    [Stack("productivity")]
    [Service(Name = "gitea", Image = "gitea/gitea:1.26.1")]
    [Route(3000)]
    [LazyStart(Group = "gitea", DisplayName = "Gitea")]
    [Dashboard("Productivity", Icon = "gitea.png", Description = "Git hosting")]
    [Widget("gitea", ApiKeySecret = "gitea-api-key")]
    [Env("USER_UID", "${PUID}")]
    [Env("USER_GID", "${PGID}")]
    [Env("GITEA__database__DB_TYPE", "postgres")]
    [Env("GITEA__database__HOST", "gitea-db:5432")]
    [Env("GITEA__database__NAME", "gitea")]
    [Env("GITEA__database__USER", "gitea")]
    [SecretEnv("GITEA__database__PASSWD", "gitea-db-password", FileVariable = "GITEA__database__PASSWD__FILE")]
    [Env("GITEA__server__ROOT_URL", "https://gitea.${DOMAIN}/")]
    [Volume("./gitea/data", "/data")]
    [Volume("/etc/localtime", "/etc/localtime", ReadOnly = true)]
    [Network("gitea-backend", Internal = true)]
    [DependsOn<GiteaDb>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("curl -fsS -o /dev/null http://localhost:3000/api/healthz", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    [CapAdd("CHOWN")]
    [CapAdd("FOWNER")]
    [CapAdd("DAC_OVERRIDE")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // A Go server; indexing and large pushes take memory.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Gitea;

    /// <summary>
    /// Gitea's PostgreSQL database. No route; always on; shares the internal <c>gitea-backend</c> network and the generated secret
    /// <c>gitea-db-password</c> with <see cref="Gitea"/> only.
    /// </summary>
    [Stack("productivity")]
    [Service(Name = "gitea-db", Image = PostgresImage)]
    [Env("POSTGRES_USER", "gitea")]
    [Env("POSTGRES_DB", "gitea")]
    [SecretEnv("POSTGRES_PASSWORD", "gitea-db-password")]
    [Volume("./gitea/db", "/var/lib/postgresql/data")]
    [Network("gitea-backend", Internal = true)]
    [Healthcheck("pg_isready -h 127.0.0.1 -U gitea -d gitea", Interval = "10s", Timeout = "5s", Retries = 5, StartPeriod = "30s")]
    public abstract partial class GiteaDb : SqlDatabase;

    /// <summary>
    /// JupyterLab with the scientific Python stack. Route <c>jupyter.&lt;domain&gt;</c> (port 8888; upstream's router
    /// pointed at the host port 8890), two-factor and an admin UI (its terminals run code); lazy group <c>jupyter</c>;
    /// dashboard group "Development". Behind the login it also asks for its own token, the generated secret
    /// <c>jupyter-access-key</c> (<c>secrets show jupyter-access-key</c>), read through <c>JUPYTER_TOKEN_FILE</c> as the
    /// image's user <c>jovyan</c> (1000:100). Upstream ran it as root with sudo; it does not here. Notebooks: the named
    /// volume <c>jupyter-work</c>, owned by <c>jovyan</c> in the image. The healthcheck is the image's own.
    /// </summary>
    [Stack("productivity")]
    [Service(Name = "jupyter", Image = "quay.io/jupyter/scipy-notebook:2026-09-29", User = "1000:100")]
    [Route(8888)]
    [Admin]
    [LazyStart(Group = "jupyter", DisplayName = "Jupyter")]
    [Dashboard("Development", Name = "Jupyter", Icon = "jupyter.png", Description = "Notebooks")]
    [Env("TZ", "${TZ}")]
    [SecretEnv("JUPYTER_TOKEN", "jupyter-access-key")]
    [Volume("jupyter-work", "/home/jovyan/work")]
    [Healthcheck("/etc/jupyter/docker_healthcheck.py", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // Notebooks hold data in memory; every kernel's BLAS and thread pools are sized by the host's CPUs, not by the limit, so a few kernels pass 1024 threads.
    [Resources(Cpus = "2.0", Memory = "4g", Pids = 2048)]
    public abstract partial class Jupyter;
}
