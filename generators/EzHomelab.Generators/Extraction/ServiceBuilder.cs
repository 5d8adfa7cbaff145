using System.Collections.Generic;
using EzHomelab.Generators.Model;
using EzHomelab.Rules;

namespace EzHomelab.Generators.Extraction;

/// <summary>Accumulates the attributes of one class chain, base first, into a <see cref="ServiceModel"/>.</summary>
internal sealed partial class ServiceBuilder
{
    private readonly LocationInfo _class;

    private string? _name, _stack, _image, _server, _user, _containerName;
    private EquatableArray<string> _command, _entrypoint;
    private int _restart;
    private readonly SingleSites _serviceSites = new(), _stackSites = new(), _onServerSites = new();

    private bool _hasRoute;
    private int _routePort;
    private string? _subdomain;
    private int _access;
    private EquatableArray<string> _pathPrefixes;
    private bool _allowBypassOnAdmin;
    private readonly SingleSites _routeSites = new();

    private bool _hasDashboard;
    private string? _dashboardGroup, _dashboardName, _icon, _description;
    private readonly SingleSites _dashboardSites = new();

    private bool _hasHealthcheck;
    private EquatableArray<string> _test;
    private string? _interval, _timeout, _startPeriod;
    private int _retries;
    private readonly SingleSites _healthcheckSites = new();

    private bool _hasResources;
    private string? _cpus, _memory, _cpusReservation, _memoryReservation;
    private int _pids;
    private readonly SingleSites _resourcesSites = new();

    private bool _hasGpu;
    private string? _gpuDriver;
    private int _gpuCount;
    private readonly SingleSites _gpuSites = new();

    private bool _hasLazyStart;
    private string? _lazyGroup, _sessionDuration, _displayName;
    private readonly SingleSites _lazyStartSites = new();

    private bool _hasWidget;
    private string? _widgetType, _widgetUrl, _widgetApiKeySecret;
    private EquatableArray<string> _widgetFields;
    private readonly SingleSites _widgetSites = new();

    private TypeRef? _egress;
    private readonly SingleSites _egressSites = new();

    private readonly List<Keyed<VolumeModel>> _volumes = new();
    private readonly List<Keyed<EnvEntry>> _environment = new();
    private readonly List<Keyed<PortModel>> _ports = new();
    private readonly List<Keyed<NetworkModel>> _networks = new();
    private readonly List<Keyed<DependencyModel>> _dependsOn = new();
    private readonly List<Keyed<LabelModel>> _labels = new();
    private readonly List<Keyed<string>> _capAdd = new();
    private readonly List<Keyed<DeviceModel>> _devices = new();
    private readonly List<Keyed<VariableModel>> _variables = new();
    private bool _isAdmin;

    public ServiceBuilder(LocationInfo classLocation) => _class = classLocation;

