using EzHomelab;

namespace MyHomelab;

/// <summary>
/// The seed's default lab: one server, every route at <c>&lt;service&gt;.example.duckdns.org</c>, two-factor login
/// unless a route says otherwise. Set <c>EZH_DOMAIN</c> at run time to render for your own domain.
/// Every service is one class deriving from its catalog class (<c>Catalog.Sonarr</c>…, listed in docs/catalog.md): the
/// image, stack, route, access, lazy group, dashboard entry, healthcheck and hardening exceptions come from there, and an
/// attribute on your class overrides or adds to them (Media.cs and Vpn.cs show how).
/// The NAS's own web UI runs outside Docker; the core's Traefik routes <c>nas.&lt;domain&gt;</c> to it behind the same login.
/// Where the media and the downloads live differs per owner: the catalog declares the lab variables <c>MEDIA_DIR</c>
/// (default <c>/mnt/media</c>) and <c>DOWNLOADS_DIR</c> (<c>/mnt/downloads</c>), and each stack's <c>.env</c> holds the ones
/// it uses. <c>[Variable("MEDIA_DIR", "/srv/media")]</c> on this class changes the default; <c>EZH_VAR_MEDIA_DIR=/srv/media</c>
/// changes it for one run.
/// The secrets only you can give (the DuckDNS token, the VPN provider's user name and password, the dashboard widgets'
/// API keys) are <c>EZH_SECRET_&lt;NAME&gt;</c> variables, e.g. <c>EZH_SECRET_OPENVPN_USER</c>; render names each one it misses.
/// </summary>
[Homelab(Domain = BaseDomain, Timezone = "Europe/Berlin", Email = "admin@example.org", DefaultAccess = Access.TwoFactor)]
[ExternalHost("nas", "http://192.168.1.10:5000", Access = Access.TwoFactor, DashboardGroup = "Infrastructure", Name = "NAS", Icon = "synology.png", Description = "Storage")]
public partial class HomeLab
{
    public const string BaseDomain = "example.duckdns.org";
}
