namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Sablier: starts the lab's lazy services (<c>[LazyStart]</c>) on their first request and stops them when idle.
    /// Traefik's Sablier middleware asks it at <c>http://sablier:10000</c> on the shared network; EzHomelab renders
    /// that middleware (one per lazy group) and the plugin declaration. No route (its API is for Traefik only), no
    /// dashboard entry, never lazy itself. It starts and stops containers, so it mounts the Docker socket itself: the
    /// read-only socket proxy would refuse it. The healthcheck is its own <c>sablier health</c> command (the image is
    /// built from scratch: no shell, hence the exec form).
    /// Read-only root, no tmpfs: one static binary that keeps its sessions in memory (it writes only with
    /// <c>--storage.file</c>, not set).
    /// </summary>
    [Stack("sablier")]
    [Service(Name = "sablier", Image = "sablierapp/sablier:1.16.2", Command = new[] { "start", "--provider.name=docker" })]
    [ReadOnlyRoot]
    [Volume("/var/run/docker.sock", "/var/run/docker.sock", ReadOnly = true)]
    [Healthcheck("/bin/sablier", "health", Interval = "30s", Timeout = "5s", Retries = 3, StartPeriod = "10s")]
    // A Go service that starts and stops containers.
    [Resources(Cpus = "0.25", Memory = "128m")]
    public abstract partial class Sablier;
}