    /// <param name="level">0 for the class itself, 1 for its base, and so on.</param>
    /// <param name="declaringClass">The display name of the class at <paramref name="level"/> (for the declarations it makes).</param>
    public void Apply(AttributeValues attribute, int level, string declaringClass)
    {
        var sites = attribute.Sites;
        var kind = attribute.Kind;
        switch (kind)
        {
            case AttributeKind.Service: ApplyService(attribute, sites); break;
            case AttributeKind.Stack:
                if (CtorString(attribute, 0, out var stack)) _stack = stack;
                _stackSites.Apply(sites);
                break;
            case AttributeKind.OnServer:
                if (CtorString(attribute, 0, out var server)) _server = server;
                _onServerSites.Apply(sites);
                break;
            case AttributeKind.Route: ApplyRoute(attribute, sites); break;
            case AttributeKind.Dashboard: ApplyDashboard(attribute, sites); break;
            case AttributeKind.Healthcheck: ApplyHealthcheck(attribute, sites); break;
            case AttributeKind.Resources: ApplyResources(attribute, sites); break;
            case AttributeKind.Gpu: ApplyGpu(attribute, sites); break;
            case AttributeKind.LazyStart: ApplyLazyStart(attribute, sites); break;
            case AttributeKind.Widget: ApplyWidget(attribute, sites); break;
            case AttributeKind.AllowNewPrivileges:
            case AttributeKind.KeepCapabilities:
            case AttributeKind.AllowDockerSocket:
            case AttributeKind.Privileged:
            case AttributeKind.HostNamespaces:
            case AttributeKind.SecurityOpt:
            case AttributeKind.ReadOnlyRoot:
            case AttributeKind.Logging:
                ApplyHardening(attribute, level);
                break;
            case AttributeKind.Egress:
            case AttributeKind.EgressGeneric:
                var through = ReadTarget(attribute, kind == AttributeKind.EgressGeneric);
                if (through is not null)
                {
                    _egress = through;
                    _egressSites.Apply(sites);
                }
                break;
            case AttributeKind.Volume:
                if (CtorString(attribute, 0, out var source) && CtorString(attribute, 1, out var target))
                {
                    bool readOnly = false;
                    foreach (var pair in attribute.Named)
                        if (pair.Name == "ReadOnly" && pair.Value.TryGetBool(out var b)) readOnly = b;
                    AddKeyed(_volumes, target, level, new VolumeModel(source, target, readOnly), sites);
                }
                break;
            case AttributeKind.Env:
                if (CtorString(attribute, 0, out var envName) && CtorString(attribute, 1, out var envValue))
                    AddKeyed(_environment, envName, level, new EnvEntry(envName, envValue), sites);
                break;
            case AttributeKind.SecretEnv:
                if (CtorString(attribute, 0, out var secretEnvName) && CtorString(attribute, 1, out var secret))
                {
                    int form = 0, supply = 0;
                    string? fileVariable = null;
                    foreach (var pair in attribute.Named)
                    {
                        if (!pair.Value.IsUsable) continue;
                        if (pair.Name == "Form" && pair.Value.TryGetInt(out var f)) form = f;
                        else if (pair.Name == "FileVariable" && pair.Value.TryGetString(out var v)) fileVariable = v;
                        else if (pair.Name == "Supply" && pair.Value.TryGetInt(out var u)) supply = u;
                    }
                    AddKeyed(_environment, secretEnvName, level, new EnvEntry(secretEnvName, new SecretEnvModel(secretEnvName, secret, form, fileVariable, supply)), sites);
                }
                break;
            case AttributeKind.PublishPort:
                if (CtorInt(attribute, 0, out var hostPort) && CtorInt(attribute, 1, out var containerPort))
                {
                    int protocol = 0;
                    string? hostIp = null;
                    foreach (var pair in attribute.Named)
                    {
                        if (!pair.Value.IsUsable) continue;
                        if (pair.Name == "Protocol" && pair.Value.TryGetInt(out var p)) protocol = p;
                        else if (pair.Name == "HostIp" && pair.Value.TryGetString(out var ip)) hostIp = ip;
                    }
                    _ports.Add(new Keyed<PortModel>(null, level, new PortModel(hostPort, containerPort, protocol, hostIp), sites));
                }
                break;
            case AttributeKind.Network:
                if (CtorString(attribute, 0, out var network) && network is not null)
                {
                    bool isInternal = false;
                    foreach (var pair in attribute.Named)
                        if (pair.Name == "Internal" && pair.Value.IsUsable && pair.Value.TryGetBool(out var b)) isInternal = b;
                    // A derived class's entry replaces its base's (it may change Internal); a repeat in one class adds nothing.
                    if (!ContainsKeyAt(_networks, network, level))
                        AddKeyed(_networks, network, level, new NetworkModel(network, isInternal), sites);
                }
                break;
            case AttributeKind.DependsOn:
            case AttributeKind.DependsOnGeneric:
                var dependency = ReadTarget(attribute, kind == AttributeKind.DependsOnGeneric);
                if (dependency is not null)
                {
                    int condition = 0;
                    foreach (var pair in attribute.Named)
                        if (pair.Name == "Condition" && pair.Value.IsUsable && pair.Value.TryGetInt(out var c)) condition = c;
                    AddKeyed(_dependsOn, dependency.FullyQualifiedName, level, new DependencyModel(dependency, condition), sites);
                }
                break;
            case AttributeKind.Label:
                if (CtorString(attribute, 0, out var key) && CtorString(attribute, 1, out var value))
                    AddKeyed(_labels, key, level, new LabelModel(key, value), sites);
                break;
            case AttributeKind.Admin:
                _isAdmin = true;
                break;
            case AttributeKind.CapAdd:
                // Compose takes each capability once; a repeat (from a base or the class itself) adds nothing.
                if (CtorString(attribute, 0, out var capability) && !ContainsKey(_capAdd, capability))
                    _capAdd.Add(new Keyed<string>(capability, level, capability ?? "", sites));
                break;
            case AttributeKind.Variable:
                if (ReadVariable(attribute, declaringClass) is { } variable)
                    AddKeyed(_variables, variable.Name, level, variable, sites);
                break;
            case AttributeKind.Device:
                if (CtorString(attribute, 0, out var hostPath))
                {
                    string? containerPath = null, permissions = null;
                    foreach (var pair in attribute.Named)
                    {
                        if (!pair.Value.IsUsable) continue;
                        if (pair.Name == "ContainerPath" && pair.Value.TryGetString(out var inside)) containerPath = inside;
                        else if (pair.Name == "Permissions" && pair.Value.TryGetString(out var p)) permissions = p;
                    }
                    AddKeyed(_devices, hostPath, level, new DeviceModel(hostPath, containerPath, permissions), sites);
                }
                break;
        }
    }

