using System;
using System.Collections.Generic;
using EzHomelab.Generators.Model;
using EzHomelab.Rules;

namespace EzHomelab.Generators.Validation;

// The hardening rules of one service (and of the lab's defaults): an exception to the baseline must name its reason
// (warnings, so that a lab that needs one still builds), a value Docker would refuse is an error, and an exception
// that changes nothing is a warning.
internal static partial class LabValidator
{
    private static void CheckResources(ResourcesModel resources, Func<string, LocationInfo> locate, string subject, List<DiagnosticInfo> diagnostics)
    {
        const string cpuRule = "CPU count (a positive number such as 0.5 or 2)";
        const string memoryRule = "memory size (digits with b, k, m or g, such as 512m or 2g)";
        if (resources.Cpus is not null && !ResourceQuantity.IsValidCpus(resources.Cpus))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidResource, locate("Cpus"), subject, "[Resources] Cpus", resources.Cpus, cpuRule));
        if (resources.CpusReservation is not null && !ResourceQuantity.IsValidCpus(resources.CpusReservation))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidResource, locate("CpusReservation"), subject, "[Resources] CpusReservation", resources.CpusReservation, cpuRule));
        if (resources.Memory is not null && !ResourceQuantity.IsValidMemory(resources.Memory))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidResource, locate("Memory"), subject, "[Resources] Memory", resources.Memory, memoryRule));
        if (resources.MemoryReservation is not null && !ResourceQuantity.IsValidMemory(resources.MemoryReservation))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidResource, locate("MemoryReservation"), subject, "[Resources] MemoryReservation", resources.MemoryReservation, memoryRule));
        if (resources.Pids < 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidResource, locate("Pids"), subject, "[Resources] Pids", Text(resources.Pids),
                "process count (a positive whole number; 0 takes the default)"));
    }

    private static void CheckLogging(LoggingModel logging, Func<string, LocationInfo> locate, string subject, List<DiagnosticInfo> diagnostics)
    {
        if (logging.MaxSize is not null && !ResourceQuantity.IsValidMemory(logging.MaxSize))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHardening, locate("MaxSize"), subject, "[Logging] MaxSize", logging.MaxSize,
                "a log size is digits with k, m or g, such as 10m"));
        if (logging.MaxFiles < 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, locate("MaxFiles"), subject, "[Logging] MaxFiles", Text(logging.MaxFiles), "1 or more; 0 takes the default"));
    }

    private static void ValidateHardening(ServiceModel service, List<DiagnosticInfo> diagnostics)
    {
        var s = service.Spec;
        var sites = service.Sites;
        var h = s.Hardening;
        var hs = sites.Hardening;
        string subject = Subject(s);

        // The socket is a [Volume] like any other; who may mount it is decided by the image.
        bool mountsSocket = false;
        for (int i = 0; i < s.Volumes.Count; i++)
        {
            var source = s.Volumes[i].Source;
            if (!DockerSocket.IsExposedBy(source)) continue;
            mountsSocket = true;
            if (DockerSocket.MayMount(s.Image) || Hardening.HasReason(h?.AllowDockerSocket?.Reason)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DockerSocketMounted, sites.Volumes[i].Locate("source"), subject, source!,
                h?.AllowDockerSocket is null ? "" : " (its [AllowDockerSocket] gives no Reason)"));
        }

        if (h is null || hs is null) return;

        if (h.Privileged is { } privileged && !Hardening.HasReason(privileged.Reason))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrivilegedWithoutReason, sites.Locate(hs.Privileged, "Reason"), subject));

        if (h.HostNamespaces is { } host)
        {
            var hostSites = hs.HostNamespaces;
            if (!host.Any)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedExemption, sites.Locate(hostSites, "Network"), subject, "HostNamespaces",
                    "it shares no namespace (set Network, Pid or Ipc to true)"));
            else if (!Hardening.HasReason(host.Reason))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HostNamespaceWithoutReason, sites.Locate(hostSites, "Reason"), subject,
                    HostNamespaceNames(host), HostNamespaceRisks(host)));
            if (host.Network) ValidateHostNetwork(service, diagnostics);
        }

        var options = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < h.SecurityOptions.Count; i++)
        {
            var option = h.SecurityOptions[i].Option ?? "";
            var location = hs.SecurityOptions[i].Locate("option");
            if (Hardening.IsNoNewPrivileges(option))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHardening, location, subject, "[SecurityOpt]", option,
                    "every service has no-new-privileges already; to leave it out use [AllowNewPrivileges(Reason = \"...\")]"));
            else if (!Hardening.IsValidSecurityOpt(option))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHardening, location, subject, "[SecurityOpt]", option,
                    "a security option is name:value or name=value without spaces, such as apparmor:my-profile"));
            else if (!options.Add(option))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, location, subject, "the security option", option));
            else if (Hardening.IsUnconfining(option) && !Hardening.HasReason(h.SecurityOptions[i].Reason))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnconfinedWithoutReason, location, subject, option, WhatIsTurnedOff(option)));
        }

        if (h.AllowNewPrivileges is { } allow && !Hardening.HasReason(allow.Reason))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExemptionWithoutReason, sites.Locate(hs.AllowNewPrivileges, "Reason"), subject, "AllowNewPrivileges",
                "lets its programs gain privileges (no no-new-privileges)"));
        if (h.KeepCapabilities is { } keep)
        {
            if (h.Privileged is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedExemption, sites.Locate(hs.KeepCapabilities, "Reason"), subject, "KeepCapabilities",
                    "a privileged container has every capability anyway"));
            else if (!Hardening.HasReason(keep.Reason))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExemptionWithoutReason, sites.Locate(hs.KeepCapabilities, "Reason"), subject, "KeepCapabilities",
                    "keeps Docker's default capabilities (no cap_drop: [ALL])"));
        }
        if (h.AllowDockerSocket is not null)
        {
            if (!mountsSocket)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedExemption, sites.Locate(hs.AllowDockerSocket, "Reason"), subject, "AllowDockerSocket",
                    "the service mounts no Docker socket"));
            else if (DockerSocket.MayMount(s.Image))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedExemption, sites.Locate(hs.AllowDockerSocket, "Reason"), subject, "AllowDockerSocket",
                    "its image (" + KnownImages.Repository(s.Image!) + ") may mount the socket without it"));
        }

        if (h.ReadOnlyRoot is { Tmpfs.IsDefault: false } readOnlyRoot)
        {
            var location = sites.Locate(hs.ReadOnlyRoot, "Tmpfs");
            var paths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in readOnlyRoot.Tmpfs)
            {
                if (!Hardening.IsValidTmpfs(entry))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHardening, location, subject, "[ReadOnlyRoot] Tmpfs entry", entry,
                        "a tmpfs mount is an absolute path, optionally with options, such as /tmp or /run:size=16m"));
                    continue;
                }
                var path = Hardening.TmpfsPath(entry).TrimEnd('/');
                if (!paths.Add(path))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, location, subject, "the tmpfs mount", path));
                foreach (var volume in s.Volumes)
                    if (volume.Target is not null && volume.Target.TrimEnd('/') == path)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHardening, location, subject, "[ReadOnlyRoot] Tmpfs entry", entry,
                            "'" + path + "' is also a [Volume] target, and a path takes one mount; keep one of them"));
            }
        }

        if (h.Logging is { } logging)
            CheckLogging(logging, argument => sites.Locate(hs.Logging, argument), subject, diagnostics);
    }

    /// <summary>A host-network service has no network stack of its own, so nothing that needs one.</summary>
    private static void ValidateHostNetwork(ServiceModel service, List<DiagnosticInfo> diagnostics)
    {
        var s = service.Spec;
        var sites = service.Sites;
        string subject = Subject(s);
        if (s.Ports.Count > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HostNetworkConflict, sites.Ports[0].Attribute, subject,
                "publish ports ([PublishPort] " + Text(s.Ports[0].HostPort) + ":" + Text(s.Ports[0].ContainerPort) + "): it listens on the host's ports directly"));
        if (s.Networks.Count > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HostNetworkConflict, sites.Networks[0].Attribute, subject, "join networks ([Network] '" + s.Networks[0].Name + "')"));
        if (s.Egress is not null && sites.Egress is { } egressSites)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HostNetworkConflict, egressSites.Attribute, subject,
                "also use another service's network stack ([Egress] '" + s.Egress.ServiceName + "')"));
        if (s.Route is not null && sites.Route is { } routeSites)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HostNetworkConflict, routeSites.Attribute, subject,
                "have a [Route]: Traefik reaches services over traefik-network; route to it with [ExternalHost] on the lab class"));
    }

    private static string HostNamespaceNames(HostNamespacesModel host)
    {
        var names = new List<string>(3);
        if (host.Network) names.Add("network");
        if (host.Pid) names.Add("PID");
        if (host.Ipc) names.Add("IPC");
        return (names.Count == 1 ? names[0] : string.Join(", ", names.GetRange(0, names.Count - 1)) + " and " + names[names.Count - 1])
            + (names.Count == 1 ? " namespace" : " namespaces");
    }

    private static string HostNamespaceRisks(HostNamespacesModel host)
    {
        var risks = new List<string>(3);
        if (host.Network) risks.Add("reach every port the host listens on, also those bound to localhost");
        if (host.Pid) risks.Add("see every process of the host and its command line");
        if (host.Ipc) risks.Add("read the shared memory of the host's processes");
        return string.Join(", ", risks);
    }

    private static string WhatIsTurnedOff(string option)
    {
        var name = option.Split(':', '=')[0].Trim().ToLowerInvariant();
        return name switch
        {
            "seccomp" => "the seccomp filter (the system calls Docker denies every container)",
            "apparmor" => "the AppArmor profile",
            "label" => "SELinux labelling",
            _ => "the masking of /proc and /sys paths",
        };
    }
}
