namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Dockge: the stack manager, showing and editing the compose folders EzHomelab renders under <c>/opt/stacks</c>.
    /// Route <c>dockge.&lt;domain&gt;</c> (port 5001), two-factor (an admin UI: it runs any container on the host). Not
    /// lazy (it is how you start the rest); dashboard group "Dashboards". It creates and stops containers, so it
    /// mounts the Docker socket itself. The healthcheck is the image's own binary. Render with <c>--root /opt/stacks</c>
    /// (or change the two <c>/opt/stacks</c> paths) so Dockge sees the stacks.
    /// </summary>
    [Stack("dockge")]
    [Service(Name = "dockge", Image = "louislam/dockge:1.5.0")]
    [Route(5001)]
    [Dashboard("Dashboards", Name = "Dockge", Icon = "dockge.png", Description = "Compose stacks")]
    [Env("DOCKGE_STACKS_DIR", "/opt/stacks")]
    [Volume("/var/run/docker.sock", "/var/run/docker.sock")]
    [Volume("/opt/stacks", "/opt/stacks")]
    [Volume("./dockge/data", "/app/data")]
    [Healthcheck("/app/extra/healthcheck", Interval = "60s", Timeout = "30s", Retries = 5, StartPeriod = "60s")]
    // A Node.js UI over docker compose.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Dockge;
}
