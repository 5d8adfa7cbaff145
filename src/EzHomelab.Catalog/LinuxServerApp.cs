namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// What every LinuxServer.io image shares: it starts as root, its init (s6-overlay) takes ownership of
    /// <c>/config</c> and drops to <c>PUID</c>/<c>PGID</c>, and it reads <c>TZ</c>. The owner's folders
    /// (<see cref="HostPaths"/>) are lab variables of every LinuxServer template.
    /// </summary>
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    public abstract class LinuxServerApp : HostPaths;
}
