namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// What every LinuxServer.io image shares: it starts as root, its init (s6-overlay) takes ownership of
    /// <c>/config</c> and drops to <c>PUID</c>/<c>PGID</c>, and it reads <c>TZ</c>. The owner's folders
    /// (<see cref="HostPaths"/>) are lab variables of every LinuxServer template. Hardening exceptions (every other
    /// capability stays dropped):
    /// <list type="bullet">
    /// <item><c>CHOWN</c>, <c>FOWNER</c>: the init gives <c>/config</c> and the app's folders to PUID:PGID and sets their modes.</item>
    /// <item><c>DAC_OVERRIDE</c>: the init, as root, reads and writes folders that already belong to PUID.</item>
    /// <item><c>SETUID</c>, <c>SETGID</c>: <c>s6-setuidgid</c> drops the app to PUID:PGID (setgroups needs SETGID).</item>
    /// <item><c>KILL</c>: the supervisor (root) stops the app (PUID) with a signal; without it a stop waits for Docker's SIGKILL.</item>
    /// </list>
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
    public abstract partial class LinuxServerApp : HostPaths;
}
