namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Docker socket proxy: a read-only view of the Docker API for Traefik, Homepage, Dozzle and Glances, so that none
    /// of them mounts the socket. It answers GET on containers (with their logs and stats), networks, services, tasks,
    /// events, version and system info; POST stays off (the image's default), so nothing behind it can start, stop or
    /// exec. Listens on port 2375 on the shared network only: no route, no published port, no dashboard entry, never
    /// lazy (Traefik's docker provider reads through it). Not privileged (upstream's <c>privileged</c> only helps
    /// SELinux hosts). The healthcheck asks the Docker API's <c>/_ping</c> through the proxy itself (busybox wget).
    /// Read-only root: its entrypoint writes HAProxy's configuration to <c>/tmp/haproxy.cfg</c> on every start, and HAProxy
    /// its pid file to <c>/run</c>; both are tmpfs.
    /// </summary>
    [Stack("infrastructure")]
    [Service(Name = "dockerproxy", Image = "tecnativa/docker-socket-proxy:0.4.1")]
    [ReadOnlyRoot(Tmpfs = new[] { "/tmp", "/run" })]
    [Env("CONTAINERS", "1")]
    [Env("NETWORKS", "1")]
    [Env("SERVICES", "1")]
    [Env("TASKS", "1")]
    // Dozzle lists the engine's system information.
    [Env("INFO", "1")]
    [Env("POST", "0")]
    [Volume("/var/run/docker.sock", "/var/run/docker.sock", ReadOnly = true)]
    [Healthcheck("wget -q -O /dev/null http://127.0.0.1:2375/_ping || exit 1", Interval = "30s", Timeout = "5s", Retries = 3, StartPeriod = "10s")]
    // HAProxy in front of the socket, at most 4000 connections (its configuration).
    [Resources(Cpus = "0.25", Memory = "128m")]
    public abstract partial class DockerProxy;

    /// <summary>
    /// Watchtower: pulls newer images and recreates the containers that opt in, every night at 04:00. Opting in is
    /// the label <c>com.centurylinklabs.watchtower.enable=true</c> (add <c>[Label]</c> on a service): with images pinned
    /// to versions, updating everything would silently undo the pins. No route, no UI, never lazy. It recreates
    /// containers, so it mounts the Docker socket itself. <c>DOCKER_API_VERSION</c> is 1.44: Watchtower 1.7.1 would
    /// otherwise speak API 1.25, which Docker 29 refuses; 1.44 is accepted by Docker 25 and later. The healthcheck is the
    /// image's own. The project is archived upstream; the image still works with these settings.
    /// </summary>
    [Stack("infrastructure")]
    [Service(Name = "watchtower", Image = "containrrr/watchtower:1.7.1")]
    [Env("TZ", "${TZ}")]
    [Env("DOCKER_API_VERSION", "1.44")]
    [Env("WATCHTOWER_LABEL_ENABLE", "true")]
    [Env("WATCHTOWER_CLEANUP", "true")]
    [Env("WATCHTOWER_INCLUDE_RESTARTING", "true")]
    [Env("WATCHTOWER_SCHEDULE", "0 0 4 * * *")]
    [Volume("/var/run/docker.sock", "/var/run/docker.sock")]
    [AllowDockerSocket(Reason = "pulls newer images and recreates the containers that opt in")]
    [Healthcheck("/watchtower", "--health-check", Interval = "30s", Timeout = "10s", Retries = 3)]
    // Wakes once a night to compare image digests.
    [Resources(Cpus = "0.25", Memory = "128m")]
    public abstract partial class Watchtower;

    /// <summary>
    /// Dozzle: live container logs in the browser. Route <c>dozzle.&lt;domain&gt;</c> (port 8080), two-factor (logs show
    /// what every service does); lazy group <c>dozzle</c>; dashboard group "Monitoring Stack". It reads the Docker API through
    /// the socket proxy (<c>DOZZLE_REMOTE_HOST</c>), never the socket, and keeps its container actions and shell off
    /// (Dozzle's defaults). The healthcheck is its own <c>healthcheck</c> command (the image has no shell).
    /// </summary>
    [Stack("infrastructure")]
    [Service(Name = "dozzle", Image = "amir20/dozzle:v10.7.3")]
    [Route(8080)]
    [LazyStart(Group = "dozzle", DisplayName = "Dozzle")]
    [Dashboard("Monitoring Stack", Name = "Dozzle", Icon = "dozzle.png", Description = "Container logs")]
    [Env("DOZZLE_REMOTE_HOST", "tcp://dockerproxy:2375")]
    [Env("DOZZLE_NO_ANALYTICS", "true")]
    [DependsOn<DockerProxy>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("/dozzle", "healthcheck", Interval = "30s", Timeout = "5s", Retries = 3, StartPeriod = "30s")]
    // Streams logs from the Docker API.
    [Resources(Cpus = "0.5", Memory = "256m")]
    public abstract partial class Dozzle;

    /// <summary>
    /// Glances: the server's CPU, memory, disks, network and containers at a glance. Route <c>glances.&lt;domain&gt;</c>
    /// (port 61208, its web mode <c>-w</c>), two-factor; lazy group <c>glances</c>; dashboard group "Monitoring Stack". Its
    /// container view reads the Docker API through the socket proxy (<c>DOCKER_HOST</c>), never the socket. Upstream
    /// runs it with the host's PID namespace to list the host's processes; that is not granted here (CPU, memory and
    /// disks are still the host's, the process list is the container's). The healthcheck asks its web server (curl is
    /// in the image).
    /// </summary>
    [Stack("infrastructure")]
    [Service(Name = "glances", Image = "nicolargo/glances:4.5.5-full")]
    [Route(61208)]
    [LazyStart(Group = "glances", DisplayName = "Glances")]
    [Dashboard("Monitoring Stack", Name = "Glances", Icon = "glances.png", Description = "Server resources")]
    [Env("TZ", "${TZ}")]
    [Env("GLANCES_OPT", "-w")]
    [Env("DOCKER_HOST", "tcp://dockerproxy:2375")]
    [Volume("./glances/config", "/glances/conf")]
    [DependsOn<DockerProxy>(Condition = DependencyCondition.Healthy)]
    [Healthcheck("curl -f http://localhost:61208/ || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // Python, with the full image's plugins.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Glances;

    /// <summary>
    /// code-server: VS Code in the browser, opened on the stack folders. Route <c>code.&lt;domain&gt;</c> (port 8443, plain
    /// HTTP inside the container), two-factor (an admin UI: it edits every stack); lazy group <c>code-server</c>; dashboard
    /// group "Development". Its own password is the secret <c>code-server-password</c>, generated once (read it with
    /// <c>secrets show code-server-password</c>). No sudo password is set, so the editor's terminal cannot become root.
    /// The healthcheck asks its <c>/healthz</c> endpoint.
    /// </summary>
    [Stack("infrastructure")]
    [Service(Name = "code-server", Image = "lscr.io/linuxserver/code-server:4.131.0-ls354")]
    [Route(8443, Subdomain = "code")]
    [LazyStart(Group = "code-server", DisplayName = "code-server")]
    [Dashboard("Development", Name = "code-server", Icon = "code-server.png", Description = "Edit the stacks")]
    [SecretEnv("PASSWORD", "code-server-password")]
    [Env("DEFAULT_WORKSPACE", "/opt/stacks")]
    [Volume("./code-server/config", "/config")]
    [Volume("/opt/stacks", "/opt/stacks")]
    [Healthcheck("curl -f http://localhost:8443/healthz || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // VS Code's server plus its language extensions.
    [Resources(Cpus = "1.0", Memory = "2g")]
    public abstract partial class CodeServer : LinuxServerApp;
}
