namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// Kerberos.io agent: records and streams one IP camera, with a web UI. Route <c>kerberos.&lt;domain&gt;</c> (port 80;
    /// upstream only published host port 8076, without the login), the lab's default access (two-factor); always on (it
    /// records); dashboard group "Home Automation". No secrets here; change its own default login (<c>root</c>/<c>root</c>)
    /// in its UI. Configuration and recordings: the named volumes <c>kerberos-config</c> and <c>kerberos-recordings</c>,
    /// since the image runs as its user <c>agent</c>, who owns them in the image (a new named volume keeps the image's
    /// default configuration). Capability exception: <c>NET_BIND_SERVICE</c>, which its binary carries as a file
    /// capability to listen on port 80 as a non-root user; without it in the container's set the binary cannot start.
    /// The healthcheck is the image's own.
    /// </summary>
    [Stack("kerberos")]
    [Service(Name = "agent", Image = "kerberos/agent:v3.11.1")]
    [Route(80, Subdomain = "kerberos")]
    [Dashboard("Home Automation", Name = "Kerberos Agent", Icon = "kerberos.png", Description = "Camera recording")]
    [Env("TZ", "${TZ}")]
    [Volume("kerberos-config", "/home/agent/data/config")]
    [Volume("kerberos-recordings", "/home/agent/data/recordings")]
    [CapAdd("NET_BIND_SERVICE")]
    [Healthcheck("curl --fail -o /dev/null http://localhost:80/", Interval = "30s", Timeout = "10s", Retries = 3, StartPeriod = "30s")]
    // Decodes and records one camera's stream.
    [Resources(Cpus = "1.0", Memory = "1g")]
    public abstract partial class KerberosAgent;
}
