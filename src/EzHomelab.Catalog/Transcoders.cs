namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Tdarr server: queues the media library's transcodes and health checks and hands them to its nodes. Route
    /// <c>tdarr.&lt;domain&gt;</c> (web UI port 8265; nodes reach the server on 8266 over the shared network, nothing is
    /// published), two-factor; lazy group <c>tdarr</c>, shared with its node (Sablier stops both after five idle minutes,
    /// which pauses a running transcode: give the group a longer <c>SessionDuration</c> on your class if that matters);
    /// dashboard group "Transcoders", with its widget (no key needed). Its built-in node is off: <see cref="TdarrNode"/>
    /// does the work. Transcodes are written under <c>/mnt/transcode/tdarr</c>. No healthcheck: the image is closed source
    /// and does not document a way to check itself.
    /// Hardening exceptions: the image's init is s6-overlay with LinuxServer-style scripts, so it holds <see
    /// cref="LinuxServerApp"/>'s capabilities for the same reasons: <c>CHOWN</c>, <c>FOWNER</c> (it gives its folders
    /// to PUID:PGID and sets their modes), <c>DAC_OVERRIDE</c> (root reads and writes folders that already belong to
    /// PUID), <c>SETUID</c>, <c>SETGID</c> (s6 drops the app to PUID:PGID) and <c>KILL</c> (the root supervisor stops
    /// the app with a signal).
    /// </summary>
    [Stack("transcoders")]
    [Service(Name = "tdarr-server", Image = "ghcr.io/haveagitgat/tdarr:2.86.01")]
    [Route(8265, Subdomain = "tdarr")]
    [LazyStart(Group = "tdarr", DisplayName = "Tdarr")]
    [Dashboard("Transcoders", Name = "Tdarr", Icon = "tdarr.png", Description = "Library transcoding")]
    [Widget("tdarr")]
    [Env("serverIP", "0.0.0.0")]
    [Env("serverPort", "8266")]
    [Env("webUIPort", "8265")]
    [Env("internalNode", "false")]
    [Env("inContainer", "true")]
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    [Volume("./tdarr/server", "/app/server")]
    [Volume("./tdarr/configs", "/app/configs")]
    [Volume("./tdarr/logs", "/app/logs")]
    [Volume("${MEDIA_DIR}", "/media")]
    [Volume("/mnt/transcode/tdarr", "/temp")]
    [CapAdd("CHOWN")]
    [CapAdd("FOWNER")]
    [CapAdd("DAC_OVERRIDE")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // Queues the work; the node transcodes.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class TdarrServer : HostPaths;

    /// <summary>
    /// Tdarr node: the worker that runs the server's transcodes, reaching the server at <c>tdarr-server:8266</c>. No UI of
    /// its own (its work shows in the server's): no route, no dashboard entry. Lazy group <c>tdarr</c>, started with the
    /// server. It sees the media and transcode folders at the same paths as the server, as Tdarr requires. No
    /// healthcheck, for the same reason as the server.
    /// Hardening exceptions: the same as <see cref="TdarrServer"/>'s (s6-overlay with LinuxServer-style scripts):
    /// <c>CHOWN</c>, <c>FOWNER</c>, <c>DAC_OVERRIDE</c>, <c>SETUID</c>, <c>SETGID</c>, <c>KILL</c>.
    /// </summary>
    [Stack("transcoders")]
    [Service(Name = "tdarr-node", Image = "ghcr.io/haveagitgat/tdarr_node:2.86.01")]
    [LazyStart(Group = "tdarr", DisplayName = "Tdarr")]
    [Env("nodeName", "tdarr-node")]
    [Env("serverIP", "tdarr-server")]
    [Env("serverPort", "8266")]
    [Env("inContainer", "true")]
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    [Volume("./tdarr/configs", "/app/configs")]
    [Volume("./tdarr/logs", "/app/logs")]
    [Volume("${MEDIA_DIR}", "/media")]
    [Volume("/mnt/transcode/tdarr", "/temp")]
    [DependsOn<TdarrServer>]
    [CapAdd("CHOWN")]
    [CapAdd("FOWNER")]
    [CapAdd("DAC_OVERRIDE")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // Transcoding is CPU-bound: two CPUs, the most a two-core host accepts; each worker's ffmpeg or HandBrake starts a thread per host CPU.
    [Resources(Cpus = "2.0", Memory = "4g", Pids = 2048)]
    public abstract partial class TdarrNode : HostPaths;

    /// <summary>
    /// Unmanic: watches the media library and optimises files by its rules (container, codecs, subtitles). Route
    /// <c>unmanic.&lt;domain&gt;</c> (container port 8888; upstream routed to the host port 8889 by mistake), two-factor;
    /// lazy group <c>unmanic</c> (the same caveat as Tdarr: an idle stop pauses its work); dashboard group "Transcoders",
    /// with its widget (no key needed). Its cache is <c>/mnt/transcode/unmanic</c>. The healthcheck asks its web server
    /// (curl is in the image).
    /// Hardening exceptions: the image is built on LinuxServer's base image; the image's init is s6-overlay with
    /// LinuxServer-style scripts, so it holds <see cref="LinuxServerApp"/>'s capabilities for the same reasons:
    /// <c>CHOWN</c>, <c>FOWNER</c> (it gives its folders to PUID:PGID and sets their modes), <c>DAC_OVERRIDE</c> (root
    /// reads and writes folders that already belong to PUID), <c>SETUID</c>, <c>SETGID</c> (s6 drops the app to
    /// PUID:PGID) and <c>KILL</c> (the root supervisor stops the app with a signal).
    /// </summary>
    [Stack("transcoders")]
    [Service(Name = "unmanic", Image = "josh5/unmanic:0.4.1")]
    [Route(8888)]
    [LazyStart(Group = "unmanic", DisplayName = "Unmanic")]
    [Dashboard("Transcoders", Name = "Unmanic", Icon = "unmanic.png", Description = "Library optimisation")]
    [Widget("unmanic")]
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    [Volume("./unmanic/config", "/config")]
    [Volume("${MEDIA_DIR}", "/library")]
    [Volume("/mnt/transcode/unmanic", "/tmp/unmanic")]
    [Healthcheck("curl -f http://localhost:8888/ || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    [CapAdd("CHOWN")]
    [CapAdd("FOWNER")]
    [CapAdd("DAC_OVERRIDE")]
    [CapAdd("SETUID")]
    [CapAdd("SETGID")]
    [CapAdd("KILL")]
    // Transcodes itself: two CPUs, the most a two-core host accepts; each worker's ffmpeg starts a thread per host CPU.
    [Resources(Cpus = "2.0", Memory = "2g", Pids = 2048)]
    public abstract partial class Unmanic : HostPaths;
}
