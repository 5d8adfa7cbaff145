namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Arcane: a web UI for Docker and compose projects, an alternative to Dockge over the same <c>/opt/stacks</c>.
    /// Route <c>arcane.&lt;domain&gt;</c> (port 3552; upstream only published the host port, without the login), two-factor
    /// and an admin UI (it controls the Docker engine); always on; dashboard group "Infrastructure". Generated secrets:
    /// <c>arcane-encryption-key</c> (encrypts what it stores) and <c>arcane-jwt-secret</c> (signs its sessions), read
    /// through their <c>_FILE</c> form; its admin account is created in the UI on first visit. It starts as root and
    /// drops to <c>PUID</c>/<c>PGID</c>. Hardening exception: it mounts the Docker socket, since managing containers is
    /// what it does. The healthcheck is the one Arcane's own compose file declares.
    /// Capabilities: at start, as root, it gives <c>/app/data</c> to PUID:PGID (<c>CHOWN</c>) and re-runs itself as
    /// them with their groups (<c>SETUID</c>, <c>SETGID</c>); the root parent passes the stop signal on to that child
    /// (<c>KILL</c>).
    /// </summary>
    [Stack("arcane")]
    [Service(Name = "arcane", Image = "ghcr.io/getarcaneapp/arcane:v2.8.1")]
    [Route(3552)]
    [Admin]
    [Dashboard("Infrastructure", Icon = "arcane.png", Description = "Docker management")]
    [Env("APP_URL", "https://arcane.${DOMAIN}")]
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    [Env("PROJECTS_DIRECTORY", "/opt/stacks")]
    [SecretEnv("ENCRYPTION_KEY", "arcane-encryption-key")]
    [SecretEnv("JWT_SECRET", "arcane-jwt-secret")]
    [Volume("/var/run/docker.sock", "/var/run/docker.sock")]
    [AllowDockerSocket(Reason = "manages containers and compose projects: that is what it does")]
    [Volume("./arcane/data", "/app/data")]
    [Volume("/opt/stacks", "/opt/stacks")]
    [Healthcheck("/app/arcane", "health", "--timeout", "2s", Interval = "10s", Timeout = "3s", Retries = 5, StartPeriod = "15s")]
    [CapAdd("CHOWN")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // A UI over the Docker API.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Arcane;
}
