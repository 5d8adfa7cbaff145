using System.Collections.Generic;
using EzHomelab.Generators.Model;

namespace EzHomelab.Generators.Extraction;

// The hardening attributes of a class chain: single-valued ones merge per argument (the most derived class that sets
// an argument wins, like [Route]); [SecurityOpt] accumulates base first, a derived entry with the same option
// replacing the base's (so a derived class can give it a reason).
internal sealed partial class ServiceBuilder
{
    // Allocated on the first hardening attribute: most services have none, and a cold run builds every service.
    private Hardening? _hardening;

    private void ApplyHardening(AttributeValues attribute, int level)
    {
        var h = _hardening ??= new Hardening();
        var sites = attribute.Sites;
        switch (attribute.Kind)
        {
            case AttributeKind.AllowNewPrivileges: h.AllowNewPrivileges.Apply(attribute); break;
            case AttributeKind.KeepCapabilities: h.KeepCapabilities.Apply(attribute); break;
            case AttributeKind.AllowDockerSocket: h.AllowDockerSocket.Apply(attribute); break;
            case AttributeKind.Privileged: h.Privileged.Apply(attribute); break;
            case AttributeKind.HostNamespaces:
                h.HasHostNamespaces = true;
                foreach (var pair in attribute.Named)
                {
                    var value = pair.Value;
                    if (!value.IsUsable) continue;
                    switch (pair.Name)
                    {
                        case "Network": if (value.TryGetBool(out var network)) h.HostNetwork = network; break;
                        case "Pid": if (value.TryGetBool(out var pid)) h.HostPid = pid; break;
                        case "Ipc": if (value.TryGetBool(out var ipc)) h.HostIpc = ipc; break;
                        case "Reason": if (value.TryGetString(out var reason)) h.HostNamespacesReason = reason; break;
                    }
                }
                h.HostNamespacesSites.Apply(sites);
                break;
            case AttributeKind.SecurityOpt:
                if (CtorString(attribute, 0, out var option))
                    AddKeyed(h.SecurityOptions, option, level, new SecurityOptModel(option, Reason(attribute)), sites);
                break;
            case AttributeKind.ReadOnlyRoot:
                h.HasReadOnlyRoot = true;
                foreach (var pair in attribute.Named)
                    if (pair.Name == "Tmpfs" && pair.Value.IsUsable && pair.Value.TryGetStringArray(out var tmpfs)) h.Tmpfs = tmpfs;
                h.ReadOnlyRootSites.Apply(sites);
                break;
            case AttributeKind.Logging:
                h.HasLogging = true;
                foreach (var pair in attribute.Named)
                {
                    var value = pair.Value;
                    if (!value.IsUsable) continue;
                    if (pair.Name == "MaxSize" && value.TryGetString(out var size)) h.LogMaxSize = size;
                    else if (pair.Name == "MaxFiles" && value.TryGetInt(out var files)) h.LogMaxFiles = files;
                }
                h.LoggingSites.Apply(sites);
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

    private HardeningModel? BuildHardening() => _hardening is not { } h ? null : new HardeningModel(
        h.AllowNewPrivileges.Model(),
        h.KeepCapabilities.Model(),
        h.AllowDockerSocket.Model(),
        h.Privileged.Model(),
        h.HasHostNamespaces ? new HostNamespacesModel(h.HostNetwork, h.HostPid, h.HostIpc, h.HostNamespacesReason) : null,
        Values(h.SecurityOptions),
        h.HasReadOnlyRoot ? new ReadOnlyRootModel(h.Tmpfs) : null,
        h.HasLogging ? new LoggingModel(h.LogMaxSize, h.LogMaxFiles) : null);

    private HardeningSites? BuildHardeningSites() => _hardening is not { } h ? null : new HardeningSites(
        h.AllowNewPrivileges.Sites(),
        h.KeepCapabilities.Sites(),
        h.AllowDockerSocket.Sites(),
        h.Privileged.Sites(),
        h.HasHostNamespaces ? h.HostNamespacesSites.Build() : null,
        Sites(h.SecurityOptions),
        h.HasReadOnlyRoot ? h.ReadOnlyRootSites.Build() : null,
        h.HasLogging ? h.LoggingSites.Build() : null);

    private sealed class Hardening
    {
        public readonly Exemption AllowNewPrivileges = new(), KeepCapabilities = new(), AllowDockerSocket = new(), Privileged = new();

        public bool HasHostNamespaces, HostNetwork, HostPid, HostIpc;
        public string? HostNamespacesReason;
        public readonly SingleSites HostNamespacesSites = new();

        public readonly List<Keyed<SecurityOptModel>> SecurityOptions = new();

        public bool HasReadOnlyRoot;
        public EquatableArray<string> Tmpfs;
        public readonly SingleSites ReadOnlyRootSites = new();

        public bool HasLogging;
        public string? LogMaxSize;
        public int LogMaxFiles;
        public readonly SingleSites LoggingSites = new();
    }

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
