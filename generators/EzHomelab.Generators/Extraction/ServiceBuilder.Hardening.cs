using System.Collections.Generic;
using EzHomelab.Generators.Model;

namespace EzHomelab.Generators.Extraction;

// The hardening attributes of a class chain: single-valued ones merge per argument (the most derived class that sets
// an argument wins, like [Route]); [SecurityOpt] accumulates base first, a derived entry with the same option
// replacing the base's (so a derived class can give it a reason).
internal sealed partial class ServiceBuilder
{
    private bool _hasHardening;
    private readonly Exemption _allowNewPrivileges = new(), _keepCapabilities = new(), _allowDockerSocket = new(), _privileged = new();

    private bool _hasHostNamespaces, _hostNetwork, _hostPid, _hostIpc;
    private string? _hostNamespacesReason;
    private readonly SingleSites _hostNamespacesSites = new();

    private readonly List<Keyed<SecurityOptModel>> _securityOptions = new();

    private bool _hasReadOnlyRoot;
    private EquatableArray<string> _tmpfs;
    private readonly SingleSites _readOnlyRootSites = new();

    private bool _hasLogging;
    private string? _logMaxSize;
    private int _logMaxFiles;
    private readonly SingleSites _loggingSites = new();

    private void ApplyHardening(AttributeValues attribute, int level)
    {
        _hasHardening = true;
        var sites = attribute.Sites;
        switch (attribute.Kind)
        {
            case AttributeKind.AllowNewPrivileges: _allowNewPrivileges.Apply(attribute); break;
            case AttributeKind.KeepCapabilities: _keepCapabilities.Apply(attribute); break;
            case AttributeKind.AllowDockerSocket: _allowDockerSocket.Apply(attribute); break;
            case AttributeKind.Privileged: _privileged.Apply(attribute); break;
            case AttributeKind.HostNamespaces:
                _hasHostNamespaces = true;
                foreach (var pair in attribute.Named)
                {
                    var value = pair.Value;
                    if (!value.IsUsable) continue;
                    switch (pair.Name)
                    {
                        case "Network": if (value.TryGetBool(out var network)) _hostNetwork = network; break;
                        case "Pid": if (value.TryGetBool(out var pid)) _hostPid = pid; break;
                        case "Ipc": if (value.TryGetBool(out var ipc)) _hostIpc = ipc; break;
                        case "Reason": if (value.TryGetString(out var reason)) _hostNamespacesReason = reason; break;
                    }
                }
                _hostNamespacesSites.Apply(sites);
                break;
            case AttributeKind.SecurityOpt:
                if (CtorString(attribute, 0, out var option))
                    AddKeyed(_securityOptions, option, level, new SecurityOptModel(option, Reason(attribute)), sites);
                break;
            case AttributeKind.ReadOnlyRoot:
                _hasReadOnlyRoot = true;
                foreach (var pair in attribute.Named)
                    if (pair.Name == "Tmpfs" && pair.Value.IsUsable && pair.Value.TryGetStringArray(out var tmpfs)) _tmpfs = tmpfs;
                _readOnlyRootSites.Apply(sites);
                break;
            case AttributeKind.Logging:
                _hasLogging = true;
                foreach (var pair in attribute.Named)
                {
                    var value = pair.Value;
                    if (!value.IsUsable) continue;
                    if (pair.Name == "MaxSize" && value.TryGetString(out var size)) _logMaxSize = size;
                    else if (pair.Name == "MaxFiles" && value.TryGetInt(out var files)) _logMaxFiles = files;
                }
                _loggingSites.Apply(sites);
                break;
        }
    }

    /// <summary>The <c>Reason</c> an attribute gives, or null.</summary>
    private static string? Reason(AttributeValues attribute)
    {
        string? reason = null;
        foreach (var pair in attribute.Named)
            if (pair.Name == "Reason" && pair.Value.IsUsable && pair.Value.TryGetString(out var text)) reason = text;
        return reason;
    }

    private HardeningModel? BuildHardening() => !_hasHardening ? null : new HardeningModel(
        _allowNewPrivileges.Model(),
        _keepCapabilities.Model(),
        _allowDockerSocket.Model(),
        _privileged.Model(),
        _hasHostNamespaces ? new HostNamespacesModel(_hostNetwork, _hostPid, _hostIpc, _hostNamespacesReason) : null,
        Values(_securityOptions),
        _hasReadOnlyRoot ? new ReadOnlyRootModel(_tmpfs) : null,
        _hasLogging ? new LoggingModel(_logMaxSize, _logMaxFiles) : null);

    private HardeningSites? BuildHardeningSites() => !_hasHardening ? null : new HardeningSites(
        _allowNewPrivileges.Sites(),
        _keepCapabilities.Sites(),
        _allowDockerSocket.Sites(),
        _privileged.Sites(),
        _hasHostNamespaces ? _hostNamespacesSites.Build() : null,
        Sites(_securityOptions),
        _hasReadOnlyRoot ? _readOnlyRootSites.Build() : null,
        _hasLogging ? _loggingSites.Build() : null);

    /// <summary>A single-valued exception attribute (its only argument, <c>Reason</c>, from the most derived class that gives one).</summary>
    private sealed class Exemption
    {
        private bool _present;
        private string? _reason;
        private readonly SingleSites _sites = new();

        public void Apply(AttributeValues attribute)
        {
            _present = true;
            foreach (var pair in attribute.Named)
                if (pair.Name == "Reason" && pair.Value.IsUsable && pair.Value.TryGetString(out var reason)) _reason = reason;
            _sites.Apply(attribute.Sites);
        }

        public ExemptionModel? Model() => _present ? new ExemptionModel(_reason) : null;

        public AttributeSites? Sites() => _present ? _sites.Build() : null;
    }
}
