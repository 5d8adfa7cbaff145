namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Sonarr: finds, downloads and renames TV series. Route <c>sonarr.&lt;domain&gt;</c> (port 8989), the lab's default
    /// access (an admin UI: two-factor); lazy group <c>arr</c>; dashboard group "Media Management". Its dashboard
    /// widget reads the secret <c>sonarr-api-key</c>, which you supply (Settings → General → API Key).
    /// </summary>
    [Stack("media-management")]
    [Service(Name = "sonarr", Image = "lscr.io/linuxserver/sonarr:4.0.19.2979-ls317")]
    [Route(8989)]
    [LazyStart(Group = "arr", DisplayName = "Media management")]
    [Dashboard("Media Management", Icon = "sonarr.png", Description = "TV series")]
    [Widget("sonarr", ApiKeySecret = "sonarr-api-key")]
    [Volume("./sonarr/config", "/config")]
    [Volume("${MEDIA_DIR}", "/media")]
    [Volume("${DOWNLOADS_DIR}", "/downloads")]
    [Healthcheck("curl -f http://localhost:8989/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
    public abstract class Sonarr : LinuxServerApp;
}
