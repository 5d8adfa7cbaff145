using EzHomelab;

namespace MyHomelab;

/// <summary>
/// Media server. Bypass: TV apps and phones cannot pass a two-factor login page, and Jellyfin has its own users.
/// </summary>
[Stack("media")]
[Service(Image = "jellyfin/jellyfin:10.10.7")]
[Route(8096, Access = Access.Bypass)]
[Dashboard("Media", Icon = "jellyfin.png", Description = "Movies and TV")]
[Widget("jellyfin", ApiKeySecret = "jellyfin-api-key", Fields = new[] { "movies", "series", "episodes" })]
[Env("TZ", "${TZ}")]
[Volume("./jellyfin/config", "/config")]
[Volume("./jellyfin/cache", "/cache")]
[Volume("${MEDIA_DIR}", "/media", ReadOnly = true)]
[Healthcheck("curl -f http://localhost:8096/health", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
[Resources(Cpus = "2.0", Memory = "2G", CpusReservation = "1.0", MemoryReservation = "1G")]
public partial class Jellyfin;
