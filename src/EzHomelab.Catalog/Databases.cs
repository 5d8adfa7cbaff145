namespace EzHomelab;

public static partial class Catalog
{
    // The database images the catalog's apps share, pinned in one place. Each app's database is its own catalog class
    // (credentials, volume, healthcheck of its own), on an internal network it shares only with its app
    // ([Network(..., Internal = true)] on both). Unrouted and on internal networks only, a database joins no lab network:
    // no route out, and no other stack reaches it. None of them needs the internet.

    /// <summary>MariaDB 11.4, a long-term-support series (Nextcloud's recommended version).</summary>
    internal const string MariaDbImage = "mariadb:11.4.7";

    /// <summary>
    /// PostgreSQL 17 (not 18: its image moved the data folder to <c>/var/lib/postgresql/18/docker</c>, which the
    /// <c>/var/lib/postgresql/data</c> mounts below would miss).
    /// </summary>
    internal const string PostgresImage = "postgres:17.6-alpine";

    /// <summary>
    /// The MariaDB image's own check (<c>healthcheck.sh</c>, in the image since 10.x): connected, and InnoDB done
    /// initialising. It logs in with the healthcheck user the entrypoint creates on first start, so it needs no password.
    /// </summary>
    internal const string MariaDbHealthcheck = "healthcheck.sh --connect --innodb_initialized";

    /// <summary>
    /// What the catalog's PostgreSQL and MariaDB databases share: the official images' entrypoint starts as root, reads the
    /// <c>*_FILE</c> secrets, gives the data folder to the database user and re-runs itself as that user with gosu.
    /// Hardening exceptions: <c>CHOWN</c> (it gives the data folder to <c>postgres</c> or <c>mysql</c>); <c>SETUID</c> and
    /// <c>SETGID</c> (gosu, whose setgroups needs SETGID); <c>DAC_READ_SEARCH</c>, because on every later start root walks
    /// the data folder with <c>find</c>, whose subfolders are the database user's and mode 0700 (the entrypoint stops
    /// when find cannot read one), and reads a secret file that belongs to the app's non-root user when the two share it
    /// (MariaDB's healthcheck reads its 0600 credentials file in the data folder as root too).
    /// </summary>
    [CapAdd("CHOWN")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("DAC_READ_SEARCH")]
    [Resources(Cpus = "1.0", Memory = "1g", MemoryReservation = "256m")]
    public abstract partial class SqlDatabase;
}
