namespace EzHomelab;

/// <summary>
/// Marks the one class that stands for the whole lab. Exactly one per compilation; the class must be
/// <c>partial</c> — the generator adds <see cref="IHomelab"/> to it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HomelabAttribute : Attribute
{
    /// <summary>The base domain; every route is <c>&lt;subdomain&gt;.&lt;Domain&gt;</c>. Overridable at run time with <c>EZH_DOMAIN</c>.</summary>
    public string? Domain { get; set; }
    /// <summary>IANA time zone written as <c>TZ</c> (e.g. <c>Europe/Berlin</c>). Default <c>Etc/UTC</c>.</summary>
    public string? Timezone { get; set; }
    /// <summary>Contact address for the ACME account and notifications.</summary>
    public string? Email { get; set; }
    /// <summary>Access policy of routes that do not set one. Default <see cref="Access.TwoFactor"/>.</summary>
    public Access DefaultAccess { get; set; } = Access.TwoFactor;
    /// <summary>User and group id for images that honour <c>PUID</c>/<c>PGID</c>. Default 1000.</summary>
    public int Puid { get; set; } = 1000;
    /// <inheritdoc cref="Puid"/>
    public int Pgid { get; set; } = 1000;
}

/// <summary>
/// Declares a server of the lab, on the lab class. The first declared server is the core (it publishes
/// 80/443 and runs Traefik, Authelia and DuckDNS). A lab without any <c>[Server]</c> has one server, <c>core</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ServerAttribute : Attribute
{
    public ServerAttribute(string name) => Name = name;
    /// <summary>Server name: a DNS label, used in paths and per-server hostnames.</summary>
    public string Name { get; }
    /// <summary>LAN address of a remote server (e.g. <c>192.168.1.100</c>).</summary>
    public string? Address { get; set; }
}

/// <summary>Puts a service on a named server (default: the core server).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OnServerAttribute : Attribute
{
    public OnServerAttribute(string server) => Server = server;
    public string Server { get; }
}
