using System.Collections.Generic;
using EzHomelab.Generators.Extraction;

namespace EzHomelab.Generators.Syntax;

internal enum ParameterType
{
    String,
    Int,
    Bool,
    StringArray,
    Type,
    Access,
    Restart,
    Condition,
    Protocol,
    SecretForm,
    SecretSupply,
}

/// <summary>
/// The constructor parameters and settable properties of each of our attributes, as the syntactic reader needs
/// them to type-check literal arguments (kept in step with src/EzHomelab/Attributes by the twin tests).
/// </summary>
internal sealed class AttributeShape
{
    private AttributeShape(AttributeKind kind, (string Name, ParameterType Type)[] parameters, bool lastIsParams, (string Name, ParameterType Type)[] properties)
    {
        Kind = kind;
        Parameters = parameters;
        LastIsParams = lastIsParams;
        Properties = properties;
    }

    public AttributeKind Kind { get; }
    public (string Name, ParameterType Type)[] Parameters { get; }
    public bool LastIsParams { get; }
    public (string Name, ParameterType Type)[] Properties { get; }

    public bool TryGetProperty(string name, out ParameterType type)
    {
        foreach (var property in Properties)
        {
            if (property.Name != name) continue;
            type = property.Type;
            return true;
        }
        type = default;
        return false;
    }

    private static readonly Dictionary<string, AttributeShape> BySimpleName = Create();
    private static readonly AttributeShape DependsOnGeneric = new(AttributeKind.DependsOnGeneric, P(), false, P(("Condition", ParameterType.Condition)));
    private static readonly AttributeShape EgressGeneric = new(AttributeKind.EgressGeneric, P(), false, P());

    /// <summary>Our attribute spelled <paramref name="name"/> (with or without the Attribute suffix) and <paramref name="arity"/> type arguments.</summary>
    public static AttributeShape? Find(string name, int arity)
    {
        if (!BySimpleName.TryGetValue(name, out var shape)) return null;
        if (arity == 0) return shape;
        if (arity != 1) return null;
        return shape.Kind switch
        {
            AttributeKind.DependsOn => DependsOnGeneric,
            AttributeKind.Egress => EgressGeneric,
            _ => null,
        };
    }

    /// <summary>The shape of <paramref name="kind"/> (null for <see cref="AttributeKind.None"/>).</summary>
    public static AttributeShape? ForKind(AttributeKind kind) => kind switch
    {
        AttributeKind.DependsOnGeneric => DependsOnGeneric,
        AttributeKind.EgressGeneric => EgressGeneric,
        AttributeKind.None => null,
        _ => BySimpleName.TryGetValue(kind.ToString(), out var shape) ? shape : null,
    };

    /// <summary>Whether <paramref name="name"/> is spelled like one of ours, in either form.</summary>
    public static bool IsOurName(string name) => BySimpleName.ContainsKey(name);

    private static (string, ParameterType)[] P(params (string, ParameterType)[] items) => items;

