using EzHomelab;

namespace LocalLab;

/// <summary>
/// A lab that deploys on any machine with a Docker engine and no registry: every service runs the local image
/// <c>ezhomelab/busybox:local</c> (scripts/test-image.sh builds it). There is no Traefik, Authelia or DuckDNS: the
/// routes are declared (their Traefik labels are rendered) but nothing reads them, and with no login portal they ask
/// for no login (<c>DefaultAccess = Access.Bypass</c>, so no router names Authelia's middleware). The services are
/// reached through ports published on 127.0.0.1 only. The deploy tests use this lab: its stacks, services and host
/// ports are fixed.
/// </summary>
[Homelab(Domain = "lab.example.test", Timezone = "Etc/UTC", Email = "admin@example.test", DefaultAccess = Access.Bypass)]
public partial class LocalHomelab
{
    /// <summary>The one image of the lab: static busybox, <c>/www/index.html</c> says "hello from busybox".</summary>
    public const string Image = "ezhomelab/busybox:local";
}
