namespace EzHomelab.Model;

/// <summary>
/// The whole lab as the generator understood it: constant, validated at compile time, built by generated code
/// (no reflection). Runtime inputs (domain override, secrets) live in the runner's runtime settings.
/// </summary>
public sealed record Lab
{
    /// <summary>The lab class's name (for messages).</summary>
    public required string Name { get; init; }
    public string? Domain { get; init; }
    public string? Timezone { get; init; }
    public string? Email { get; init; }
    public Access DefaultAccess { get; init; } = Access.TwoFactor;
    public int Puid { get; init; } = 1000;
    public int Pgid { get; init; } = 1000;
    /// <summary>Servers in declaration order; the first is the core. Never empty.</summary>
    public IReadOnlyList<ServerSpec> Servers { get; init; } = [ServerSpec.DefaultCore];
    /// <summary>Every service, ordered by stack then service name (ordinal).</summary>
    public IReadOnlyList<ServiceSpec> Services { get; init; } = [];
    /// <summary>Hosts outside Docker routed by the core's Traefik (<c>[ExternalHost]</c>), in declaration order.</summary>
    public IReadOnlyList<ExternalHostSpec> ExternalHosts { get; init; } = [];
    /// <summary>The mail server Authelia sends its notifications through (<c>[Smtp]</c>); null writes them to a file.</summary>
    public SmtpSpec? Smtp { get; init; }
    /// <summary>The networks <see cref="Access.LanOnly"/> routes admit without a login (<c>[Homelab(LanNetworks)]</c>).</summary>
    public IReadOnlyList<string> LanNetworks { get; init; } = DefaultLanNetworks;
    /// <summary>The lab variables declared on the lab class (<c>[Variable]</c>); they win over the services' declarations.</summary>
    public IReadOnlyList<VariableSpec> Variables { get; init; } = [];

    /// <summary>Limits and log rotation of the services that do not set their own (the lab class's <c>[Resources]</c> and <c>[Logging]</c>).</summary>
    public ServiceDefaults ServiceDefaults { get; init; } = ServiceDefaults.BuiltIn;

    /// <summary>The private IPv4 ranges (RFC 1918).</summary>
    public static IReadOnlyList<string> DefaultLanNetworks { get; } = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

    public ServerSpec Core => Servers[0];

    /// <summary>The server a service runs on (its <c>[OnServer]</c>, else the core).</summary>
    public ServerSpec ServerOf(ServiceSpec service) =>
        service.Server is null ? Core : Servers.First(s => s.Name == service.Server);

    /// <summary>Stacks of one server, in name order, each with its services in name order.</summary>
    public IReadOnlyList<StackSpec> StacksOn(ServerSpec server) =>
        Services.Where(s => ServerOf(s).Name == server.Name)
            .GroupBy(s => s.Stack, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StackSpec(g.Key, server.Name, g.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray()))
            .ToArray();

    public ServiceSpec? FindService(string name) => Services.FirstOrDefault(s => s.Name == name);
}

/// <summary>A server of the lab.</summary>
public sealed record ServerSpec(string Name, string? Address = null)
{
    public static ServerSpec DefaultCore { get; } = new("core");
}

/// <summary>One compose stack on one server: a folder in Dockge's layout.</summary>
public sealed record StackSpec(string Name, string Server, IReadOnlyList<ServiceSpec> Services);

/// <summary>A host outside Docker (NAS UI, router, Proxmox) served at <c>&lt;Subdomain&gt;.&lt;domain&gt;</c> by the core's Traefik.</summary>
/// <param name="Subdomain">DNS label of the public host.</param>
/// <param name="Url">The LAN URL Traefik forwards to, e.g. <c>http://192.168.1.10:5000</c>.</param>
/// <param name="Access">Who may reach it; <see cref="Access.Default"/> means the lab's default.</param>
/// <param name="Dashboard">Its Homepage entry, when it has a dashboard group.</param>
public sealed record ExternalHostSpec(string Subdomain, string Url, Access Access = Access.Default, DashboardSpec? Dashboard = null);

/// <summary>An SMTP submission server; its password is the <c>smtp-password</c> secret.</summary>
public sealed record SmtpSpec(string Host, int Port, string Sender, string Username);

/// <summary>A lab variable's declaration (<c>[Variable(name, default)]</c>), referenced as <c>${Name}</c>.</summary>
/// <param name="Default">The value unless <c>EZH_VAR_&lt;Name&gt;</c> overrides it.</param>
/// <param name="DeclaredBy">The class whose attribute declares it (a base class for an inherited declaration), for messages.</param>
public sealed record VariableSpec(string Name, string Default, string? Description = null, string? DeclaredBy = null);

/// <summary>
/// What every service gets unless it sets its own <c>[Resources]</c> or <c>[Logging]</c> value: a lab's own defaults (from
/// the lab class's <c>[Resources]</c>/<c>[Logging]</c>) replace these built-in ones one property at a time.
/// </summary>
public sealed record ServiceDefaults
{
    /// <summary>1 CPU: valid on any host (compose refuses a limit above the host's count) and it stops one service taking them all.</summary>
    public string Cpus { get; init; } = "1.0";
    /// <summary>1g: above what most homelab apps use, low enough that a leak cannot take the host's memory.</summary>
    public string Memory { get; init; } = "1g";
    /// <summary>1024 processes and threads: room for thread-heavy apps, and a fork bomb stops there.</summary>
    public int Pids { get; init; } = 1024;
    public string? CpusReservation { get; init; }
    public string? MemoryReservation { get; init; }
    /// <summary>Size at which the json-file log is rotated (Docker's json-file never rotates by default).</summary>
    public string LogMaxSize { get; init; } = "10m";
    /// <summary>Log files kept, the current one included.</summary>
    public int LogMaxFiles { get; init; } = 3;

    public static ServiceDefaults BuiltIn { get; } = new();
}
