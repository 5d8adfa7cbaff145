namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Prometheus: collects and stores metrics. Route <c>prometheus.&lt;domain&gt;</c> (port 9090), the lab's default access
    /// (two-factor); always on (it scrapes on a schedule), so no lazy group; dashboard group "Metrics", with Homepage's
    /// Prometheus widget. No secrets. It runs the image's own configuration, which scrapes Prometheus itself: to scrape
    /// node-exporter (<c>node-exporter:9100</c>) and cAdvisor (<c>cadvisor:8080</c>) too, mount a <c>prometheus.yml</c> of
    /// yours, e.g. <c>[Volume("./prometheus/config", "/etc/prometheus", ReadOnly = true)]</c> on your class. Its data is
    /// the named volume <c>prometheus-data</c>: the image runs as <c>nobody</c>, and a new named volume takes the image's
    /// ownership of <c>/prometheus</c>, where a bind-mounted folder would belong to root.
    /// Read-only root, no tmpfs: it writes only its database, in that volume.
    /// </summary>
    [Stack("monitoring")]
    [Service(Name = "prometheus", Image = "prom/prometheus:v3.13.3")]
    [ReadOnlyRoot]
    [Route(9090)]
    [Dashboard("Metrics", Icon = "prometheus.png", Description = "Metrics and alerts")]
    [Widget("prometheus")]
    [Volume("prometheus-data", "/prometheus")]
    [Healthcheck("wget -q --spider http://localhost:9090/-/healthy", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // A time-series database: the newest samples and the index stay in memory.
    [Resources(Cpus = "1.0", Memory = "2g", MemoryReservation = "256m")]
    public abstract partial class Prometheus;

    /// <summary>
    /// Grafana: dashboards over Prometheus and Loki. Route <c>grafana.&lt;domain&gt;</c> (port 3000), the lab's default
    /// access (two-factor); always on (it evaluates alerts), so no lazy group; dashboard group "Metrics". Log in as
    /// <c>admin</c> with the generated secret <c>grafana-admin-password</c> (<c>secrets show grafana-admin-password</c>);
    /// sign-up is off. Add Prometheus (<c>http://prometheus:9090</c>) and Loki (<c>http://loki:3100</c>) as data sources.
    /// The image reads <c>GF_*__FILE</c> (two underscores, named as the secret's <c>FileVariable</c>) as the container
    /// user 472, so the class names that user. Data: the named volume
    /// <c>grafana-data</c> (owned by 472 in the image).
    /// </summary>
    [Stack("monitoring")]
    [Service(Name = "grafana", Image = "grafana/grafana:13.1.3", User = "472:0")]
    [Route(3000)]
    [Dashboard("Metrics", Icon = "grafana.png", Description = "Dashboards")]
    [Env("GF_SERVER_ROOT_URL", "https://grafana.${DOMAIN}")]
    [Env("GF_USERS_ALLOW_SIGN_UP", "false")]
    [SecretEnv("GF_SECURITY_ADMIN_PASSWORD", "grafana-admin-password", FileVariable = "GF_SECURITY_ADMIN_PASSWORD__FILE")]
    [Volume("grafana-data", "/var/lib/grafana")]
    [Healthcheck("curl -fsS -o /dev/null http://localhost:3000/api/health", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // Renders dashboards; the queries run in Prometheus and Loki.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Grafana;

    /// <summary>
    /// Node exporter: the host's CPU, memory, disk and network figures for Prometheus at <c>node-exporter:9100</c>. No
    /// UI, so no route and no dashboard entry; always on. It reads the host's <c>/proc</c>, <c>/sys</c> and root file
    /// system, mounted read-only. Network figures are those of its own container: it is not on the host network, which
    /// the library does not offer.
    /// Read-only root, no tmpfs: it only reads (its textfile collector, the one that reads files written for it, is
    /// not configured).
    /// </summary>
    [Stack("monitoring")]
    [ReadOnlyRoot]
    [Service(Name = "node-exporter", Image = "prom/node-exporter:v1.12.1",
        Command = new[] { "--path.procfs=/host/proc", "--path.sysfs=/host/sys", "--path.rootfs=/rootfs" })]
    [Volume("/proc", "/host/proc", ReadOnly = true)]
    [Volume("/sys", "/host/sys", ReadOnly = true)]
    [Volume("/", "/rootfs", ReadOnly = true)]
    [AllowDockerSocket(Reason = "reads the host's file systems through /, which holds the Docker socket too")]
    [Healthcheck("wget -q --spider http://localhost:9100/metrics", Interval = "30s", Timeout = "10s", Retries = 3)]
    // Reads /proc and /sys on each scrape.
    [Resources(Cpus = "0.25", Memory = "128m")]
    public abstract partial class NodeExporter;

    /// <summary>
    /// cAdvisor: per-container resource usage for Prometheus (<c>cadvisor:8080/metrics</c>) and a small UI. Route
    /// <c>cadvisor.&lt;domain&gt;</c> (port 8080), the lab's default access (two-factor); always on; dashboard group
    /// "Metrics". No secrets. Hardening exception: it reads the host's root file system, <c>/sys</c>,
    /// <c>/var/lib/docker</c> and <c>/var/run</c> (which holds the Docker socket, to name the containers) read-only,
    /// and the kernel log device <c>/dev/kmsg</c> (OOM events). Upstream also ran it privileged; it works without.
    /// Capability exception: <c>SYSLOG</c>, since reading <c>/dev/kmsg</c> needs it where the kernel restricts the
    /// kernel log (<c>dmesg_restrict</c>, the default on most distributions); without it cAdvisor only logs that OOM
    /// events are off.
    /// </summary>
    [Stack("monitoring")]
    [Service(Name = "cadvisor", Image = "gcr.io/cadvisor/cadvisor:v0.55.1")]
    [Route(8080)]
    [Dashboard("Metrics", Name = "cAdvisor", Icon = "cadvisor.png", Description = "Container usage")]
    [Volume("/", "/rootfs", ReadOnly = true)]
    [Volume("/var/run", "/var/run", ReadOnly = true)]
    [Volume("/sys", "/sys", ReadOnly = true)]
    [Volume("/var/lib/docker", "/var/lib/docker", ReadOnly = true)]
    [Volume("/dev/disk", "/dev/disk", ReadOnly = true)]
    [Device("/dev/kmsg")]
    [AllowDockerSocket(Reason = "names the containers through the Docker API in /var/run, read-only")]
    [Healthcheck("wget -q --tries=1 --spider http://localhost:8080/healthz", Interval = "30s", Timeout = "10s", Retries = 3)]
    [CapAdd("SYSLOG")]
    // Keeps every container's recent usage in memory.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Cadvisor;

    /// <summary>
    /// Uptime Kuma: checks that sites and services answer, with status pages and notifications. Route
    /// <c>uptime-kuma.&lt;domain&gt;</c> (port 3001), the lab's default access (two-factor); always on (it is the thing
    /// that notices when others are down), so no lazy group; dashboard group "Monitoring". No secrets: its admin account
    /// is created in the UI on first visit. Upstream mounted the Docker socket for container monitors; it does not here:
    /// point a Docker host monitor at the lab's socket proxy instead. The healthcheck is the image's own.
    /// </summary>
    [Stack("monitoring")]
    [Service(Name = "uptime-kuma", Image = "louislam/uptime-kuma:2.5.3")]
    [Route(3001)]
    [Dashboard("Monitoring", Name = "Uptime Kuma", Icon = "uptime-kuma.png", Description = "Uptime checks")]
    [Env("TZ", "${TZ}")]
    [Volume("./uptime-kuma/data", "/app/data")]
    [Healthcheck("/app/extra/healthcheck", Interval = "60s", Timeout = "30s", Retries = 5, StartPeriod = "180s")]
    // A Node.js app with SQLite.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class UptimeKuma;

    /// <summary>
    /// Loki: stores logs that Promtail ships, queried from Grafana at <c>http://loki:3100</c>. An API without a UI, so no
    /// route and no dashboard entry (upstream routed it, to a network Traefik could not reach); always on. No secrets. It
    /// runs the image's own single-binary configuration (filesystem storage under <c>/loki</c>); the data is the named
    /// volume <c>loki-data</c>, as the image runs as user 10001.
    /// Read-only root, no tmpfs: that configuration puts everything it writes (chunks, index, rules, compactor) under
    /// <c>/loki</c>, the volume.
    /// </summary>
    [Stack("monitoring")]
    [Service(Name = "loki", Image = "grafana/loki:3.7.6")]
    [ReadOnlyRoot]
    [Volume("loki-data", "/loki")]
    [Healthcheck("wget -q --spider http://localhost:3100/ready", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // A log database: incoming chunks and query results stay in memory.
    [Resources(Cpus = "1.0", Memory = "2g", MemoryReservation = "256m")]
    public abstract partial class Loki;

    /// <summary>
    /// Promtail: ships the host's logs (<c>/var/log</c>, read-only) to Loki, with the image's own configuration, which
    /// pushes to <c>http://loki:3100</c>. No UI; always on. No secrets. To ship container logs as well, mount your own
    /// configuration (<c>[Volume("./promtail/config", "/etc/promtail", ReadOnly = true)]</c>) reading
    /// <c>/var/lib/docker/containers</c>, already mounted read-only. Promtail is in long-term maintenance (Grafana Alloy
    /// replaces it); 3.5 is its last series. No healthcheck: the image ships no HTTP client to ask it with.
    /// Capability exception: <c>DAC_READ_SEARCH</c>, since it runs as root with every other capability dropped and the
    /// host's log files belong to several users (<c>syslog</c>, <c>adm</c>) with no read for others.
    /// </summary>
    [Stack("monitoring")]
    [Service(Name = "promtail", Image = "grafana/promtail:3.5.1")]
    [Volume("/var/log", "/var/log", ReadOnly = true)]
    [Volume("/var/lib/docker/containers", "/var/lib/docker/containers", ReadOnly = true)]
    [DependsOn<Loki>(Condition = DependencyCondition.Healthy)]
    [CapAdd("DAC_READ_SEARCH")]
    // Tails files and ships them.
    [Resources(Cpus = "0.5", Memory = "256m")]
    public abstract partial class Promtail;
}
