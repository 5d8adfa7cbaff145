using EzHomelab;

namespace MyHomelab;

/// <summary>
/// The seed's default lab: one server, every route at <c>&lt;service&gt;.example.duckdns.org</c>, two-factor login
/// unless a route says otherwise. Set <c>EZH_DOMAIN</c> at run time to render for your own domain.
/// The NAS's own web UI runs outside Docker; the core's Traefik routes <c>nas.&lt;domain&gt;</c> to it behind the same login.
/// Where the media and the downloads live differs per owner: lab variables, each stack's <c>.env</c> holds the ones it
/// uses; <c>EZH_VAR_MEDIA_DIR=/srv/media</c> at run time points them elsewhere.
/// </summary>
[Homelab(Domain = BaseDomain, Timezone = "Europe/Berlin", Email = "admin@example.org", DefaultAccess = Access.TwoFactor)]
[Variable("MEDIA_DIR", "/mnt/media", Description = "Movies and series")]
[Variable("DOWNLOADS_DIR", "/mnt/downloads", Description = "Downloads, finished and running")]
[ExternalHost("nas", "http://192.168.1.10:5000", Access = Access.TwoFactor, DashboardGroup = "Infrastructure", Name = "NAS", Icon = "synology.png", Description = "Storage")]
public partial class HomeLab
{
    public const string BaseDomain = "example.duckdns.org";
}

/// <summary>
/// Shared settings of the LinuxServer images: they drop privileges to PUID/PGID and read TZ. A base class is
/// not a service by itself (it carries no [Service] or [Stack]); its attributes are merged into each derived one.
/// Every capability is dropped but the ones their init (s6-overlay, running as root) needs: CHOWN and FOWNER to give
/// /config to PUID:PGID, DAC_OVERRIDE to reach folders PUID already owns, SETUID and SETGID to drop to PUID:PGID, KILL
/// to stop the app with a signal (else a stop waits for Docker's SIGKILL).
/// </summary>
[Env("PUID", "${PUID}")]
[Env("PGID", "${PGID}")]
[Env("TZ", "${TZ}")]
[CapAdd("CHOWN")]
[CapAdd("FOWNER")]
[CapAdd("DAC_OVERRIDE")]
[CapAdd("SETUID")]
[CapAdd("SETGID")]
[CapAdd("KILL")]
public abstract class LinuxServerApp;