    private static Dictionary<string, AttributeShape> Create()
    {
        const ParameterType S = ParameterType.String, I = ParameterType.Int;
        var shapes = new[]
        {
            new AttributeShape(AttributeKind.Homelab, P(), false, P(("Domain", S), ("Timezone", S), ("Email", S), ("DefaultAccess", ParameterType.Access), ("Puid", I), ("Pgid", I), ("LanNetworks", ParameterType.StringArray))),
            new AttributeShape(AttributeKind.Server, P(("name", S)), false, P(("Address", S))),
            new AttributeShape(AttributeKind.OnServer, P(("server", S)), false, P()),
            new AttributeShape(AttributeKind.Stack, P(("name", S)), false, P()),
            new AttributeShape(AttributeKind.Service, P(), false, P(("Image", S), ("Name", S), ("Command", ParameterType.StringArray), ("Entrypoint", ParameterType.StringArray), ("User", S), ("Restart", ParameterType.Restart), ("ContainerName", S))),
            new AttributeShape(AttributeKind.Route, P(("port", I)), false, P(("Subdomain", S), ("Access", ParameterType.Access), ("PathPrefixes", ParameterType.StringArray), ("AllowBypassOnAdmin", ParameterType.Bool))),
            new AttributeShape(AttributeKind.Dashboard, P(("group", S)), false, P(("Name", S), ("Icon", S), ("Description", S))),
            new AttributeShape(AttributeKind.Volume, P(("source", S), ("target", S)), false, P(("ReadOnly", ParameterType.Bool))),
            new AttributeShape(AttributeKind.Env, P(("name", S), ("value", S)), false, P()),
            new AttributeShape(AttributeKind.SecretEnv, P(("name", S), ("secret", S)), false, P(("Form", ParameterType.SecretForm), ("FileVariable", S), ("Supply", ParameterType.SecretSupply))),
            new AttributeShape(AttributeKind.PublishPort, P(("hostPort", I), ("containerPort", I)), false, P(("Protocol", ParameterType.Protocol), ("HostIp", S))),
            new AttributeShape(AttributeKind.Network, P(("name", S)), false, P(("Internal", ParameterType.Bool))),
            new AttributeShape(AttributeKind.DependsOn, P(("service", ParameterType.Type)), false, P(("Condition", ParameterType.Condition))),
            new AttributeShape(AttributeKind.Healthcheck, P(("test", ParameterType.StringArray)), true, P(("Interval", S), ("Timeout", S), ("Retries", I), ("StartPeriod", S))),
            new AttributeShape(AttributeKind.Resources, P(), false, P(("Cpus", S), ("Memory", S), ("CpusReservation", S), ("MemoryReservation", S), ("Pids", I))),
            new AttributeShape(AttributeKind.Gpu, P(), false, P(("Driver", S), ("Count", I))),
            new AttributeShape(AttributeKind.LazyStart, P(), false, P(("Group", S), ("SessionDuration", S), ("DisplayName", S))),
            new AttributeShape(AttributeKind.Egress, P(("through", ParameterType.Type)), false, P()),
            new AttributeShape(AttributeKind.Label, P(("key", S), ("value", S)), false, P()),
            new AttributeShape(AttributeKind.Admin, P(), false, P()),
            new AttributeShape(AttributeKind.CapAdd, P(("capability", S)), false, P()),
            new AttributeShape(AttributeKind.Device, P(("hostPath", S)), false, P(("ContainerPath", S), ("Permissions", S))),
            new AttributeShape(AttributeKind.Variable, P(("name", S), ("defaultValue", S)), false, P(("Description", S))),
            new AttributeShape(AttributeKind.Smtp, P(("host", S), ("port", I), ("sender", S), ("username", S)), false, P()),
            new AttributeShape(AttributeKind.Widget, P(("type", S)), false, P(("Url", S), ("ApiKeySecret", S), ("Fields", ParameterType.StringArray))),
            new AttributeShape(AttributeKind.ExternalHost, P(("subdomain", S), ("url", S)), false, P(("Access", ParameterType.Access), ("DashboardGroup", S), ("Name", S), ("Icon", S), ("Description", S))),
            new AttributeShape(AttributeKind.AllowNewPrivileges, P(), false, P(("Reason", S))),
            new AttributeShape(AttributeKind.KeepCapabilities, P(), false, P(("Reason", S))),
            new AttributeShape(AttributeKind.AllowDockerSocket, P(), false, P(("Reason", S))),
            new AttributeShape(AttributeKind.Privileged, P(), false, P(("Reason", S))),
            new AttributeShape(AttributeKind.HostNamespaces, P(), false, P(("Network", ParameterType.Bool), ("Pid", ParameterType.Bool), ("Ipc", ParameterType.Bool), ("Reason", S))),
            new AttributeShape(AttributeKind.SecurityOpt, P(("option", S)), false, P(("Reason", S))),
            new AttributeShape(AttributeKind.ReadOnlyRoot, P(), false, P(("Tmpfs", ParameterType.StringArray))),
            new AttributeShape(AttributeKind.Logging, P(), false, P(("MaxSize", S), ("MaxFiles", I))),
        };
        var byName = new Dictionary<string, AttributeShape>(System.StringComparer.Ordinal);
        foreach (var shape in shapes)
        {
            string name = shape.Kind.ToString();
            byName[name] = shape;
            byName[name + "Attribute"] = shape;
        }
        return byName;
    }

    /// <summary>The members of our enums, by enum; a member name the table lacks sends the class to the semantic path.</summary>
    public static bool TryGetEnumMember(ParameterType type, string enumName, string member, out int value)
    {
        value = 0;
        string[]? members = type switch
        {
            ParameterType.Access when enumName == "Access" => AccessMembers,
            ParameterType.Restart when enumName == "Restart" => RestartMembers,
            ParameterType.Condition when enumName == "DependencyCondition" => ConditionMembers,
            ParameterType.Protocol when enumName == "Protocol" => ProtocolMembers,
            ParameterType.SecretForm when enumName == "SecretForm" => SecretFormMembers,
            ParameterType.SecretSupply when enumName == "SecretSupply" => SecretSupplyMembers,
            _ => null,
        };
        if (members is null) return false;
        value = System.Array.IndexOf(members, member);
        return value >= 0;
    }

    private static readonly string[] AccessMembers = { "Default", "Bypass", "OneFactor", "TwoFactor", "LanOnly" };
    private static readonly string[] RestartMembers = { "Default", "No", "Always", "UnlessStopped", "OnFailure" };
    private static readonly string[] ConditionMembers = { "Started", "Healthy", "CompletedSuccessfully" };
    private static readonly string[] ProtocolMembers = { "Tcp", "Udp" };
    private static readonly string[] SecretFormMembers = { "FilePath", "FileUri", "SecretName" };
    private static readonly string[] SecretSupplyMembers = { "Default", "User" };
}
