namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Jellyfin: the media server. Route <c>jellyfin.&lt;domain&gt;</c> (port 8096), bypass: TV apps and phones cannot pass
    /// a two-factor login page, and Jellyfin has its own users. Not lazy, although upstream made it so: its apps speak
    /// its API and would get Sablier's waiting page instead. Dashboard group "Media", with its widget; the widget reads
    /// the secret <c>jellyfin-api-key</c>, which you supply (Dashboard → API Keys). The media folder is mounted
    /// read-only. The healthcheck is the image's own <c>/health</c> request.
    /// </summary>
    [Stack("media")]
    [Service(Name = "jellyfin", Image = "jellyfin/jellyfin:10.11.11")]
    [Route(8096, Access = Access.Bypass)]
    [Dashboard("Media", Name = "Jellyfin", Icon = "jellyfin.png", Description = "Movies and TV")]
    [Widget("jellyfin", ApiKeySecret = "jellyfin-api-key", Fields = new[] { "movies", "series", "episodes" })]
    [Env("TZ", "${TZ}")]
    // The address Jellyfin announces to its apps: the routed one, not the container's.
    [Env("JELLYFIN_PublishedServerUrl", "https://jellyfin.${DOMAIN}")]
    [Volume("./jellyfin/config", "/config")]
    [Volume("./jellyfin/cache", "/cache")]
    [Volume("${MEDIA_DIR}", "/media", ReadOnly = true)]
    [Healthcheck("curl -fsS http://localhost:8096/health || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // Jellyfin asks for 2 GB at least and 4 GB for larger libraries; transcoding is CPU-bound: two CPUs, the most a two-core host accepts.
    [Resources(Cpus = "2.0", Memory = "4g")]
    public abstract partial class Jellyfin : HostPaths;

    /// <summary>
    /// Calibre-Web: reads and serves the e-book library in <c>${MEDIA_DIR}/books</c>. Route <c>calibre.&lt;domain&gt;</c>
    /// (port 8083), two-factor; lazy group <c>calibre-web</c>; dashboard group "Media". Its first login is Calibre-Web's
    /// default (<c>admin</c> / <c>admin123</c>): change it at once. The healthcheck asks its web server.
    /// </summary>
    [Stack("media")]
    [Service(Name = "calibre-web", Image = "lscr.io/linuxserver/calibre-web:0.6.27-ls397")]
    [Route(8083, Subdomain = "calibre")]
    [LazyStart(Group = "calibre-web", DisplayName = "Calibre-Web")]
    [Dashboard("Media", Name = "Calibre-Web", Icon = "calibre-web.png", Description = "E-books")]
    [Volume("./calibre-web/config", "/config")]
    [Volume("${MEDIA_DIR}/books", "/books")]
    [Healthcheck("curl -f http://localhost:8083/ || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // A Python web app over the Calibre library.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class CalibreWeb : LinuxServerApp;
}
