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
    /// <summary>
    /// The networks <see cref="Access.LanOnly"/> routes admit without a login, as CIDRs (<c>192.168.1.0/24</c>) or single
    /// addresses. Default: the private ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16.
    /// </summary>
    public string[]? LanNetworks { get; set; }
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

/// <summary>
/// Routes <c>https://&lt;subdomain&gt;.&lt;domain&gt;</c> to a host outside Docker (a NAS UI, the router, Proxmox), on the
/// <see cref="HomelabAttribute"/> class. The core's Traefik serves it with the same certificate, login and security
/// headers as any other route, and Authelia gets a rule for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ExternalHostAttribute : Attribute
{
    /// <param name="subdomain">DNS label of the public host (<c>nas</c> → <c>nas.&lt;domain&gt;</c>).</param>
    /// <param name="url">Where the host listens on the LAN: an <c>http://</c> or <c>https://</c> URL, e.g. <c>http://192.168.1.10:5000</c>.</param>
    public ExternalHostAttribute(string subdomain, string url) { Subdomain = subdomain; Url = url; }
    public string Subdomain { get; }
    public string Url { get; }
    /// <summary>Who may reach it. Default: the lab's <see cref="HomelabAttribute.DefaultAccess"/>.</summary>
    public Access Access { get; set; }
    /// <summary>Homepage group; the host is listed on the dashboard only when this is set.</summary>
    public string? DashboardGroup { get; set; }
    /// <summary>Display name on the dashboard. Default: the subdomain.</summary>
    public string? Name { get; set; }
    /// <summary>Dashboard icon file or URL, e.g. <c>synology.png</c>.</summary>
    public string? Icon { get; set; }
    /// <summary>Dashboard description.</summary>
    public string? Description { get; set; }
}

/// <summary>
/// The mail server Authelia sends its notifications through (password resets, new devices), on the
/// <see cref="HomelabAttribute"/> class. Without it Authelia writes them to a file. The password is the secret
/// <c>smtp-password</c>, supplied by you (<c>EZH_SECRET_SMTP_PASSWORD</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SmtpAttribute : Attribute
{
    /// <param name="host">The server's host name, e.g. <c>smtp.example.org</c>.</param>
    /// <param name="port">Its submission port, usually 587.</param>
    /// <param name="sender">The From address, e.g. <c>auth@example.org</c>.</param>
    /// <param name="username">The account Authelia logs in with.</param>
    public SmtpAttribute(string host, int port, string sender, string username) { Host = host; Port = port; Sender = sender; Username = username; }
    public string Host { get; }
    public int Port { get; }
    public string Sender { get; }
    public string Username { get; }
}

/// <summary>
/// Declares a lab variable: a value that differs from one owner to the next (where the media lives, where backups go),
/// referenced as <c>${NAME}</c> in <see cref="EnvAttribute"/> values, <see cref="VolumeAttribute"/> sources and
/// <see cref="DeviceAttribute"/> host paths, e.g. <c>[Volume("${MEDIA_DIR}/movies", "/movies")]</c>. Each stack's
/// <c>.env</c> defines the variables its services use; <c>EZH_VAR_&lt;NAME&gt;</c> overrides the default at run time.
/// <para>
/// On the <see cref="HomelabAttribute"/> class, on a service class or on any of its base classes (a catalog template):
/// variables are the lab's, so a service may use one that another service or the lab declares. The lab's declaration
/// wins; two services that declare one variable with different defaults make the lab choose (EZH0046).
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class VariableAttribute : Attribute
{
    /// <param name="name">Upper-case letters, digits and <c>_</c>, e.g. <c>MEDIA_DIR</c>; not one the lab defines itself (DOMAIN, TZ, PUID, PGID).</param>
    /// <param name="defaultValue">The value unless <c>EZH_VAR_&lt;NAME&gt;</c> says otherwise, e.g. <c>/mnt/media</c>; never a secret.</param>
    public VariableAttribute(string name, string defaultValue) { Name = name; Default = defaultValue; }
    public string Name { get; }
    public string Default { get; }
    /// <summary>What the variable is for, shown in messages and docs, e.g. "Where movies and series live".</summary>
    public string? Description { get; set; }
}
