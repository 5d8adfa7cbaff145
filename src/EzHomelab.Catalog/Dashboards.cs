namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Homepage: the lab's start page. EzHomelab renders its whole configuration (one entry per <c>[Dashboard]</c>,
    /// grouped, with the <c>[Widget]</c>s and their API keys as secret files) into the folder it mounts at
    /// <c>/app/config</c>, its allowed host from its route, and its Docker connection through the socket proxy. Route
    /// <c>homepage.&lt;domain&gt;</c> (port 3000), the lab's default access (two-factor); not lazy (it is the way in);
    /// dashboard group "Dashboards". It drops to <c>PUID</c>/<c>PGID</c>. The healthcheck is the image's own. Hardening
    /// exceptions: <c>CHOWN</c> (its entrypoint gives <c>/app/config</c> and <c>/app/.next</c> to PUID:PGID), <c>SETUID</c>
    /// and <c>SETGID</c> (it drops to them with su-exec).
    /// </summary>
    [Stack("dashboards")]
    [Service(Name = "homepage", Image = "ghcr.io/gethomepage/homepage:v1.12.3")]
    [Route(3000)]
    [Dashboard("Dashboards", Name = "Homepage", Icon = "homepage.png", Description = "Start page")]
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    [Healthcheck("wget --no-verbose --tries=1 --spider http://127.0.0.1:3000/api/healthcheck || exit 1", Interval = "30s", Timeout = "5s", Retries = 3, StartPeriod = "20s")]
    [CapAdd("CHOWN")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    // A Next.js server rendering one page.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Homepage;

    /// <summary>
    /// Homarr: a dashboard you arrange in the browser. Route <c>homarr.&lt;domain&gt;</c> (port 7575), two-factor; lazy
    /// group <c>homarr</c>; dashboard group "Dashboards". Its <c>SECRET_ENCRYPTION_KEY</c> (64 hexadecimal characters, as
    /// Homarr requires) is the secret <c>homarr-encryption-key</c>, generated once and read through the image's
    /// <c>_FILE</c> support; losing it makes the stored integration secrets unreadable. Its Docker integration lists
    /// containers through the socket proxy (read-only, so its start/stop buttons are refused), never the socket.
    /// The healthcheck asks its liveness endpoint (busybox wget).
    /// Its entrypoint, as root, gives <c>/app</c> and nginx's folders to PUID:PGID, loads the <c>_FILE</c> secrets and drops
    /// to PUID:PGID with su-exec; then <c>run.sh</c> creates <c>/appdata/db</c>, <c>/appdata/redis</c> and
    /// <c>/appdata/trusted-certificates</c> as that user. The entrypoint never gives <c>/appdata</c> away, and Docker
    /// creates the mounted folder as root, so the class wraps the entrypoint: <c>/appdata</c> goes to PUID:PGID first (then
    /// the image's own entrypoint and command run as before). The service's user is root, stated as <c>User = "0:0"</c>:
    /// the entrypoint reads the secret file before it drops privileges, so the file stays root's (with PUID set and no
    /// user, the file would go to PUID, and root, without <c>DAC_OVERRIDE</c>, could not read it).
    /// Hardening exceptions: the entrypoint gives <c>/appdata</c>, <c>/app</c> and nginx's folders to PUID:PGID
    /// (<c>CHOWN</c>) and drops to them with su-exec (<c>SETUID</c>, <c>SETGID</c>).
    /// </summary>
    [Stack("dashboards")]
    [Service(Name = "homarr", Image = "ghcr.io/homarr-labs/homarr:v1.74.0", User = "0:0",
        Entrypoint = new[] { "/bin/sh", "-c", HomarrStart, "homarr" },
        Command = new[] { "sh", "run.sh" })]
    [Route(7575)]
    [LazyStart(Group = "homarr", DisplayName = "Homarr")]
    [Dashboard("Dashboards", Name = "Homarr", Icon = "homarr.png", Description = "Dashboard")]
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    [Env("DOCKER_HOSTNAMES", "dockerproxy")]
    [Env("DOCKER_PORTS", "2375")]
    [SecretEnv("SECRET_ENCRYPTION_KEY", "homarr-encryption-key")]
    [Volume("./homarr/appdata", "/appdata")]
    [Healthcheck("wget -q -O /dev/null http://127.0.0.1:7575/api/health/live || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    [CapAdd("CHOWN")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    // Next.js, nginx and Redis in one container.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Homarr;

    /// <summary>
    /// Homarr's start: gives the mounted <c>/appdata</c> (Docker creates it as root) to PUID:PGID, which run.sh creates its
    /// folders in after the image's entrypoint has dropped to them, then runs that entrypoint with the command.
    /// </summary>
    private const string HomarrStart = "chown -R \"$PUID:$PGID\" /appdata && exec /app/entrypoint.sh \"$@\"";
}
