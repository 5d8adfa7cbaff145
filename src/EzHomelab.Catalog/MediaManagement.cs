namespace EzHomelab;

// The media-management apps share one lazy group, "arr": the first request to any of them starts them all (a search
// in Sonarr finds Prowlarr and FlareSolverr already running), and they stop together when idle. Each API key their
// dashboard widgets read is yours to supply (the app's Settings → General → API Key), never generated.

public static partial class Catalog
{
    /// <summary>
    /// Sonarr: finds, downloads and renames TV series. Route <c>sonarr.&lt;domain&gt;</c> (port 8989), the lab's default
    /// access (two-factor); lazy group <c>arr</c>; dashboard group "Media Management". Its dashboard widget reads the
    /// secret <c>sonarr-api-key</c>, which you supply. The healthcheck asks its <c>/ping</c> endpoint.
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "sonarr", Image = "lscr.io/linuxserver/sonarr:4.0.19.2979-ls324")]
    [Route(8989)]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media Management", Icon = "sonarr.png", Description = "TV series")]
    [Widget("sonarr", ApiKeySecret = "sonarr-api-key")]
    [Volume("./sonarr/config", "/config")]
    [Volume("${MEDIA_DIR}", "/media")]
    [Volume("${DOWNLOADS_DIR}", "/downloads")]
    [Healthcheck("curl -f http://localhost:8989/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // .NET: library scans and imports.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Sonarr : LinuxServerApp;

    /// <summary>
    /// Radarr: finds, downloads and renames movies. Route <c>radarr.&lt;domain&gt;</c> (port 7878), two-factor; lazy group
    /// <c>arr</c>; dashboard group "Media Management"; its widget reads the secret <c>radarr-api-key</c>, which you
    /// supply. The healthcheck asks its <c>/ping</c> endpoint.
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "radarr", Image = "lscr.io/linuxserver/radarr:6.2.1.10461-ls308")]
    [Route(7878)]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media Management", Name = "Radarr", Icon = "radarr.png", Description = "Movies")]
    [Widget("radarr", ApiKeySecret = "radarr-api-key")]
    [Volume("./radarr/config", "/config")]
    [Volume("${MEDIA_DIR}", "/media")]
    [Volume("${DOWNLOADS_DIR}", "/downloads")]
    [Healthcheck("curl -f http://localhost:7878/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // .NET: library scans and imports.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Radarr : LinuxServerApp;

    /// <summary>
    /// Prowlarr: manages the indexers and hands them to the other apps. Route <c>prowlarr.&lt;domain&gt;</c> (port 9696),
    /// two-factor; lazy group <c>arr</c>; dashboard group "Media Management"; its widget reads the secret
    /// <c>prowlarr-api-key</c>, which you supply. Point its FlareSolverr proxy at <c>http://flaresolverr:8191</c>. The
    /// healthcheck asks its <c>/ping</c> endpoint.
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "prowlarr", Image = "lscr.io/linuxserver/prowlarr:2.5.2.5491-ls155")]
    [Route(9696)]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media Management", Name = "Prowlarr", Icon = "prowlarr.png", Description = "Indexers")]
    [Widget("prowlarr", ApiKeySecret = "prowlarr-api-key")]
    [Volume("./prowlarr/config", "/config")]
    [Healthcheck("curl -f http://localhost:9696/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // .NET, but only relays searches to indexers.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Prowlarr : LinuxServerApp;

    /// <summary>
    /// Readarr: finds and downloads books into <c>${MEDIA_DIR}/books</c>. Route <c>readarr.&lt;domain&gt;</c> (port 8787),
    /// two-factor; lazy group <c>arr</c>; dashboard group "Media Management"; its widget reads the secret
    /// <c>readarr-api-key</c>, which you supply. Readarr was retired by its developers in 2025 and LinuxServer deprecated
    /// the image: this is its last build (a develop-branch tag; there is no stable one), kept because upstream ships it.
    /// The healthcheck asks its <c>/ping</c> endpoint.
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "readarr", Image = "lscr.io/linuxserver/readarr:develop-0.4.18.2805-ls157")]
    [Route(8787)]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media Management", Name = "Readarr", Icon = "readarr.png", Description = "Books")]
    [Widget("readarr", ApiKeySecret = "readarr-api-key")]
    [Volume("./readarr/config", "/config")]
    [Volume("${MEDIA_DIR}/books", "/books")]
    [Volume("${DOWNLOADS_DIR}", "/downloads")]
    [Healthcheck("curl -f http://localhost:8787/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // .NET: library scans and imports.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Readarr : LinuxServerApp;

    /// <summary>
    /// Lidarr: finds and downloads music into <c>${MEDIA_DIR}/music</c>. Route <c>lidarr.&lt;domain&gt;</c> (port 8686),
    /// two-factor; lazy group <c>arr</c>; dashboard group "Media Management"; its widget reads the secret
    /// <c>lidarr-api-key</c>, which you supply. The healthcheck asks its <c>/ping</c> endpoint.
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "lidarr", Image = "lscr.io/linuxserver/lidarr:3.1.0.4875-ls38")]
    [Route(8686)]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media Management", Name = "Lidarr", Icon = "lidarr.png", Description = "Music")]
    [Widget("lidarr", ApiKeySecret = "lidarr-api-key")]
    [Volume("./lidarr/config", "/config")]
    [Volume("${MEDIA_DIR}/music", "/music")]
    [Volume("${DOWNLOADS_DIR}", "/downloads")]
    [Healthcheck("curl -f http://localhost:8686/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // .NET: library scans and imports.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Lidarr : LinuxServerApp;

    /// <summary>
    /// LazyLibrarian: follows authors and downloads their books and audiobooks into <c>${MEDIA_DIR}/books</c>. Route
    /// <c>lazylibrarian.&lt;domain&gt;</c> (port 5299), two-factor; lazy group <c>arr</c>; dashboard group "Media Management"
    /// (upstream listed it nowhere); its widget reads the secret <c>lazylibrarian-api-key</c>, which you supply (Config →
    /// Interface → API). LinuxServer tags this image by LazyLibrarian's commit, there being no releases. The healthcheck
    /// asks its web server.
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "lazylibrarian", Image = "lscr.io/linuxserver/lazylibrarian:5464f09b-ls335")]
    [Route(5299)]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media Management", Name = "LazyLibrarian", Icon = "lazylibrarian.png", Description = "Books and audiobooks")]
    [Widget("lazylibrarian", ApiKeySecret = "lazylibrarian-api-key")]
    [Volume("./lazylibrarian/config", "/config")]
    [Volume("${MEDIA_DIR}/books", "/books")]
    [Volume("${DOWNLOADS_DIR}", "/downloads")]
    [Healthcheck("curl -f http://localhost:5299/ || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // A Python web app.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Lazylibrarian : LinuxServerApp;

    /// <summary>
    /// Mylar3: follows comic series and downloads new issues into <c>${MEDIA_DIR}/comics</c>. Route <c>mylar.&lt;domain&gt;</c>
    /// (port 8090; upstream's host name), two-factor; lazy group <c>arr</c>; dashboard group "Media Management"; its
    /// widget reads the secret <c>mylar3-api-key</c>, which you supply. The healthcheck asks its web server.
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "mylar3", Image = "lscr.io/linuxserver/mylar3:v0.11.0-ls269")]
    [Route(8090, Subdomain = "mylar")]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media Management", Name = "Mylar3", Icon = "mylar.png", Description = "Comics")]
    [Widget("mylar", ApiKeySecret = "mylar3-api-key")]
    [Volume("./mylar3/config", "/config")]
    [Volume("${MEDIA_DIR}/comics", "/comics")]
    [Volume("${DOWNLOADS_DIR}", "/downloads")]
    [Healthcheck("curl -f http://localhost:8090/ || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // A Python web app.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Mylar3 : LinuxServerApp;

    /// <summary>
    /// Jellyseerr: where the household asks for movies and series; it hands the requests to Sonarr and Radarr and finds
    /// them in Jellyfin. Route <c>jellyseerr.&lt;domain&gt;</c> (port 5055), two-factor; lazy group <c>arr</c> (a request
    /// wakes the apps that fulfil it); dashboard group "Media"; its widget reads the secret <c>jellyseerr-api-key</c>,
    /// which you supply (Settings → General). Jellyseerr has since been merged into Seerr; this is its last release.
    /// The healthcheck asks its status API (busybox wget; the image has no curl).
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "jellyseerr", Image = "fallenbagel/jellyseerr:2.7.3")]
    [Route(5055)]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media", Name = "Jellyseerr", Icon = "jellyseerr.png", Description = "Requests")]
    [Widget("jellyseerr", ApiKeySecret = "jellyseerr-api-key")]
    [Env("TZ", "${TZ}")]
    [Env("LOG_LEVEL", "info")]
    [Volume("./jellyseerr/config", "/app/config")]
    [Healthcheck("wget -q --spider http://localhost:5055/api/v1/status || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    // A Node.js web app.
    [Resources(Cpus = "0.5", Memory = "512m")]
    public abstract partial class Jellyseerr;

    /// <summary>
    /// FlareSolverr: solves the Cloudflare challenges some indexers put up, for Prowlarr (its proxy at
    /// <c>http://flaresolverr:8191</c>). An API without a UI: no route, no dashboard entry. Lazy group <c>arr</c>: it starts
    /// with the apps that use it. The healthcheck asks its <c>/health</c> endpoint (curl is in the image).
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "flaresolverr", Image = "flaresolverr/flaresolverr:v3.5.0")]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Env("TZ", "${TZ}")]
    [Env("LOG_LEVEL", "info")]
    [Healthcheck("curl -f http://localhost:8191/health || exit 1", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // Solves each challenge in a headless Chromium.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class Flaresolverr;
}
