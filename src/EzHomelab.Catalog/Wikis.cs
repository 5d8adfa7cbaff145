namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// DokuWiki: a wiki that keeps its pages as plain files, no database. Route <c>dokuwiki.&lt;domain&gt;</c> (port 80;
    /// upstream's router pointed at the host port 8087), the lab's default access (two-factor); lazy group
    /// <c>dokuwiki</c>; dashboard group "Wikis". No secrets: its installer (<c>/install.php</c>) creates the admin account.
    /// </summary>
    [Stack("wikis")]
    [Service(Name = "dokuwiki", Image = "lscr.io/linuxserver/dokuwiki:2026-07-14a-ls318")]
    [Route(80)]
    [LazyStart(Group = "dokuwiki", DisplayName = "DokuWiki")]
    [Dashboard("Wikis", Name = "DokuWiki", Icon = "dokuwiki.png", Description = "Wiki")]
    [Volume("./dokuwiki/config", "/config")]
    [Healthcheck("curl -fsS -o /dev/null http://localhost/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // PHP pages from plain files.
    [Resources(Cpus = "0.5", Memory = "256m")]
    public abstract partial class Dokuwiki : LinuxServerApp;

    /// <summary>
    /// BookStack: documentation organised as shelves, books and pages. Route <c>bookstack.&lt;domain&gt;</c> (port 80;
    /// upstream's router pointed at the host port 6875), the lab's default access (two-factor); lazy group
    /// <c>bookstack</c>; dashboard group "Wikis". Its database is <see cref="BookstackDb"/>, over the
    /// internal <c>bookstack-backend</c> network, with the generated secret <c>bookstack-db-password</c>. Its Laravel application
    /// key is the secret <c>bookstack-app-key</c>, which you supply (upstream's literal key was a leak): <c>base64:</c>
    /// and 32 random bytes in base64, a format a generated secret does not have. Make one with
    /// <c>echo "base64:$(openssl rand -base64 32)"</c> and give it as <c>EZH_SECRET_BOOKSTACK_APP_KEY</c>; until then
    /// render warns and deploy refuses. First login: <c>admin@admin.com</c> / <c>password</c>; change it.
    /// </summary>
    [Stack("wikis")]
    [Service(Name = "bookstack", Image = "lscr.io/linuxserver/bookstack:v26.05.3-ls280")]
    [Route(80)]
    [LazyStart(Group = "bookstack", DisplayName = "BookStack")]
    [Dashboard("Wikis", Name = "BookStack", Icon = "bookstack.png", Description = "Documentation")]
    [Env("APP_URL", "https://bookstack.${DOMAIN}")]
    [Env("DB_HOST", "bookstack-db")]
    [Env("DB_PORT", "3306")]
    [Env("DB_DATABASE", "bookstack")]
    [Env("DB_USERNAME", "bookstack")]
    [SecretEnv("DB_PASSWORD", "bookstack-db-password")]
    [SecretEnv("APP_KEY", "bookstack-app-key", Supply = SecretSupply.User)]
    [Volume("./bookstack/config", "/config")]
    [Network("bookstack-backend", Internal = true)]
    [DependsOn<BookstackDb>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("curl -fsS -o /dev/null http://localhost/status", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // A Laravel (PHP) app.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Bookstack : LinuxServerApp;

    /// <summary>
    /// BookStack's MariaDB database. No route; always on; shares the internal <c>bookstack-backend</c> network and the generated
    /// secret <c>bookstack-db-password</c> with <see cref="Bookstack"/> only; root password: the generated secret
    /// <c>bookstack-db-root-password</c>.
    /// </summary>
    [Stack("wikis")]
    [Service(Name = "bookstack-db", Image = MariaDbImage)]
    [Env("MARIADB_DATABASE", "bookstack")]
    [Env("MARIADB_USER", "bookstack")]
    [SecretEnv("MARIADB_PASSWORD", "bookstack-db-password")]
    [SecretEnv("MARIADB_ROOT_PASSWORD", "bookstack-db-root-password")]
    [Volume("./bookstack/db", "/var/lib/mysql")]
    [Network("bookstack-backend", Internal = true)]
    [Healthcheck(MariaDbHealthcheck, Interval = "10s", Timeout = "5s", Retries = 5, StartPeriod = "30s")]
    public abstract partial class BookstackDb : SqlDatabase;

    /// <summary>
    /// MediaWiki, the wiki engine of Wikipedia (1.43, a long-term-support release). Route <c>mediawiki.&lt;domain&gt;</c>
    /// (port 80; upstream's router pointed at the host port 8086), the lab's default access (two-factor); lazy group
    /// <c>mediawiki</c>; dashboard group "Wikis". The image takes no database settings from the environment (upstream's
    /// were ignored): its web installer asks for them. Give it host <c>mediawiki-db</c>, database and user
    /// <c>mediawiki</c>, and the generated secret <c>mediawiki-db-password</c> (<c>secrets show mediawiki-db-password</c>);
    /// then save the <c>LocalSettings.php</c> it offers as <c>./mediawiki/LocalSettings.php</c> and mount it on your class:
    /// <c>[Volume("./mediawiki/LocalSettings.php", "/var/www/html/LocalSettings.php", ReadOnly = true)]</c> (mounting a
    /// file that does not exist yet would make Docker create a folder there). Uploads: the named volume
    /// <c>mediawiki-images</c>, owned by <c>www-data</c> in the image.
    /// Hardening exceptions: Apache starts as root and drops its workers to <c>www-data</c> (<c>SETUID</c>,
    /// <c>SETGID</c>); its root parent stops them with a signal (<c>KILL</c>).
    /// </summary>
    [Stack("wikis")]
    [Service(Name = "mediawiki", Image = "mediawiki:1.43.9")]
    [Route(80)]
    [LazyStart(Group = "mediawiki", DisplayName = "MediaWiki")]
    [Dashboard("Wikis", Name = "MediaWiki", Icon = "mediawiki.png", Description = "Wiki")]
    [Volume("mediawiki-images", "/var/www/html/images")]
    [Network("mediawiki-backend", Internal = true)]
    [DependsOn<MediawikiDb>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("curl -fsS -o /dev/null http://localhost/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // Apache with PHP for one wiki.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Mediawiki;

    /// <summary>
    /// MediaWiki's MariaDB database. No route; always on; shares the internal <c>mediawiki-backend</c> network with
    /// <see cref="Mediawiki"/> only. The generated secret <c>mediawiki-db-password</c> is its user's password, which you
    /// type into MediaWiki's installer (the image cannot read it from a file); root password: the generated secret
    /// <c>mediawiki-db-root-password</c>.
    /// </summary>
    [Stack("wikis")]
    [Service(Name = "mediawiki-db", Image = MariaDbImage)]
    [Env("MARIADB_DATABASE", "mediawiki")]
    [Env("MARIADB_USER", "mediawiki")]
    [SecretEnv("MARIADB_PASSWORD", "mediawiki-db-password")]
    [SecretEnv("MARIADB_ROOT_PASSWORD", "mediawiki-db-root-password")]
    [Volume("./mediawiki/db", "/var/lib/mysql")]
    [Network("mediawiki-backend", Internal = true)]
    [Healthcheck(MariaDbHealthcheck, Interval = "10s", Timeout = "5s", Retries = 5, StartPeriod = "30s")]
    public abstract partial class MediawikiDb : SqlDatabase;
}