    private void ApplyService(AttributeValues attribute, AttributeSites sites)
    {
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (!value.IsUsable) continue;
            switch (pair.Name)
            {
                case "Image": if (value.TryGetString(out var image)) _image = image; break;
                case "Name": if (value.TryGetString(out var name)) _name = name; break;
                case "User": if (value.TryGetString(out var user)) _user = user; break;
                case "ContainerName": if (value.TryGetString(out var container)) _containerName = container; break;
                case "Restart": if (value.TryGetInt(out var restart)) _restart = restart; break;
                case "Command": if (value.TryGetStringArray(out var command)) _command = command; break;
                case "Entrypoint": if (value.TryGetStringArray(out var entrypoint)) _entrypoint = entrypoint; break;
            }
        }
        _serviceSites.Apply(sites);
    }

    private void ApplyRoute(AttributeValues attribute, AttributeSites sites)
    {
        if (CtorInt(attribute, 0, out var port))
        {
            _routePort = port;
            _hasRoute = true;
        }
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (!value.IsUsable) continue;
            switch (pair.Name)
            {
                case "Subdomain": if (value.TryGetString(out var subdomain)) _subdomain = subdomain; break;
                case "Access": if (value.TryGetInt(out var access)) _access = access; break;
                case "PathPrefixes": if (value.TryGetStringArray(out var prefixes)) _pathPrefixes = prefixes; break;
                case "AllowBypassOnAdmin": if (value.TryGetBool(out var allow)) _allowBypassOnAdmin = allow; break;
            }
        }
        _routeSites.Apply(sites);
    }

    private void ApplyDashboard(AttributeValues attribute, AttributeSites sites)
    {
        if (CtorString(attribute, 0, out var group))
        {
            _dashboardGroup = group;
            _hasDashboard = true;
        }
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (!value.IsUsable) continue;
            switch (pair.Name)
            {
                case "Name": if (value.TryGetString(out var name)) _dashboardName = name; break;
                case "Icon": if (value.TryGetString(out var icon)) _icon = icon; break;
                case "Description": if (value.TryGetString(out var description)) _description = description; break;
            }
        }
        _dashboardSites.Apply(sites);
    }

    private void ApplyWidget(AttributeValues attribute, AttributeSites sites)
    {
        if (CtorString(attribute, 0, out var type))
        {
            _widgetType = type;
            _hasWidget = true;
        }
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (!value.IsUsable) continue;
            switch (pair.Name)
            {
                case "Url": if (value.TryGetString(out var url)) _widgetUrl = url; break;
                case "ApiKeySecret": if (value.TryGetString(out var secret)) _widgetApiKeySecret = secret; break;
                case "Fields": if (value.TryGetStringArray(out var fields)) _widgetFields = fields; break;
            }
        }
        _widgetSites.Apply(sites);
    }

    private void ApplyHealthcheck(AttributeValues attribute, AttributeSites sites)
    {
        if (TryGetConstructorArgument(attribute, 0, out var test) && test.TryGetStringArray(out var commands))
        {
            _test = commands;
            _hasHealthcheck = true;
        }
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (!value.IsUsable) continue;
            switch (pair.Name)
            {
                case "Interval": if (value.TryGetString(out var interval)) _interval = interval; break;
                case "Timeout": if (value.TryGetString(out var timeout)) _timeout = timeout; break;
                case "StartPeriod": if (value.TryGetString(out var startPeriod)) _startPeriod = startPeriod; break;
                case "Retries": if (value.TryGetInt(out var retries)) _retries = retries; break;
            }
        }
        _healthcheckSites.Apply(sites);
    }

    private void ApplyResources(AttributeValues attribute, AttributeSites sites)
    {
        _hasResources = true;
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (pair.Name == "Pids" && value.TryGetInt(out var pids)) _pids = pids;
            if (!value.IsUsable || !value.TryGetString(out var text)) continue;
            switch (pair.Name)
            {
                case "Cpus": _cpus = text; break;
                case "Memory": _memory = text; break;
                case "CpusReservation": _cpusReservation = text; break;
                case "MemoryReservation": _memoryReservation = text; break;
            }
        }
        _resourcesSites.Apply(sites);
    }

    private void ApplyGpu(AttributeValues attribute, AttributeSites sites)
    {
        _hasGpu = true;
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (!value.IsUsable) continue;
            if (pair.Name == "Driver" && value.TryGetString(out var driver)) _gpuDriver = driver;
            else if (pair.Name == "Count" && value.TryGetInt(out var count)) _gpuCount = count;
        }
        _gpuSites.Apply(sites);
    }

    private void ApplyLazyStart(AttributeValues attribute, AttributeSites sites)
    {
        _hasLazyStart = true;
        foreach (var pair in attribute.Named)
        {
            var value = pair.Value;
            if (!value.IsUsable || !value.TryGetString(out var text)) continue;
            switch (pair.Name)
            {
                case "Group": _lazyGroup = text; break;
                case "SessionDuration": _sessionDuration = text; break;
                case "DisplayName": _displayName = text; break;
            }
        }
        _lazyStartSites.Apply(sites);
    }

    private static TypeRef? ReadTarget(AttributeValues attribute, bool generic)
    {
        if (generic) return attribute.TypeArgument;
        return TryGetConstructorArgument(attribute, 0, out var type) && type.Kind == ValueKind.Type ? type.Type : null;
    }

    private static bool TryGetConstructorArgument(AttributeValues attribute, int index, out ArgumentValue value)
    {
        var args = attribute.Constructor;
        if (!attribute.ConstructorBound || index >= args.Count || args[index].Kind == ValueKind.Error)
        {
            value = ArgumentValue.Error;
            return false;
        }
        value = args[index];
        return true;
    }

    private static bool CtorString(AttributeValues attribute, int index, out string? value)
    {
        value = null;
        return TryGetConstructorArgument(attribute, index, out var constant) && constant.TryGetString(out value);
    }

    private static bool CtorInt(AttributeValues attribute, int index, out int value)
    {
        value = 0;
        return TryGetConstructorArgument(attribute, index, out var constant) && constant.TryGetInt(out value);
    }

    /// <summary>A <c>[Variable(name, default)]</c>; null when its constructor did not bind.</summary>
    internal static VariableModel? ReadVariable(AttributeValues attribute, string declaringClass)
    {
        if (!CtorString(attribute, 0, out var name) || !CtorString(attribute, 1, out var value)) return null;
        string? description = null;
        foreach (var pair in attribute.Named)
            if (pair.Name == "Description" && pair.Value.IsUsable && pair.Value.TryGetString(out var d)) description = d;
        return new VariableModel(name, value, description, declaringClass);
    }

    internal static bool CtorIntOf(AttributeValues attribute, int index, out int value) => CtorInt(attribute, index, out value);

    internal static bool CtorStringOf(AttributeValues attribute, int index, out string? value) => CtorString(attribute, index, out value);

    /// <summary>Adds an entry; an entry with the same key from a base class is replaced in place, one from the same class is kept (and reported).</summary>
    private static void AddKeyed<T>(List<Keyed<T>> list, string? key, int level, T value, AttributeSites sites)
    {
        if (key is not null)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (list[i].Key == key && list[i].Level > level)
                {
                    list[i] = new Keyed<T>(key, level, value, sites);
                    return;
                }
            }
        }
        list.Add(new Keyed<T>(key, level, value, sites));
    }

    private static bool ContainsKeyAt<T>(List<Keyed<T>> list, string key, int level)
    {
        foreach (var entry in list)
            if (entry.Key == key && entry.Level == level) return true;
        return false;
    }

    private static bool ContainsKey<T>(List<Keyed<T>> list, string? key)
    {
        foreach (var entry in list)
            if (entry.Key == key) return true;
        return false;
    }

    /// <summary>The model of what has been applied so far; the builder can go on applying more levels afterwards.</summary>
    public ServiceModel Build(TypeShape shape)
    {
        var spec = BuildSpec(shape);
        var environmentSites = new List<AttributeSites>();
        var secretEnvironmentSites = new List<AttributeSites>();
        foreach (var entry in _environment) (entry.Value.IsSecret ? secretEnvironmentSites : environmentSites).Add(entry.Sites);
        var sites = new ServiceSites(
            _class,
            _serviceSites.Build(),
            _stackSites.Build(),
            _onServerSites.Build(),
            _hasRoute ? _routeSites.Build() : null,
            _hasDashboard ? _dashboardSites.Build() : null,
            Sites(_volumes),
            EquatableArray.From(environmentSites),
            EquatableArray.From(secretEnvironmentSites),
            Sites(_ports),
            Sites(_networks),
            Sites(_dependsOn),
            _hasHealthcheck ? _healthcheckSites.Build() : null,
            _resourcesSites.Build(),
            _gpuSites.Build(),
            _lazyStartSites.Build(),
            _egress is null ? null : _egressSites.Build(),
            Sites(_labels),
            Sites(_capAdd),
            Sites(_devices),
            _hasWidget ? _widgetSites.Build() : null,
            Sites(_variables),
            BuildHardeningSites());

        return new ServiceModel(spec, sites);
    }

    /// <summary>The spec alone (no sites): what a template's rebuilt spec needs (see <see cref="TemplateModel"/>).</summary>
    public ServiceSpecModel BuildSpec(TypeShape shape)
    {
        string name = _name ?? Naming.ToKebabCase(shape.ClassName);

        var environment = new List<EnvModel>();
        var secretEnvironment = new List<SecretEnvModel>();
        foreach (var entry in _environment)
        {
            if (entry.Value.Secret is { } secret) secretEnvironment.Add(secret);
            else environment.Add(new EnvModel(entry.Value.Name, entry.Value.Value));
        }

        return new ServiceSpecModel(
            shape,
            name,
            _stack,
            _image,
            _server,
            _command,
            _entrypoint,
            _user,
            _restart,
            _containerName,
            _hasRoute ? new RouteModel(_routePort, _subdomain, _access, _pathPrefixes, _allowBypassOnAdmin) : null,
            _hasDashboard ? new DashboardModel(_dashboardGroup, _dashboardName ?? shape.ClassName, _icon, _description) : null,
            Values(_volumes),
            EquatableArray.From(environment),
            EquatableArray.From(secretEnvironment),
            Values(_ports),
            Values(_networks),
            Values(_dependsOn),
            _hasHealthcheck ? new HealthcheckModel(_test, _interval, _timeout, _retries, _startPeriod) : null,
            _hasResources ? new ResourcesModel(_cpus, _memory, _cpusReservation, _memoryReservation, _pids) : null,
            _hasGpu ? new GpuModel(_gpuDriver, _gpuCount) : null,
            _hasLazyStart ? new LazyStartModel(_lazyGroup ?? _stack ?? name, _sessionDuration, _displayName) : null,
            _egress,
            Values(_labels),
            Values(_capAdd),
            Values(_devices),
            _isAdmin,
            _hasWidget ? new WidgetModel(_widgetType, _widgetUrl, _widgetApiKeySecret, _widgetFields) : null,
            Values(_variables),
            BuildHardening());

    }

    private static EquatableArray<T> Values<T>(List<Keyed<T>> list) where T : System.IEquatable<T>
    {
        if (list.Count == 0) return EquatableArray<T>.Empty;
        var values = new T[list.Count];
        for (int i = 0; i < values.Length; i++) values[i] = list[i].Value;
        return new EquatableArray<T>(values);
    }

    private static EquatableArray<AttributeSites> Sites<T>(List<Keyed<T>> list)
    {
        if (list.Count == 0) return EquatableArray<AttributeSites>.Empty;
        var sites = new AttributeSites[list.Count];
        for (int i = 0; i < sites.Length; i++) sites[i] = list[i].Sites;
        return new EquatableArray<AttributeSites>(sites);
    }

    private readonly struct Keyed<T>
    {
        public Keyed(string? key, int level, T value, AttributeSites sites)
        {
            Key = key;
            Level = level;
            Value = value;
            Sites = sites;
        }

        public string? Key { get; }
        public int Level { get; }
        public T Value { get; }
        public AttributeSites Sites { get; }
    }

    /// <summary>An <c>[Env]</c> or a <c>[SecretEnv]</c>: one list, so that a derived class's entry of either kind replaces its base's of the same name.</summary>
    private readonly struct EnvEntry
    {
        public EnvEntry(string? name, string? value)
        {
            Name = name;
            Value = value;
            Secret = null;
        }

        public EnvEntry(string? name, SecretEnvModel secret)
        {
            Name = name;
            Value = null;
            Secret = secret;
        }

        public bool IsSecret => Secret is not null;
        public string? Name { get; }
        public string? Value { get; }
        public SecretEnvModel? Secret { get; }
    }

    /// <summary>Sites of a single-valued attribute merged across the chain: each argument from the class that set it last.</summary>
    private sealed class SingleSites
    {
        private LocationInfo? _attribute;
        private List<ArgumentSite>? _arguments;

        public void Apply(AttributeSites sites)
        {
            _attribute = sites.Attribute;
            foreach (var argument in sites.Arguments)
            {
                _arguments ??= new List<ArgumentSite>();
                int index = -1;
                for (int i = 0; i < _arguments.Count && index < 0; i++)
                    if (_arguments[i].Name == argument.Name) index = i;
                if (index >= 0) _arguments[index] = argument;
                else _arguments.Add(argument);
            }
        }

        public AttributeSites? Build() =>
            _attribute is null ? null : new AttributeSites(_attribute, EquatableArray.From(_arguments));
    }
}
