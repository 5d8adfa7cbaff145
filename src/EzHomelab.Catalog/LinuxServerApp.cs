namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// What every LinuxServer.io image shares: it starts as root, its init (s6-overlay) takes ownership of
    /// <c>/config</c> and drops to <c>PUID</c>/<c>PGID</c>, and it reads <c>TZ</c>.
    /// </summary>
    [Env("PUID", "${PUID}")]
    [Env("PGID", "${PGID}")]
    [Env("TZ", "${TZ}")]
    public abstract class LinuxServerApp;
}
