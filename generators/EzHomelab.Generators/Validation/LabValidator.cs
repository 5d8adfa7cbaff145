using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using EzHomelab.Generators.Model;
using EzHomelab.Rules;

namespace EzHomelab.Generators.Validation;

/// <summary>
/// Judges the whole lab at once: every service on its own, then the rules that span services (names, hostnames,
/// ports, references, cycles). A pure function of the models, so its result is cached like any other step.
/// Runs in O(n log n) in the number of services (sorts and hash lookups; cycle search is linear).
/// </summary>
internal static partial class LabValidator
{
    private const string DefaultServer = "core";

    /// <summary>Everything, in one call: the rules of each service, then those across the lab.</summary>
    public static EquatableArray<DiagnosticInfo> Validate(
        ImmutableArray<ServiceModel> serviceClasses,
        ImmutableArray<ServiceModel> stackOnlyClasses,
        ImmutableArray<LabModel> labClasses,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var service in serviceClasses) diagnostics.AddRange(ValidateService(service));
        foreach (var service in stackOnlyClasses) diagnostics.AddRange(ValidateService(service));
        diagnostics.AddRange(ValidateAcrossServices(serviceClasses.AddRange(stackOnlyClasses), labClasses, cancellationToken));
        return EquatableArray.From(diagnostics);
    }

    /// <summary>The rules that look at one service alone: cached per service by the pipeline.</summary>
    public static EquatableArray<DiagnosticInfo> ValidateService(ServiceModel service)
    {
        var diagnostics = new List<DiagnosticInfo>();
        ValidateService(service, diagnostics);
        return EquatableArray.From(diagnostics);
    }

    /// <summary>
    /// The service with only what the rules across services read (names, stack, server, hostname, host ports,
    /// references, lazy, has a healthcheck), so that editing anything else leaves the lab-wide step cached. Its locations
    /// are relative to the class's <see cref="ClassAnchor"/> (returned with it), so that moving the class does not
    /// change it either; <see cref="Anchored"/> puts the diagnostics back in their files.
    /// </summary>
    public static CrossCheckModel ForCrossChecks(ServiceModel service)
    {
        var s = service.Spec;
        var sites = service.Sites;
        // The admin-UI and login-portal rules need the lab's default access, so they run across services; they read
        // whether the service is a guarded admin UI, the Authelia or a Traefik (the image's repository stands for that),
        // its route's access, and for an admin UI the route's acknowledgement.
        bool admin = IsGuardedAdminUi(s);
        var role = KnownImages.RoleOf(s.Image);
        var spec = s with
        {
            Image = role is ImageRole.Authelia or ImageRole.Traefik ? KnownImages.Repository(s.Image!) : null,
            IsAdmin = admin,
            CapAdd = EquatableArray<string>.Empty,
            Devices = Referencing(s.Devices, sites.Devices, static d => d.HostPath, paths: true, out var deviceSites),
            Widget = null,
            Command = default,
            Entrypoint = default,
            User = null,
            Restart = 0,
            ContainerName = null,
            Route = s.Route is { } route
                ? route with { Port = 0, PathPrefixes = default, AllowBypassOnAdmin = admin && route.AllowBypassOnAdmin }
                : null,
            Dashboard = null,
            // The lab variables are the lab's: their declarations and every value that references one are checked across services.
            Volumes = Referencing(s.Volumes, sites.Volumes, static v => v.Source, paths: true, out var volumeSites),
            Environment = Referencing(s.Environment, sites.Environment, static e => e.Value, paths: false, out var environmentSites),
            SecretEnvironment = EquatableArray<SecretEnvModel>.Empty,
            // Kept for EZH0057 (the services of a stack agree whether a network is internal); rarely edited.
            Healthcheck = s.Healthcheck is null ? null : PresentHealthcheck,
            Resources = null,
            Gpu = null,
            LazyStart = s.LazyStart is null ? null : PresentLazyStart,
            Labels = EquatableArray<LabelModel>.Empty,
            Hardening = null,
        };
        var reducedSites = sites with
        {
            // Of [Service], only where an explicit Name was written (a duplicate name is reported there, else at the class):
            // the attribute's own span grows with every edit of its image.
            Service = sites.Service is { } serviceSites && HasArgument(serviceSites, "Name")
                ? new AttributeSites(sites.Class, EquatableArray.From(new List<ArgumentSite> { new("Name", serviceSites.Locate("Name")) }))
                : null,
            Dashboard = null,
            Volumes = volumeSites,
            Environment = environmentSites,
            SecretEnvironment = EquatableArray<AttributeSites>.Empty,
            Healthcheck = null,
            Resources = null,
            Gpu = null,
            LazyStart = null,
            Labels = EquatableArray<AttributeSites>.Empty,
            CapAdd = EquatableArray<AttributeSites>.Empty,
            Devices = deviceSites,
            Widget = null,
            Hardening = null,
        };
        var anchor = ClassAnchor.For(reducedSites.Class.FilePath + "#" + s.Type.FullyQualifiedName, reducedSites.Class.FilePath, reducedSites.Locations());
        return new CrossCheckModel(new ServiceModel(spec, anchor is null ? reducedSites : reducedSites.Map(anchor.Relative)), anchor);
    }

    /// <summary>
    /// The diagnostics of <see cref="ValidateAcrossServices"/> with each location back in its file: a relative one is made
    /// absolute with the anchor it names. Usually there are no diagnostics, and nothing is looked up.
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Anchored(EquatableArray<DiagnosticInfo> diagnostics, EquatableArray<ClassAnchor> anchors)
    {
        Dictionary<string, ClassAnchor>? byKey = null;
        List<DiagnosticInfo>? placed = null;
        for (int i = 0; i < diagnostics.Count; i++)
        {
            var diagnostic = diagnostics[i];
            if (diagnostic.Location?.Anchor is { } key)
            {
                if (byKey is null)
                {
                    byKey = new Dictionary<string, ClassAnchor>(StringComparer.Ordinal);
                    foreach (var anchor in anchors) byKey[anchor.Key] = anchor;
                }
                // Every relative location names an anchor of the same run; without it the class's file is still right.
                diagnostic = diagnostic with { Location = byKey.TryGetValue(key, out var found) ? found.Absolute(diagnostic.Location) : diagnostic.Location with { Anchor = null } };
            }
            (placed ??= new List<DiagnosticInfo>(diagnostics.Count)).Add(diagnostic);
        }
        return placed is null ? diagnostics : EquatableArray.From(placed);
    }

    /// <summary>
    /// The entries (and their sites) whose value the rules across the lab read: a path with any variable (its expansion is
    /// judged), another value only with a declared one (the built-in <c>${TZ}</c> of every LinuxServer image needs no
    /// declaration). Usually none.
    /// </summary>
    private static EquatableArray<T> Referencing<T>(EquatableArray<T> items, EquatableArray<AttributeSites> sites, Func<T, string?> value, bool paths, out EquatableArray<AttributeSites> keptSites)
        where T : IEquatable<T>
    {
        List<T>? kept = null;
        List<AttributeSites>? keptSiteList = null;
        for (int i = 0; i < items.Count; i++)
        {
            var text = value(items[i]);
            if (!LabVariableRules.HasReference(text) || (!paths && !ReferencesDeclaredName(text!))) continue;
            (kept ??= new List<T>()).Add(items[i]);
            (keptSiteList ??= new List<AttributeSites>()).Add(sites[i]);
        }
        keptSites = EquatableArray.From(keptSiteList);
        return EquatableArray.From(kept);
    }

    private static readonly HealthcheckModel PresentHealthcheck = new(EquatableArray<string>.Empty, null, null, 0, null);
    private static readonly LazyStartModel PresentLazyStart = new("", null, null);

    /// <summary>The lab classes and the rules across services (on <see cref="ForCrossChecks"/> models).</summary>
    public static EquatableArray<DiagnosticInfo> ValidateAcrossServices(
        ImmutableArray<ServiceModel> serviceModels,
        ImmutableArray<LabModel> labClasses,
        CancellationToken cancellationToken)
    {
        var services = new List<ServiceModel>(serviceModels);
        services.Sort(CompareServices);
        var labs = new List<LabModel>(labClasses);
        labs.Sort(static (a, b) => string.CompareOrdinal(a.Spec.Type.DisplayName, b.Spec.Type.DisplayName));

        var diagnostics = new List<DiagnosticInfo>();
        var servers = ValidateLabs(labs, diagnostics);
        if (labs.Count == 0 && services.Count > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLab, services[0].Sites.Class, Subject(services[0].Spec)));

        foreach (var service in services)
        {
            var s = service.Spec;
            if (s.Server is not null && servers is not null && !servers.Contains(s.Server))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownServer, service.Sites.Locate(service.Sites.OnServer, "server"), Subject(s), s.Server, servers.Listing));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var byClass = ByClass(services, out var sharedTemplates);

        ValidateUniqueness(services, servers, diagnostics);
        ValidateExternalHostnames(services, labs, diagnostics);
        ValidateAdminRoutes(services, labs.Count > 0 ? labs[0].Spec.DefaultAccess : AccessTwoFactor, diagnostics);
        if (labs.Count > 0) ValidateLoginPortal(services, labs[0], servers, diagnostics);
        ValidateReferences(services, byClass, sharedTemplates, servers, diagnostics);
        ValidateVariables(services, labs.Count > 0 ? labs[0] : null, diagnostics);
        ValidateInternalNetworks(services, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();
        DependencyCycles.Report(services, byClass, diagnostics);

        return diagnostics.Count == 0 ? EquatableArray<DiagnosticInfo>.Empty : new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
    }

    private static int CompareServices(ServiceModel a, ServiceModel b)
    {
        int c = string.CompareOrdinal(a.Spec.Stack ?? "", b.Spec.Stack ?? "");
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Spec.Name, b.Spec.Name);
        return c != 0 ? c : string.CompareOrdinal(a.Spec.Type.FullyQualifiedName, b.Spec.Type.FullyQualifiedName);
    }

    /// <summary>How messages name the service they are about: <c>Service 'jellyfin' (Ns.Jellyfin)</c>.</summary>
    internal static string Subject(ServiceSpecModel service) => "Service '" + service.Name + "' (" + service.Type.DisplayName + ")";

    /// <summary>How messages name another service: <c>service 'gluetun' (Ns.Gluetun)</c>.</summary>
    internal static string Named(ServiceSpecModel service) => "service '" + service.Name + "' (" + service.Type.DisplayName + ")";

    /// <summary>Checks the lab classes; returns the server names of the lab (null when there is no lab to check against).</summary>
    private static LabServers? ValidateLabs(List<LabModel> labs, List<DiagnosticInfo> diagnostics)
    {
        if (labs.Count == 0) return null;
        if (labs.Count > 1)
        {
            var names = new List<string>(labs.Count);
            foreach (var lab in labs) names.Add(lab.Spec.Type.DisplayName);
            string all = string.Join(", ", names);
            for (int i = 1; i < labs.Count; i++)
            {
                var lab = labs[i];
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleLabs, lab.Sites.Class, lab.Spec.Type.DisplayName, all));
            }
        }

        foreach (var lab in labs)
        {
            var spec = lab.Spec;
            var sites = lab.Sites;
            string subject = "Lab class " + spec.Type.DisplayName;
            if (spec.Type.NotPartial is { } notPartial)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, sites.Class, subject, notPartial));
            if (spec.Type.Unsupported is { } reason)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, sites.Class, subject, spec.Type.DisplayName, reason));
            if (spec.IsAlsoService)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LabIsService, sites.Class, spec.Type.DisplayName));
            if (spec.Domain is not null && !DnsName.IsValidDomain(spec.Domain))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabValue, sites.Homelab.Locate("Domain"), spec.Type.DisplayName, "[Homelab] Domain", spec.Domain, "domain (lower-case DNS name such as example.org)"));
            if (spec.Email is not null && !LabSetting.IsValidEmail(spec.Email))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabValue, sites.Homelab.Locate("Email"), spec.Type.DisplayName, "[Homelab] Email", spec.Email, "e-mail address"));
            if (spec.Timezone is not null && !LabSetting.IsValidTimezone(spec.Timezone))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabValue, sites.Homelab.Locate("Timezone"), spec.Type.DisplayName, "[Homelab] Timezone", spec.Timezone, LabSetting.ExpectedTimezone));
            if (spec.Puid < 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, sites.Homelab.Locate("Puid"), subject, "[Homelab] Puid", Text(spec.Puid), "0 or more"));
            if (spec.Pgid < 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, sites.Homelab.Locate("Pgid"), subject, "[Homelab] Pgid", Text(spec.Pgid), "0 or more"));

            if (!spec.LanNetworks.IsDefault)
            {
                // An empty list would make Authelia's LAN-only rules match every network.
                if (spec.LanNetworks.Count == 0)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabValue, sites.Homelab.Locate("LanNetworks"), spec.Type.DisplayName, "[Homelab] LanNetworks", "", "list of networks (it must not be empty)"));
                foreach (var network in spec.LanNetworks)
                    if (!LanNetwork.IsValid(network))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabValue, sites.Homelab.Locate("LanNetworks"), spec.Type.DisplayName, "[Homelab] LanNetworks entry", network ?? "", LanNetwork.Expected));
            }

            if (spec.DefaultResources is { } defaultResources)
                CheckResources(defaultResources, argument => sites.Resources?.Locate(argument) ?? sites.Class, subject, diagnostics);
            if (spec.DefaultLogging is { } defaultLogging)
                CheckLogging(defaultLogging, argument => sites.Logging?.Locate(argument) ?? sites.Class, subject, diagnostics);

            if (spec.Smtp is { } smtp && sites.Smtp is { } smtpSites)
            {
                if (!DnsName.IsValidDomain(smtp.Host))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabValue, smtpSites.Locate("host"), spec.Type.DisplayName, "[Smtp] host", smtp.Host ?? "", "host name (lower-case DNS name such as smtp.example.org)"));
                if (smtp.Port is < 1 or > 65535)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, smtpSites.Locate("port"), subject, "[Smtp] port", Text(smtp.Port), "1-65535"));
                if (!LabSetting.IsValidEmail(smtp.Sender))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabValue, smtpSites.Locate("sender"), spec.Type.DisplayName, "[Smtp] sender", smtp.Sender ?? "", "e-mail address"));
                if (string.IsNullOrWhiteSpace(smtp.Username))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLabValue, smtpSites.Locate("username"), spec.Type.DisplayName, "[Smtp] username", smtp.Username ?? "", "user name (not empty)"));
            }

            for (int i = 0; i < spec.ExternalHosts.Count; i++)
            {
                var external = spec.ExternalHosts[i];
                var externalSites = sites.ExternalHosts[i];
                if (!DnsName.IsValidLabel(external.Subdomain))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, externalSites.Locate("subdomain"), subject, "[ExternalHost] subdomain", external.Subdomain ?? "", "subdomain"));
                if (!ExternalUrl.IsValid(external.Url))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidExternalUrl, externalSites.Locate("url"), spec.Type.DisplayName, external.Subdomain ?? "", external.Url ?? ""));
            }

            var declaredHere = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < spec.Variables.Count; i++)
                CheckDeclaration(spec.Variables[i], sites.Variables[i], subject, declaredHere, diagnostics);

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < spec.Servers.Count; i++)
            {
                var server = spec.Servers[i];
                var location = sites.Servers[i].Locate("name");
                if (!DnsName.IsValidLabel(server.Name))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, location, subject, "[Server] name", server.Name ?? "", "server"));
                else if (!seen.Add(server.Name!))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateServer, location, spec.Type.DisplayName, server.Name!));
            }
        }

        var first = labs[0].Spec;
        var names2 = new List<string>();
        foreach (var server in first.Servers)
            if (server.Name is not null) names2.Add(server.Name);
        if (names2.Count == 0) names2.Add(DefaultServer);
        return new LabServers(names2);
    }

    private sealed class LabServers
    {
        private readonly HashSet<string> _names;

        public LabServers(List<string> names)
        {
            Core = names[0];
            _names = new HashSet<string>(names, StringComparer.Ordinal);
            Listing = string.Join(", ", names);
        }

        public string Core { get; }
        public string Listing { get; }
        public bool Contains(string name) => _names.Contains(name);
    }

    private static string ServerOf(ServiceSpecModel service, LabServers? servers) => service.Server ?? servers?.Core ?? DefaultServer;

    private static void ValidateService(ServiceModel service, List<DiagnosticInfo> diagnostics)
    {
        var s = service.Spec;
        var sites = service.Sites;
        string subject = Subject(s);

        if (s.Type.NotPartial is { } notPartial)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, sites.Class, subject, notPartial));
        if (s.Type.Unsupported is { } reason)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, sites.Class, subject, s.Type.DisplayName, reason));
        if (s.Type.Unreachable is { } hidden)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreachableService, sites.Class, subject, s.Type.DisplayName, hidden));

        if (!DnsName.IsValidLabel(s.Name))
        {
            bool explicitName = sites.Service is { } serviceSites && HasArgument(serviceSites, "Name");
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, sites.Locate(sites.Service, "Name"), subject,
                explicitName ? "[Service] Name" : "the service name taken from class '" + s.Type.ClassName + "'", s.Name, "service"));
        }

        if (s.Stack is null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoStack, sites.Service?.Attribute ?? sites.Class, subject));
        else if (!DnsName.IsValidLabel(s.Stack))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, sites.Locate(sites.Stack, "name"), subject, "[Stack] name", s.Stack, "stack"));

        if (s.Image is null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoImage, sites.Service?.Attribute ?? sites.Class, subject));
        else
        {
            var imageLocation = sites.Locate(sites.Service, "Image");
            switch (ImageReference.Check(s.Image))
            {
                case ImageReference.Verdict.Malformed:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedImage, imageLocation, subject, s.Image));
                    break;
                case ImageReference.Verdict.NoTag:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImageWithoutTag, imageLocation, subject, s.Image));
                    break;
                case ImageReference.Verdict.LatestTag:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImageLatestTag, imageLocation, subject, s.Image));
                    break;
            }
        }

        if (s.IsLazy && (s.Restart == RestartAlways || s.Restart == RestartUnlessStopped))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LazyServiceRestarts, sites.Locate(sites.Service, "Restart"), subject, s.Restart == RestartAlways ? "Always" : "UnlessStopped"));

        if (s.Route is { } route)
        {
            if (!IsPort(route.Port))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PortOutOfRange, sites.Locate(sites.Route, "port"), subject, "[Route] port", Text(route.Port)));
            if (route.Subdomain is not null && !DnsName.IsValidLabel(route.Subdomain))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, sites.Locate(sites.Route, "Subdomain"), subject, "[Route] Subdomain", route.Subdomain, "subdomain"));
        }

        for (int i = 0; i < s.CapAdd.Count; i++)
            if (!ContainerPrivileges.IsValidCapability(s.CapAdd[i]))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPrivilege, sites.CapAdd[i].Locate("capability"), subject, "[CapAdd]", s.CapAdd[i],
                    "a capability is upper-case letters, digits and '_', such as NET_ADMIN"));
        for (int i = 0; i < s.Devices.Count; i++)
        {
            var device = s.Devices[i];
            var deviceSites = sites.Devices[i];
            const string pathRule = "a device path is absolute, without ':' or spaces, such as /dev/net/tun";
            // A host path with a lab variable has a path's shape whatever its value; the value is judged across the lab.
            if (LabVariableRules.HasReference(device.HostPath))
            {
                if (LabVariableRules.PathShapeProblem(device.HostPath, device: true) is not null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPrivilege, deviceSites.Locate("hostPath"), subject, "[Device] host path", device.HostPath!,
                        "a device path that uses a variable starts with the variable or '/', without ':' or spaces, such as ${GPU_DEVICE}"));
            }
            else if (!ContainerPrivileges.IsValidDevicePath(device.HostPath))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPrivilege, deviceSites.Locate("hostPath"), subject, "[Device] host path", device.HostPath ?? "", pathRule));
            CheckReferences(device.HostPath, "[Device] host path", deviceSites.Locate("hostPath"), subject, diagnostics);
            if (device.ContainerPath is not null && !ContainerPrivileges.IsValidDevicePath(device.ContainerPath))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPrivilege, deviceSites.Locate("ContainerPath"), subject, "[Device] ContainerPath", device.ContainerPath, pathRule));
            if (device.Permissions is not null && !ContainerPrivileges.IsValidDevicePermissions(device.Permissions))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPrivilege, deviceSites.Locate("Permissions"), subject, "[Device] Permissions", device.Permissions,
                    "permissions are a subset of 'rwm', each letter once"));
        }

        var mountTargets = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < s.Volumes.Count; i++)
        {
            var volume = s.Volumes[i];
            var volumeSites = sites.Volumes[i];
            // A source with a lab variable must be a host path ('${MEDIA_DIR}/movies'); compose has no named volume of a variable name.
            bool validSource = LabVariableRules.HasReference(volume.Source)
                ? LabVariableRules.PathShapeProblem(volume.Source, device: false) is null
                : IsVolumeSource(volume.Source);
            if (!validSource)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidVolumeSource, volumeSites.Locate("source"), subject, volume.Source ?? ""));
            CheckReferences(volume.Source, "[Volume] source", volumeSites.Locate("source"), subject, diagnostics);
            if (!ContainerPath.IsAbsolute(volume.Target))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RelativeContainerPath, volumeSites.Locate("target"), subject, volume.Target ?? ""));
            else if (!mountTargets.Add(volume.Target!))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, volumeSites.Locate("target"), subject, "the mount target", volume.Target!));
        }

        var variables = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < s.Environment.Count; i++)
        {
            var env = s.Environment[i];
            var envSites = sites.Environment[i];
            CheckReferences(env.Value, "[Env] value", envSites.Locate("value"), subject, diagnostics);
            if (!Naming.IsValidEnvName(env.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEnvironmentName, envSites.Locate("name"), subject, "[Env] name", env.Name ?? ""));
                continue;
            }
            if (!variables.Add(env.Name!))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, envSites.Locate("name"), subject, "the environment variable", env.Name!));
            if (IsLiteralSecret(env.Name!, env.Value))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LiteralSecret, envSites.Locate("value"), subject, env.Name!));
        }

        var declaredHere = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < s.Variables.Count; i++)
            CheckDeclaration(s.Variables[i], sites.Variables[i], subject, declaredHere, diagnostics);
        for (int i = 0; i < s.SecretEnvironment.Count; i++)
        {
            var env = s.SecretEnvironment[i];
            var envSites = sites.SecretEnvironment[i];
            if (!Naming.IsValidEnvName(env.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEnvironmentName, envSites.Locate("name"), subject, "[SecretEnv] name", env.Name ?? ""));
            else if (!variables.Add(env.Name!))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, envSites.Locate("name"), subject, "the environment variable", env.Name!));
            if (env.FileVariable is { } fileVariable)
            {
                if (env.Form == FileUriForm)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileVariableWithFileUri, envSites.Locate("FileVariable"), subject, env.Name ?? "", fileVariable));
                else if (!Naming.IsValidEnvName(fileVariable))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEnvironmentName, envSites.Locate("FileVariable"), subject, "[SecretEnv] FileVariable", fileVariable));
                // The container gets this variable: it must not be one the class sets otherwise (its own name is fine: Homepage's form).
                else if (fileVariable != env.Name && !variables.Add(fileVariable))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, envSites.Locate("FileVariable"), subject, "the environment variable", fileVariable));
            }
            if (!Naming.IsValidSecretName(env.Secret))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSecretName, envSites.Locate("secret"), subject, "[SecretEnv]", env.Secret ?? ""));
        }

        if (s.Widget is { } widget && sites.Widget is { } widgetSites)
        {
            if (!HomepageWidget.IsValidType(widget.Type))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWidget, widgetSites.Locate("type"), subject, "type", widget.Type ?? "",
                    "a widget type is Homepage's lower-case name for it, such as sonarr"));
            if (widget.Url is not null && !ExternalUrl.IsValid(widget.Url))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWidget, widgetSites.Locate("Url"), subject, "Url", widget.Url,
                    "the URL Homepage queries is an absolute http:// or https:// URL, such as http://sonarr:8989"));
            if (widget.ApiKeySecret is not null && !Naming.IsValidSecretName(widget.ApiKeySecret))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSecretName, widgetSites.Locate("ApiKeySecret"), subject, "[Widget] ApiKeySecret", widget.ApiKeySecret));
        }

        for (int i = 0; i < s.Ports.Count; i++)
        {
            var port = s.Ports[i];
            if (!IsPort(port.HostPort))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PortOutOfRange, sites.Ports[i].Locate("hostPort"), subject, "[PublishPort] hostPort", Text(port.HostPort)));
            if (!IsPort(port.ContainerPort))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PortOutOfRange, sites.Ports[i].Locate("containerPort"), subject, "[PublishPort] containerPort", Text(port.ContainerPort)));
        }

        for (int i = 0; i < s.Networks.Count; i++)
        {
            var network = s.Networks[i];
            if (!DockerName.IsValid(network.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDockerName, sites.Networks[i].Locate("name"), subject, "[Network] name", network.Name, "network name (a letter or digit, then letters, digits, '_', '.' or '-')"));
            else if (network.Internal && LabNetworks.IsLabWide(network.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalNetworkConflict, sites.Networks[i].Locate("Internal"), subject, network.Name,
                    "it is a lab-wide network, created outside the stack with a route out"));
        }

        var labelKeys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < s.Labels.Count; i++)
        {
            var label = s.Labels[i];
            if (!IsLabelKey(label.Key))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDockerName, sites.Labels[i].Locate("key"), subject, "[Label] key", label.Key ?? "", "label key (not empty, no spaces)"));
            else if (!labelKeys.Add(label.Key!))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, sites.Labels[i].Locate("key"), subject, "the label", label.Key!));
        }

        var dependencies = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < s.DependsOn.Count; i++)
            if (!dependencies.Add(s.DependsOn[i].Target.FullyQualifiedName))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, TargetLocation(sites.DependsOn[i]), subject, "a dependency on", s.DependsOn[i].Target.DisplayName));

        if (s.Healthcheck is { } healthcheck)
        {
            var healthSites = sites.Healthcheck;
            if (healthcheck.Test.Count == 0 || AllEmpty(healthcheck.Test))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyHealthcheck, sites.Locate(healthSites, "test"), subject));
            CheckDuration(healthcheck.Interval, "[Healthcheck] Interval", sites.Locate(healthSites, "Interval"), subject, diagnostics);
            CheckDuration(healthcheck.Timeout, "[Healthcheck] Timeout", sites.Locate(healthSites, "Timeout"), subject, diagnostics);
            CheckDuration(healthcheck.StartPeriod, "[Healthcheck] StartPeriod", sites.Locate(healthSites, "StartPeriod"), subject, diagnostics);
            if (healthcheck.Retries < 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, sites.Locate(healthSites, "Retries"), subject, "[Healthcheck] Retries", Text(healthcheck.Retries), "0 or more"));
        }

        if (s.Resources is { } resources)
            CheckResources(resources, argument => sites.Locate(sites.Resources, argument), subject, diagnostics);

        ValidateHardening(service, diagnostics);

        if (s.Gpu is { Count: < 0 } gpu)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueOutOfRange, sites.Locate(sites.Gpu, "Count"), subject, "[Gpu] Count", Text(gpu.Count), "0 for all GPUs, or how many"));

        if (s.LazyStart is { } lazy)
            CheckDuration(lazy.SessionDuration, "[LazyStart] SessionDuration", sites.Locate(sites.LazyStart, "SessionDuration"), subject, diagnostics);

        if (s.Egress is { } egress)
        {
            if (s.Ports.Count > 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EgressConflict, sites.Ports[0].Attribute, subject, egress.ServiceName,
                    "publish ports ([PublishPort] " + Text(s.Ports[0].HostPort) + ":" + Text(s.Ports[0].ContainerPort) + ")"));
            if (s.Networks.Count > 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EgressConflict, sites.Networks[0].Attribute, subject, egress.ServiceName,
                    "join networks ([Network] '" + s.Networks[0].Name + "')"));
            for (int i = 0; i < s.Labels.Count; i++)
            {
                var key = s.Labels[i].Key;
                if (key is not null && key.StartsWith("traefik.", StringComparison.OrdinalIgnoreCase))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EgressConflict, sites.Labels[i].Attribute, subject, egress.ServiceName,
                        "carry Traefik labels ([Label] '" + key + "')"));
                    break;
                }
            }
        }
    }

    /// <summary>Names, hostnames and host ports that must be unique across the lab (ports: per server).</summary>
    private static void ValidateUniqueness(List<ServiceModel> services, LabServers? servers, List<DiagnosticInfo> diagnostics)
    {
        var names = new Groups();
        var hostnames = new Groups();
        var ports = new Dictionary<PortKey, List<PublishedPort>>();
        foreach (var service in services)
        {
            var s = service.Spec;
            names.Add(s.Name, service);
            if (s.Route is { } route) hostnames.Add(route.EffectiveSubdomain(s.Name), service);

            string server = ServerOf(s, servers);
            for (int i = 0; i < s.Ports.Count; i++)
            {
                var port = s.Ports[i];
                var key = new PortKey(server, port.HostPort, port.Protocol);
                if (!ports.TryGetValue(key, out var published))
                {
                    published = new List<PublishedPort>(1);
                    ports.Add(key, published);
                }
                foreach (var other in published)
                {
                    if (!AddressesOverlap(other.HostIp, port.HostIp)) continue;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PortPublishedTwice, service.Sites.Ports[i].Locate("hostPort"), Subject(s),
                        Text(port.HostPort) + "/" + (port.Protocol == 1 ? "udp" : "tcp"), server, Named(other.Service.Spec)));
                    break;
                }
                published.Add(new PublishedPort(service, port.HostIp));
            }
        }

        // The service that took a name by default keeps it; the ones that asked for it explicitly are reported there.
        foreach (var group in names.Duplicates())
        {
            var owner = FirstWhere(group, static m => m.Sites.Service is not { } sites || !HasArgument(sites, "Name"));
            foreach (var service in group)
                if (!ReferenceEquals(service, owner))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateServiceName, service.Sites.Locate(service.Sites.Service, "Name"), Subject(service.Spec), "class " + owner.Spec.Type.DisplayName));
        }
        foreach (var group in hostnames.Duplicates())
        {
            var owner = FirstWhere(group, static m => m.Spec.Route!.Subdomain is null);
            foreach (var service in group)
                if (!ReferenceEquals(service, owner))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateHostname, service.Sites.Locate(service.Sites.Route, "Subdomain"), Subject(service.Spec),
                        "[Route]", service.Spec.Route!.EffectiveSubdomain(service.Spec.Name), Named(owner.Spec)));
        }
    }

    /// <summary>An <c>[ExternalHost]</c> takes a hostname no service route and no earlier external host has (service routes keep theirs).</summary>
    private static void ValidateExternalHostnames(List<ServiceModel> services, List<LabModel> labs, List<DiagnosticInfo> diagnostics)
    {
        if (labs.Count == 0 || labs[0].Spec.ExternalHosts.Count == 0) return;
        var lab = labs[0];
        var routed = new Dictionary<string, ServiceModel>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (service.Spec.Route is not { } route) continue;
            var subdomain = route.EffectiveSubdomain(service.Spec.Name);
            if (!routed.ContainsKey(subdomain)) routed.Add(subdomain, service);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < lab.Spec.ExternalHosts.Count; i++)
        {
            var subdomain = lab.Spec.ExternalHosts[i].Subdomain;
            // An invalid subdomain is already reported as such.
            if (!DnsName.IsValidLabel(subdomain)) continue;
            string? owner = routed.TryGetValue(subdomain!, out var service) ? Named(service.Spec)
                : !seen.Add(subdomain!) ? "another [ExternalHost] of the lab" : null;
            if (owner is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateHostname, lab.Sites.ExternalHosts[i].Locate("subdomain"),
                    "Lab class " + lab.Spec.Type.DisplayName, "[ExternalHost]", subdomain!, owner));
        }
    }

    /// <summary>
    /// The compile-time twin of the runtime's <c>LabRoutes.AdminBypassViolations</c>: a route whose effective access is bypass
    /// (its own, or the lab default for <c>Access.Default</c>) must not lead to an admin UI unless it says <c>AllowBypassOnAdmin</c>.
    /// </summary>
    private static void ValidateAdminRoutes(List<ServiceModel> services, int labDefaultAccess, List<DiagnosticInfo> diagnostics)
    {
        foreach (var service in services)
        {
            var s = service.Spec;
            if (s.Route is not { } route || !IsGuardedAdminUi(s)) continue;
            // LAN-only is a bypass from the LAN: a device there is not trusted with an admin UI either.
            int effective = route.Access == AccessDefault ? labDefaultAccess : route.Access;
            bool effectiveBypass = effective is AccessBypass or AccessLanOnly;
            if (AdminUi.RefusesBypass(true, s.Image, effectiveBypass, route.AllowBypassOnAdmin))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AdminWithoutLogin, service.Sites.Locate(service.Sites.Route, "Access"),
                    AdminUi.BypassMessage(s.Name, s.Type.DisplayName, route.EffectiveSubdomain(s.Name))));
        }
    }

    /// <summary>
    /// The compile-time twin of the runtime's <c>LabRoutes.RoutesWithoutPortal</c>: in a lab without an Authelia service,
    /// every route that would go through the login portal (service routes, the Traefik dashboards, external hosts) is a warning.
    /// </summary>
    private static void ValidateLoginPortal(List<ServiceModel> services, LabModel lab, LabServers? servers, List<DiagnosticInfo> diagnostics)
    {
        foreach (var service in services)
            if (KnownImages.RoleOf(service.Spec.Image) == ImageRole.Authelia) return;

        // Each server's Traefik is its first Traefik by name (as CoreServices picks it); its route is the dashboard's.
        var traefiks = new Dictionary<string, ServiceModel>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (KnownImages.RoleOf(service.Spec.Image) != ImageRole.Traefik) continue;
            var server = ServerOf(service.Spec, servers);
            if (!traefiks.TryGetValue(server, out var first) || string.CompareOrdinal(service.Spec.Name, first.Spec.Name) < 0) traefiks[server] = service;
        }

        int labDefault = lab.Spec.DefaultAccess;
        foreach (var service in services)
        {
            var s = service.Spec;
            if (s.Route is { } route)
            {
                int effective = route.Access == AccessDefault ? labDefault : route.Access;
                if (!LoginPortal.IsNeededBy(effective)) continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LoginWithoutPortal, service.Sites.Locate(service.Sites.Route, "Access"),
                    LoginPortal.MissingMessage(LoginPortal.ServiceRoute(s.Name, s.Type.DisplayName, route.EffectiveSubdomain(s.Name)), effective,
                        route.Access == AccessDefault, s.IsAdmin ? null : "[Route]")));
            }
            else if (traefiks.TryGetValue(ServerOf(s, servers), out var traefik) && ReferenceEquals(traefik, service))
            {
                // Without a route the dashboard takes the lab's default, but never less than a login (LabRoutes.Dashboard).
                int effective = labDefault is AccessDefault or AccessBypass or AccessLanOnly ? AccessTwoFactor : labDefault;
                var server = ServerOf(s, servers);
                var subdomain = server == (servers?.Core ?? DefaultServer) ? "traefik" : "traefik-" + server;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LoginWithoutPortal, service.Sites.Class,
                    LoginPortal.MissingMessage(LoginPortal.TraefikDashboard(s.Name, s.Type.DisplayName, subdomain), effective, effective == labDefault, null)));
            }
        }

        for (int i = 0; i < lab.Spec.ExternalHosts.Count; i++)
        {
            var external = lab.Spec.ExternalHosts[i];
            int effective = external.Access == AccessDefault ? labDefault : external.Access;
            if (!LoginPortal.IsNeededBy(effective)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LoginWithoutPortal, lab.Sites.ExternalHosts[i].Locate("Access"),
                LoginPortal.MissingMessage(LoginPortal.ExternalHost(external.Subdomain ?? "", lab.Spec.Type.ClassName), effective, external.Access == AccessDefault, "[ExternalHost]")));
        }
    }

    /// <summary>
    /// EZH0057 across a stack (the compile-time twin of the runtime's <c>CoreServices.Problems</c>): a network the stack
    /// declares internal is internal for every service that joins it. Reported at each service that joins it without
    /// <c>Internal = true</c> (the safer fix), naming the first that declares it.
    /// </summary>
    private static void ValidateInternalNetworks(List<ServiceModel> services, List<DiagnosticInfo> diagnostics)
    {
        // Keyed by server, stack and network: the first service (in the sorted order) that declares it internal.
        Dictionary<string, ServiceModel>? declaredBy = null;
        foreach (var service in services)
            foreach (var network in service.Spec.Networks)
                if (network.Internal && !LabNetworks.IsLabWide(network.Name))
                {
                    declaredBy ??= new Dictionary<string, ServiceModel>(StringComparer.Ordinal);
                    var key = StackNetworkKey(service.Spec, network.Name);
                    if (!declaredBy.ContainsKey(key)) declaredBy[key] = service;
                }
        if (declaredBy is null) return;
        foreach (var service in services)
        {
            var s = service.Spec;
            for (int n = 0; n < s.Networks.Count; n++)
                if (!s.Networks[n].Internal && declaredBy.TryGetValue(StackNetworkKey(s, s.Networks[n].Name), out var declaring))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalNetworkConflict, service.Sites.Networks[n].Attribute, Subject(s), s.Networks[n].Name,
                        Named(declaring.Spec) + " declares it Internal = true, and every service of stack '" + s.Stack + "' on it must"));
        }
    }

    private static string StackNetworkKey(ServiceSpecModel s, string network) => (s.Server ?? "") + "\n" + (s.Stack ?? "") + "\n" + network;

    /// <summary>
    /// The lab variables across the lab (the compile-time twin of the runtime's <c>LabVariables.Problems</c>): the lab
    /// class's declarations win; services that declare a variable the lab does not must agree on its default (EZH0046);
    /// every <c>${NAME}</c> names a declared or built-in variable (EZH0045); and the defaults keep each volume source and
    /// device host path a path (EZH0044).
    /// </summary>
    private static void ValidateVariables(List<ServiceModel> services, LabModel? lab, List<DiagnosticInfo> diagnostics)
    {
        var defaults = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (lab is not null)
            foreach (var variable in lab.Spec.Variables)
                if (variable.Name is not null && !defaults.ContainsKey(variable.Name)) defaults.Add(variable.Name, variable.Default);
        var fromLab = new HashSet<string>(defaults.Keys, StringComparer.Ordinal);
        string labClass = lab?.Spec.Type.ClassName ?? "(none)";

        var firstDeclaration = new Dictionary<string, (ServiceModel Service, string? Default)>(StringComparer.Ordinal);
        var conflicting = new HashSet<string>(StringComparer.Ordinal);
        var seenInService = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            seenInService.Clear();
            for (int i = 0; i < service.Spec.Variables.Count; i++)
            {
                var variable = service.Spec.Variables[i];
                // One declaration per service: a class that declares a name twice is EZH0036.
                if (variable.Name is null || fromLab.Contains(variable.Name) || !seenInService.Add(variable.Name)) continue;
                if (!firstDeclaration.TryGetValue(variable.Name, out var first))
                {
                    firstDeclaration.Add(variable.Name, (service, variable.Default));
                    defaults.Add(variable.Name, variable.Default);
                }
                else if (!string.Equals(first.Default, variable.Default, StringComparison.Ordinal) && conflicting.Add(variable.Name))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingVariableDefaults, service.Sites.Variables[i].Locate("defaultValue"),
                        LabVariableRules.ConflictMessage(variable.Name, first.Default ?? "", Named(first.Service.Spec), variable.Default ?? "", Named(service.Spec), labClass)));
            }
        }
        if (defaults.Count == 0 && !AnyReference(services)) return;

        string? ValueOf(string name) => defaults.TryGetValue(name, out var value) ? value : LabVariableRules.BuiltInPlaceholder(name);
        foreach (var service in services)
        {
            var s = service.Spec;
            var sites = service.Sites;
            string subject = Subject(s);
            for (int i = 0; i < s.Environment.Count; i++)
                CheckDeclared(s.Environment[i].Value, "[Env] value", sites.Environment[i].Locate("value"), subject, defaults, diagnostics);
            for (int i = 0; i < s.Volumes.Count; i++)
            {
                var source = s.Volumes[i].Source;
                var location = sites.Volumes[i].Locate("source");
                CheckDeclared(source, "[Volume] source", location, subject, defaults, diagnostics);
                if (LabVariableRules.BrokenExpansion(source, device: false, ValueOf) is { } expanded)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidVariable, location, subject, "[Volume] source", source!,
                        "becomes '" + expanded + "' with the variables' defaults, which is not " + LabVariableRules.HostPathRule));
            }
            for (int i = 0; i < s.Devices.Count; i++)
            {
                var hostPath = s.Devices[i].HostPath;
                var location = sites.Devices[i].Locate("hostPath");
                CheckDeclared(hostPath, "[Device] host path", location, subject, defaults, diagnostics);
                if (LabVariableRules.BrokenExpansion(hostPath, device: true, ValueOf) is { } expanded)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidVariable, location, subject, "[Device] host path", hostPath!,
                        "becomes '" + expanded + "' with the variables' defaults, which is not " + LabVariableRules.DevicePathRule));
            }
        }
    }

    private static bool ReferencesDeclaredName(string text)
    {
        foreach (var reference in LabVariableRules.References(text))
            if (reference.Problem == ReferenceProblem.None && !LabVariableRules.IsBuiltIn(reference.Name)) return true;
        return false;
    }

    private static bool AnyReference(List<ServiceModel> services)
    {
        foreach (var service in services)
            if (service.Spec.Volumes.Count > 0 || service.Spec.Environment.Count > 0 || service.Spec.Devices.Count > 0) return true;
        return false;
    }

    /// <summary>EZH0045 for each well-formed <c>${NAME}</c> that names neither a built-in nor a declared variable.</summary>
    private static void CheckDeclared(string? value, string field, LocationInfo location, string subject, Dictionary<string, string?> declared, List<DiagnosticInfo> diagnostics)
    {
        if (value is null || value.IndexOf('$') < 0) return;
        foreach (var reference in LabVariableRules.References(value))
        {
            if (reference.Problem != ReferenceProblem.None || LabVariableRules.IsBuiltIn(reference.Name) || declared.ContainsKey(reference.Name)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndeclaredVariable, location, subject, field, value, reference.Name,
                LabVariableRules.UndeclaredHint(reference.Name, declared.Keys)));
        }
    }

    /// <summary>An admin UI whose route the rule guards: the login portal (the lab's Authelia) is exempt, it must be reachable without a login.</summary>
    private static bool IsGuardedAdminUi(ServiceSpecModel s) =>
        AdminUi.Is(s.IsAdmin, s.Image) && KnownImages.RoleOf(s.Image) != ImageRole.Authelia;

    private static ServiceModel FirstWhere(List<ServiceModel> group, Func<ServiceModel, bool> predicate)
    {
        foreach (var service in group)
            if (predicate(service)) return service;
        return group[0];
    }

    /// <summary>Services grouped by a key, in order of first appearance.</summary>
    private sealed class Groups
    {
        private readonly Dictionary<string, List<ServiceModel>> _groups = new(StringComparer.Ordinal);
        private readonly List<List<ServiceModel>> _ordered = new();

        public void Add(string key, ServiceModel service)
        {
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new List<ServiceModel>(1);
                _groups.Add(key, group);
                _ordered.Add(group);
            }
            group.Add(service);
        }

        public IEnumerable<List<ServiceModel>> Duplicates()
        {
            foreach (var group in _ordered)
                if (group.Count > 1) yield return group;
        }
    }

    private static void ValidateReferences(List<ServiceModel> services, Dictionary<string, ServiceModel> byClass, Dictionary<string, List<ServiceModel>> sharedTemplates, LabServers? servers, List<DiagnosticInfo> diagnostics)
    {
        foreach (var service in services)
        {
            var s = service.Spec;
            var sites = service.Sites;
            string subject = Subject(s);
            for (int i = 0; i < s.DependsOn.Count; i++)
            {
                var dependency = s.DependsOn[i];
                var location = TargetLocation(sites.DependsOn[i]);
                var target = Resolve(dependency.Target, byClass, sharedTemplates, "[DependsOn]", location, subject, diagnostics);
                if (target is null) continue;
                var t = target.Spec;
                if (dependency.Condition == ConditionHealthy && t.Healthcheck is null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HealthyWithoutHealthcheck, sites.DependsOn[i].Locate("Condition"), subject, Named(t)));
                if (!s.IsLazy && t.IsLazy)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AlwaysOnNeedsLazy, location, subject, "depends on", Named(t)));
                if (t.Stack is not null && s.Stack is not null && !string.Equals(t.Stack, s.Stack, StringComparison.Ordinal))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DependencyAcrossStacks, location, subject, Named(t), t.Stack));
            }

            if (s.Egress is { } egress && sites.Egress is { } egressSites)
            {
                var location = TargetLocation(egressSites);
                var target = Resolve(egress, byClass, sharedTemplates, "[Egress]", location, subject, diagnostics);
                if (target is null) continue;
                var t = target.Spec;
                if (!s.IsLazy && t.IsLazy)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AlwaysOnNeedsLazy, location, subject, "routes its traffic through", Named(t)));
                if (t.Stack is not null && s.Stack is not null && !string.Equals(t.Stack, s.Stack, StringComparison.Ordinal))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EgressAcrossStacks, location, subject, Named(t), "in stack '" + t.Stack + "', not '" + s.Stack + "'"));
                else if (!string.Equals(ServerOf(t, servers), ServerOf(s, servers), StringComparison.Ordinal))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EgressAcrossStacks, location, subject, Named(t), "on server '" + ServerOf(t, servers) + "', not '" + ServerOf(s, servers) + "'"));
            }
        }
    }

    /// <summary>
    /// Service classes by <c>global::</c> name, and each catalog template (<see cref="TypeShape.Templates"/>) by the one
    /// service deriving from it, so a reference written against a template finds the lab's service.
    /// <paramref name="sharedTemplates"/>: the templates several services derive from (a reference to one is ambiguous).
    /// </summary>
    private static Dictionary<string, ServiceModel> ByClass(List<ServiceModel> services, out Dictionary<string, List<ServiceModel>> sharedTemplates)
    {
        var byClass = new Dictionary<string, ServiceModel>(services.Count, StringComparer.Ordinal);
        foreach (var service in services)
            if (!byClass.ContainsKey(service.Spec.Type.FullyQualifiedName)) byClass.Add(service.Spec.Type.FullyQualifiedName, service);
        sharedTemplates = new Dictionary<string, List<ServiceModel>>(StringComparer.Ordinal);
        var byTemplate = new Dictionary<string, List<ServiceModel>>(StringComparer.Ordinal);
        foreach (var service in services)
            foreach (var template in service.Spec.Type.Templates)
            {
                if (!byTemplate.TryGetValue(template, out var list)) byTemplate.Add(template, list = new List<ServiceModel>(1));
                list.Add(service);
            }
        foreach (var pair in byTemplate)
        {
            if (byClass.ContainsKey(pair.Key)) continue;
            if (pair.Value.Count == 1) byClass.Add(pair.Key, pair.Value[0]);
            else sharedTemplates.Add(pair.Key, pair.Value);
        }
        return byClass;
    }

    private static ServiceModel? Resolve(TypeRef reference, Dictionary<string, ServiceModel> byClass, Dictionary<string, List<ServiceModel>> sharedTemplates, string attribute, LocationInfo location, string subject, List<DiagnosticInfo> diagnostics)
    {
        if (!reference.IsService)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownReference, location, subject, attribute, reference.DisplayName, "is not a service class (neither it nor a base carries [Service] or [Stack])"));
            return null;
        }
        if (sharedTemplates.TryGetValue(reference.FullyQualifiedName, out var candidates))
        {
            var names = new List<string>(candidates.Count);
            foreach (var candidate in candidates) names.Add(Named(candidate.Spec));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousTemplateReference, location, subject, attribute, reference.DisplayName, string.Join(", ", names)));
            return null;
        }
        if (!byClass.TryGetValue(reference.FullyQualifiedName, out var target))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownReference, location, subject, attribute, reference.DisplayName,
                "is not a service of this lab: no class of the lab is it or derives from it (a class declared in another assembly, or an abstract one, is a service only through a lab class deriving from it)"));
            return null;
        }
        // Found through a template: the generated reference carries the template's service name, so the lab's class must keep it.
        if (!string.Equals(target.Spec.Type.FullyQualifiedName, reference.FullyQualifiedName, StringComparison.Ordinal)
            && !string.Equals(target.Spec.Name, reference.ServiceName, StringComparison.Ordinal))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RenamedTemplateTarget, location, subject, attribute, reference.DisplayName, target.Spec.Type.DisplayName, target.Spec.Name, reference.ServiceName));
            return null;
        }
        return target;
    }

    /// <summary>The referenced type in <c>[DependsOn(typeof(X))]</c>, <c>[Egress(typeof(X))]</c> or their generic forms.</summary>
    internal static LocationInfo TargetLocation(AttributeSites sites)
    {
        foreach (var site in sites.Arguments)
            if (site.Name is "service" or "through" or Extraction.AttributeReader.GenericArgument) return site.Location;
        return sites.Attribute;
    }

    private const int AccessDefault = 0;
    private const int AccessBypass = 1;
    private const int AccessLanOnly = 4;
    private const int AccessTwoFactor = 3;
    private const int RestartAlways = 2;
    private const int RestartUnlessStopped = 3;
    private const int ConditionHealthy = 1;

    private static bool IsPort(int port) => port >= 1 && port <= 65535;

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool HasArgument(AttributeSites sites, string name)
    {
        foreach (var site in sites.Arguments)
            if (site.Name == name) return true;
        return false;
    }

    private static bool AllEmpty(EquatableArray<string> items)
    {
        foreach (var item in items)
            if (item.Trim().Length > 0) return false;
        return true;
    }

    /// <summary>EZH0044 for each malformed <c>${…}</c> in a value that may reference lab variables.</summary>
    private static void CheckReferences(string? value, string field, LocationInfo location, string subject, List<DiagnosticInfo> diagnostics)
    {
        if (value is null || value.IndexOf('$') < 0) return;
        foreach (var reference in LabVariableRules.References(value))
            if (reference.Problem != ReferenceProblem.None)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidVariable, location, subject, field, value, LabVariableRules.Describe(reference)));
    }

    /// <summary>A <c>[Variable]</c>'s name and default (EZH0044), and a name the same class declares twice (EZH0036).</summary>
    private static void CheckDeclaration(VariableModel variable, AttributeSites sites, string subject, HashSet<string> declaredHere, List<DiagnosticInfo> diagnostics)
    {
        if (LabVariableRules.NameProblem(variable.Name) is { } nameProblem)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidVariable, sites.Locate("name"), subject, "[Variable] name", variable.Name ?? "", nameProblem));
        else if (!declaredHere.Add(variable.DeclaredBy + "\0" + variable.Name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, sites.Locate("name"), subject, "the lab variable", variable.Name!));
        if (LabVariableRules.ValueProblem(variable.Default) is { } valueProblem)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidVariable, sites.Locate("defaultValue"), subject, "[Variable(\"" + variable.Name + "\")] default", variable.Default ?? "null", valueProblem));
    }

    private static void CheckDuration(string? value, string argument, LocationInfo location, string subject, List<DiagnosticInfo> diagnostics)
    {
        if (value is not null && !ComposeDuration.IsValid(value))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDuration, location, subject, argument, value));
    }

    /// <summary><c>SecretForm.FileUri</c>'s value (the model keeps enums as numbers).</summary>
    private const int FileUriForm = 1;

    /// <summary>A secret-looking name with a literal value; empty values, a lone <c>${VAR}</c> and <c>*_FILE</c> paths are fine.</summary>
    internal static bool IsLiteralSecret(string name, string? value) =>
        !string.IsNullOrEmpty(value)
        && !name.EndsWith("_FILE", StringComparison.OrdinalIgnoreCase)
        && !EnvValue.IsOnlyVariableReference(value)
        && Naming.LooksSecret(name);

    private static bool IsVolumeSource(string? source)
    {
        if (source is null || source.Length == 0) return false;
        if (source[0] == '/' || source == "." || source == ".." || source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)) return true;
        return DockerName.IsValid(source);
    }

    private static bool IsLabelKey(string? key)
    {
        if (key is null || key.Length == 0) return false;
        foreach (var c in key)
            if (char.IsWhiteSpace(c) || c == '=') return false;
        return true;
    }

    private static bool AddressesOverlap(string? a, string? b) =>
        IsWildcard(a) || IsWildcard(b) || string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsWildcard(string? address) => string.IsNullOrEmpty(address) || address == "0.0.0.0" || address == "::";

    private readonly record struct PortKey(string Server, int Port, int Protocol);

    private readonly record struct PublishedPort(ServiceModel Service, string? HostIp);
}
