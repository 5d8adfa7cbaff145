using EzHomelab;

namespace MyHomelab;

/// <summary>
/// The start page. EzHomelab renders its configuration (one entry per [Dashboard], grouped) into the folder it
/// mounts at /app/config, and the allowed host from its route. Capabilities: with PUID set, its entrypoint gives /app
/// to PUID:PGID (CHOWN) and drops to them with su-exec (SETUID, SETGID).
/// </summary>
[Stack("dashboards")]
[Service(Image = "ghcr.io/gethomepage/homepage:v1.0.4")]
[Route(3000)]
[Env("PUID", "${PUID}")]
[Env("PGID", "${PGID}")]
[Env("TZ", "${TZ}")]
[CapAdd("CHOWN")]
[CapAdd("SETUID")]
[CapAdd("SETGID")]
[Resources(Cpus = "0.5", Memory = "256M", CpusReservation = "0.25", MemoryReservation = "128M")]
public partial class Homepage;
