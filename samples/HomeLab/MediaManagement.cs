using EzHomelab;

namespace MyHomelab;

/// <summary>
/// The *arr apps start together on the first request to any of them and stop together when idle:
/// one Sablier group, so a search in Sonarr finds Prowlarr already running.
/// </summary>
[LazyStart(Group = "arr", DisplayName = "Media management")]
public abstract class ArrApp : LinuxServerApp;

[Stack("media-management")]
[Service(Image = "lscr.io/linuxserver/sonarr:4.0.19.2979-ls317")]
[Route(8989)]
[Dashboard("Media Management", Icon = "sonarr.png", Description = "TV series")]
[Widget("sonarr", ApiKeySecret = "sonarr-api-key")]
[Volume("./sonarr/config", "/config")]
[Volume("${MEDIA_DIR}", "/media")]
[Volume("${DOWNLOADS_DIR}", "/downloads")]
[Healthcheck("curl -f http://localhost:8989/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
public partial class Sonarr : ArrApp;

[Stack("media-management")]
[Service(Image = "lscr.io/linuxserver/radarr:5.28.0.10274-ls286")]
[Route(7878)]
[Dashboard("Media Management", Icon = "radarr.png", Description = "Movies")]
[Widget("radarr", ApiKeySecret = "radarr-api-key")]
[Volume("./radarr/config", "/config")]
[Volume("${MEDIA_DIR}", "/media")]
[Volume("${DOWNLOADS_DIR}", "/downloads")]
[Healthcheck("curl -f http://localhost:7878/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
public partial class Radarr : ArrApp;

[Stack("media-management")]
[Service(Image = "lscr.io/linuxserver/prowlarr:2.3.0.5236-ls132")]
[Route(9696)]
[Dashboard("Media Management", Icon = "prowlarr.png", Description = "Indexers")]
[Widget("prowlarr", ApiKeySecret = "prowlarr-api-key")]
[Volume("./prowlarr/config", "/config")]
[Healthcheck("curl -f http://localhost:9696/ping", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "60s")]
public partial class Prowlarr : ArrApp;
