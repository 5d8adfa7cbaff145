using EzHomelab;

namespace MyHomelab;

/// <summary>The start page. Its entries come from every service's [Dashboard].</summary>
[Stack("dashboards")]
[Service(Image = "ghcr.io/gethomepage/homepage:v1.0.4")]
[Route(3000)]
[Env("PUID", "${PUID}")]
[Env("PGID", "${PGID}")]
[Env("TZ", "${TZ}")]
[Env("HOMEPAGE_ALLOWED_HOSTS", "homepage.${DOMAIN}")]
[Volume("./homepage/config", "/app/config")]
[Resources(Cpus = "0.5", Memory = "256M", CpusReservation = "0.25", MemoryReservation = "128M")]
public partial class Homepage;
