using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using EzHomelab.Model;
using EzHomelab.Rules;

namespace EzHomelab.Rendering;

/// <summary>
/// The infrastructure services of one server: the one place that answers "which service is this server's
/// Traefik, Authelia, socket proxy, Sablier, Homepage, DuckDNS or Gluetun". Renderers ask here and never
/// look at images themselves.
/// </summary>
/// <remarks>
/// Roles are recognised by image repository through <see cref="KnownImages"/> (Rules/ValueRules.cs), the table the
/// generator shares. A typed role attribute on the service class will replace the image match (the generator can
/// then also check that each role is filled at most once per server); only <see cref="On"/> changes when it does.
/// </remarks>
public sealed record CoreServices
{
    public ServiceSpec? Traefik { get; init; }
    public ServiceSpec? Authelia { get; init; }
    public ServiceSpec? SocketProxy { get; init; }
    public ServiceSpec? Sablier { get; init; }
    public ServiceSpec? Homepage { get; init; }
    public ServiceSpec? DuckDns { get; init; }
    public ServiceSpec? Gluetun { get; init; }

    // Renderers ask once per service; a lab is immutable, so each server's answer is computed once per lab instance.
    private static readonly ConditionalWeakTable<Lab, ConcurrentDictionary<string, CoreServices>> Cache = new();

    /// <summary>The infrastructure services running on <paramref name="server"/> (first match in name order per role).</summary>
    public static CoreServices On(Lab lab, ServerSpec server) =>
        Cache.GetValue(lab, static _ => new ConcurrentDictionary<string, CoreServices>(StringComparer.Ordinal))
            .GetOrAdd(server.Name, static (_, state) => Find(state.lab, state.server), (lab, server));

    private static CoreServices Find(Lab lab, ServerSpec server)
    {
        var services = lab.Services.Where(s => lab.ServerOf(s).Name == server.Name).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        ServiceSpec? Find(ImageRole role) => services.FirstOrDefault(s => KnownImages.RoleOf(s.Image) == role);
        return new CoreServices
        {
            Traefik = Find(ImageRole.Traefik),
            Authelia = Find(ImageRole.Authelia),
            SocketProxy = Find(ImageRole.SocketProxy),
            Sablier = Find(ImageRole.Sablier),
            Homepage = Find(ImageRole.Homepage),
            DuckDns = Find(ImageRole.DuckDns),
            Gluetun = Find(ImageRole.Gluetun),
        };
    }

    /// <summary>The lab's login portal: the core's Authelia, else the first Authelia on any server.</summary>
    public static ServiceSpec? LabAuthelia(Lab lab) =>
        lab.Servers.Select(server => On(lab, server).Authelia).FirstOrDefault(a => a is not null);
}

/// <summary>One host that a Traefik of the lab routes, with who may reach it.</summary>
/// <param name="Router">The Traefik router name.</param>
/// <param name="Host">The full host name the router matches.</param>
/// <param name="Access">The effective access: what Authelia's rule for the host enforces.</param>
/// <param name="Service">The service that declared the route (for the dashboard: the Traefik service); null for an external host.</param>
/// <param name="IsTraefikDashboard">True for a Traefik's own dashboard router (rendered in a dynamic file).</param>
/// <param name="External">The <c>[ExternalHost]</c> behind the route (rendered in <c>external-hosts.yml</c>), else null.</param>
public sealed record LabRoute(string Router, string Host, Access Access, ServiceSpec? Service, bool IsTraefikDashboard, ExternalHostSpec? External = null);

/// <summary>Hosts and effective access of every route: shared by the compose labels, Traefik's files and Authelia's rules.</summary>
public static class LabRoutes
{
    public const string DashboardRouter = "traefik-dashboard";

    public static string Host(RouteSpec route, string domain) => route.Subdomain + "." + domain;

    /// <summary>
    /// The access a route really gets: the route's own, else the lab's default. The login portal is always
    /// bypass (asking for a login to reach the login page would lock everyone out).
    /// </summary>
    public static Access EffectiveAccess(Lab lab, ServiceSpec service)
    {
        if (IsLoginPortal(lab, service)) return Access.Bypass;
        var declared = service.Route?.Access ?? Access.Default;
        return declared == Access.Default ? lab.DefaultAccess : declared;
    }

    public static bool IsLoginPortal(Lab lab, ServiceSpec service) =>
        CoreServices.On(lab, lab.ServerOf(service)).Authelia?.Name == service.Name;

    /// <summary>True when <paramref name="service"/> is its server's Traefik: its route is the dashboard router in a file, not labels.</summary>
    public static bool IsTraefik(Lab lab, ServiceSpec service) =>
        CoreServices.On(lab, lab.ServerOf(service)).Traefik?.Name == service.Name;

    /// <summary>
    /// The dashboard route of a server's Traefik. Its host and access are the Traefik service's own
    /// <c>[Route]</c> when it has one; otherwise <c>traefik.&lt;domain&gt;</c> (<c>traefik-&lt;server&gt;</c> off the core)
    /// with the lab's default access, never less than a password (an admin UI never defaults to no login).
    /// </summary>
    public static LabRoute Dashboard(Lab lab, ServiceSpec traefik, string domain)
    {
        if (traefik.Route is { } route)
            return new LabRoute(DashboardRouter, Host(route, domain), EffectiveAccess(lab, traefik), traefik, IsTraefikDashboard: true);
        var access = lab.DefaultAccess is Access.Bypass or Access.LanOnly or Access.Default ? Access.TwoFactor : lab.DefaultAccess;
        return new LabRoute(DashboardRouter, DefaultDashboardSubdomain(lab, traefik) + "." + domain, access, traefik, IsTraefikDashboard: true);
    }

    /// <summary>The dashboard's subdomain when its Traefik has no route: <c>traefik</c>, or <c>traefik-&lt;server&gt;</c> off the core.</summary>
    private static string DefaultDashboardSubdomain(Lab lab, ServiceSpec traefik)
    {
        var server = lab.ServerOf(traefik);
        return server.Name == lab.Core.Name ? "traefik" : "traefik-" + server.Name;
    }

    /// <summary>Every routed host of the lab, on every server: service routes, each Traefik's dashboard and the external hosts.</summary>
    public static IReadOnlyList<LabRoute> All(Lab lab, string domain)
    {
        var routes = new List<LabRoute>();
        foreach (var service in lab.Services)
        {
            if (IsTraefik(lab, service)) routes.Add(Dashboard(lab, service, domain));
            else if (service.Route is { } route) routes.Add(new LabRoute(service.Name, Host(route, domain), EffectiveAccess(lab, service), service, IsTraefikDashboard: false));
        }
        foreach (var external in lab.ExternalHosts)
            routes.Add(External(lab, external, domain));
        return routes;
    }

    /// <summary>Router (and Traefik service) name of an external host: <c>external-&lt;subdomain&gt;</c>.</summary>
    public static string ExternalRouter(ExternalHostSpec external) => ExternalPrefix + external.Subdomain;

    public const string ExternalPrefix = "external-";

    /// <summary>The route of an <c>[ExternalHost]</c>: its own access, else the lab's default.</summary>
    public static LabRoute External(Lab lab, ExternalHostSpec external, string domain) =>
        new(ExternalRouter(external), external.Subdomain + "." + domain,
            external.Access == Access.Default ? lab.DefaultAccess : external.Access,
            Service: null, IsTraefikDashboard: false, External: external);

    /// <summary>
    /// What the run time refuses before writing anything, one line each: admin UIs without a login, capabilities,
    /// devices, <c>[Widget]</c>, the lab's LAN networks, and <c>[ExternalHost]</c> subdomain, URL and host. The generator reports the same rules at compile
    /// time (EZH0007, EZH0008, EZH0028, EZH0030, EZH0038–EZH0041) through the same Rules functions; this twin guards models built
    /// by hand and values that only exist at run time (the domain override).
    /// </summary>
    public static IEnumerable<string> Problems(Lab lab)
    {
        foreach (var violation in AdminBypassViolations(lab)) yield return violation;
        foreach (var service in lab.Services)
        {
            var where = $"service '{service.Name}' ({service.ClassName ?? "unknown class"})";
            foreach (var capability in service.CapAdd.Where(c => !ContainerPrivileges.IsValidCapability(c)))
                yield return $"{where}: [CapAdd(\"{capability}\")] must be an upper-case capability name such as NET_ADMIN";
            foreach (var device in service.Devices)
            {
                // A host path that uses a lab variable is judged by LabVariables.Problems, with the variables' values.
                bool hostPathValid = LabVariableRules.HasReference(device.HostPath) || ContainerPrivileges.IsValidDevicePath(device.HostPath);
                if (!hostPathValid || (device.ContainerPath is { } inside && !ContainerPrivileges.IsValidDevicePath(inside)))
                    yield return $"{where}: [Device(\"{device.HostPath}\")] paths must be absolute, without ':' or spaces";
                if (device.Permissions is { } permissions && !ContainerPrivileges.IsValidDevicePermissions(permissions))
                    yield return $"{where}: [Device(\"{device.HostPath}\")] permissions '{permissions}' must be a subset of 'rwm'";
            }
            if (service.Widget is { } widget)
            {
                if (!HomepageWidget.IsValidType(widget.Type))
                    yield return $"{where}: [Widget(\"{widget.Type}\")] type must be Homepage's lower-case widget name such as sonarr";
                if (widget.Url is { } url && !ExternalUrl.IsValid(url))
                    yield return $"{where}: [Widget] Url '{url}' must be an absolute http:// or https:// URL (e.g. http://sonarr:8989)";
                if (widget.ApiKeySecret is { } secret && !Naming.IsValidSecretName(secret))
                    yield return $"{where}: [Widget] ApiKeySecret '{secret}' must use lower-case letters, digits and '-', such as sonarr-api-key";
            }
            foreach (var problem in HardeningProblems(service)) yield return $"{where}: {problem}";
        }
        foreach (var problem in InternalNetworkProblems(lab)) yield return problem;
        foreach (var problem in DefaultsProblems(lab.ServiceDefaults)) yield return $"[Resources]/[Logging] on {lab.Name}: {problem}";
        foreach (var network in lab.LanNetworks.Where(n => !LanNetwork.IsValid(n)))
            yield return $"[Homelab] on {lab.Name}: LanNetworks entry '{network}' must be a CIDR such as 192.168.1.0/24, or one address";
        if (lab.LanNetworks.Count == 0)
            yield return $"[Homelab] on {lab.Name}: LanNetworks must not be empty (Authelia would apply a LAN-only rule to every network)";
        if (lab.Smtp is { } smtp)
        {
            var where = $"[Smtp] on {lab.Name}";
            if (!DnsName.IsValidDomain(smtp.Host)) yield return $"{where}: host '{smtp.Host}' must be a lower-case DNS name such as smtp.example.org";
            if (smtp.Port is < 1 or > 65535) yield return $"{where}: port {smtp.Port} must be 1-65535";
            if (!LabSetting.IsValidEmail(smtp.Sender)) yield return $"{where}: sender '{smtp.Sender}' must be an e-mail address";
            if (string.IsNullOrWhiteSpace(smtp.Username)) yield return $"{where}: username must not be empty";
        }
        var serviceSubdomains = new HashSet<string>(lab.Services.Where(s => s.Route is not null).Select(s => s.Route!.Subdomain), StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var external in lab.ExternalHosts)
        {
            var where = $"[ExternalHost(\"{external.Subdomain}\")] on {lab.Name}";
            if (!DnsName.IsValidLabel(external.Subdomain))
                yield return $"{where}: the subdomain must be a lower-case DNS label (a-z, 0-9, '-')";
            else if (!seen.Add(external.Subdomain) || serviceSubdomains.Contains(external.Subdomain))
                yield return $"{where}: host '{external.Subdomain}' is already routed by another route";
            if (!ExternalUrl.IsValid(external.Url))
                yield return $"{where}: url '{external.Url}' must be an absolute http:// or https:// URL (e.g. http://192.168.1.10:5000)";
        }
    }

    /// <summary>The run-time twin of the generator's hardening errors (EZH0052, EZH0053, and EZH0016/EZH0033 for the limits).</summary>
    private static IEnumerable<string> HardeningProblems(ServiceSpec service)
    {
        foreach (var option in service.SecurityOptions.Select(o => o.Option))
        {
            if (Hardening.IsNoNewPrivileges(option))
                yield return $"[SecurityOpt(\"{option}\")]: every service has no-new-privileges already; leave it out with [AllowNewPrivileges] instead";
            else if (!Hardening.IsValidSecurityOpt(option))
                yield return $"[SecurityOpt(\"{option}\")] must be name:value or name=value without spaces, such as apparmor:my-profile";
        }
        foreach (var entry in service.ReadOnlyRoot?.Tmpfs ?? [])
        {
            if (!Hardening.IsValidTmpfs(entry))
                yield return $"[ReadOnlyRoot] Tmpfs entry '{entry}' must be an absolute path, optionally with options, such as /tmp or /run:size=16m";
            else if (service.Volumes.Any(v => v.Target.TrimEnd('/') == Hardening.TmpfsPath(entry).TrimEnd('/')))
                yield return $"[ReadOnlyRoot] Tmpfs entry '{entry}' is also a [Volume] target; a path takes one mount";
        }
        if (service.Logging is { } logging)
        {
            if (logging.MaxSize is { } size && !ResourceQuantity.IsValidMemory(size)) yield return $"[Logging] MaxSize '{size}' must be digits with k, m or g, such as 10m";
            if (logging.MaxFiles < 0) yield return $"[Logging] MaxFiles {logging.MaxFiles} must be 1 or more (0 takes the default)";
        }
        if (service.Resources is { Pids: < 0 } resources) yield return $"[Resources] Pids {resources.Pids} must be a positive number (0 takes the default)";
        if (service.HostNamespaces is { Network: true })
        {
            const string hostNetwork = "uses the host's network ([HostNamespaces(Network = true)]) and so cannot";
            if (service.Ports.Count > 0) yield return $"{hostNetwork} publish ports";
            if (service.Networks.Count > 0) yield return $"{hostNetwork} join networks";
            if (service.EgressThrough is not null) yield return $"{hostNetwork} also use another service's network stack ([Egress])";
            if (service.Route is not null) yield return $"{hostNetwork} have a [Route]; route to it with [ExternalHost]";
        }
    }

    /// <summary>
    /// The run-time twin of EZH0057: the services of a stack that join one network agree whether it is internal, and the
    /// lab-wide networks (external, with a route out) are never declared internal.
    /// </summary>
    private static IEnumerable<string> InternalNetworkProblems(Lab lab)
    {
        string Where(ServiceSpec s) => $"service '{s.Name}' ({s.ClassName ?? "unknown class"})";
        foreach (var service in lab.Services)
        {
            foreach (var network in service.InternalNetworks.Where(n => !service.Networks.Contains(n)))
                yield return $"{Where(service)}: internal network '{network}' is not one of its [Network]s";
            foreach (var network in service.InternalNetworks.Where(LabNetworks.IsLabWide))
                yield return $"{Where(service)}: [Network(\"{network}\", Internal = true)]: '{network}' is a lab-wide network with a route out and cannot be internal";
        }
        foreach (var stack in lab.Services.GroupBy(s => (s.Server, s.Stack)))
            foreach (var network in stack.SelectMany(s => s.Networks).Distinct())
            {
                var joining = stack.Where(s => s.Networks.Contains(network)).ToList();
                var declaring = joining.Where(s => s.InternalNetworks.Contains(network)).ToList();
                if (declaring.Count > 0 && declaring.Count < joining.Count)
                    yield return $"{Where(joining.First(s => !declaring.Contains(s)))}: [Network(\"{network}\")] is internal for {Where(declaring[0])} " +
                        $"(Internal = true); every service of stack '{stack.Key.Stack}' on it must say so";
            }
    }

    private static IEnumerable<string> DefaultsProblems(ServiceDefaults defaults)
    {
        if (!ResourceQuantity.IsValidCpus(defaults.Cpus)) yield return $"Cpus '{defaults.Cpus}' must be a positive number such as 0.5 or 2";
        if (!ResourceQuantity.IsValidMemory(defaults.Memory)) yield return $"Memory '{defaults.Memory}' must be digits with b, k, m or g, such as 512m";
        if (defaults.CpusReservation is { } cpus && !ResourceQuantity.IsValidCpus(cpus)) yield return $"CpusReservation '{cpus}' must be a positive number such as 0.5 or 2";
        if (defaults.MemoryReservation is { } memory && !ResourceQuantity.IsValidMemory(memory)) yield return $"MemoryReservation '{memory}' must be digits with b, k, m or g, such as 512m";
        if (defaults.Pids < 1) yield return $"Pids {defaults.Pids} must be a positive number";
        if (!ResourceQuantity.IsValidMemory(defaults.LogMaxSize)) yield return $"[Logging] MaxSize '{defaults.LogMaxSize}' must be digits with k, m or g, such as 10m";
        if (defaults.LogMaxFiles < 1) yield return $"[Logging] MaxFiles {defaults.LogMaxFiles} must be 1 or more";
    }

    /// <summary>
    /// Routes that go through the login portal in a lab that has none (the run-time twin of the generator's warning
    /// EZH0043, through the same <see cref="LoginPortal"/> rule): each as the one-line warning to show. Their middleware
    /// chain names <c>authelia@file</c>, which <see cref="Traefik.TraefikDynamicConfig.Middlewares"/> renders only with a portal.
    /// </summary>
    public static IEnumerable<string> RoutesWithoutPortal(Lab lab)
    {
        if (CoreServices.LabAuthelia(lab) is not null) yield break;
        foreach (var service in lab.Services)
        {
            var traefik = IsTraefik(lab, service);
            if (service.Route is null && !traefik) continue;
            var access = traefik ? Dashboard(lab, service, "invalid").Access : EffectiveAccess(lab, service);
            if (!LoginPortal.IsNeededBy((int)access)) continue;
            var message = service.Route is { } route
                ? LoginPortal.MissingMessage(LoginPortal.ServiceRoute(service.Name, service.ClassName, route.Subdomain), (int)access,
                    route.Access == Access.Default, AdminUi.Is(service.IsAdmin, service.Image) ? null : "[Route]")
                : LoginPortal.MissingMessage(LoginPortal.TraefikDashboard(service.Name, service.ClassName, DefaultDashboardSubdomain(lab, service)), (int)access,
                    access == lab.DefaultAccess, null);
            yield return message;
        }
        foreach (var external in lab.ExternalHosts)
        {
            var access = External(lab, external, "invalid").Access;
            if (LoginPortal.IsNeededBy((int)access))
                yield return LoginPortal.MissingMessage(LoginPortal.ExternalHost(external.Subdomain, lab.Name), (int)access, external.Access == Access.Default, "[ExternalHost]");
        }
    }

    /// <summary>
    /// Service routes that would leave an admin UI without a login (the run-time twin of the generator's rule,
    /// <see cref="AdminUi.RefusesBypass"/>): each as the one-line message to show.
    /// </summary>
    public static IEnumerable<string> AdminBypassViolations(Lab lab)
    {
        foreach (var service in lab.Services)
        {
            // The login portal is bypass by necessity; it is not an admin UI.
            if (IsLoginPortal(lab, service)) continue;
            var traefik = IsTraefik(lab, service);
            if (service.Route is null && !traefik) continue;
            // A Traefik's route is its dashboard, whose access is Dashboard's (never bypass without a route).
            var access = traefik ? Dashboard(lab, service, "invalid").Access : EffectiveAccess(lab, service);
            if (AdminUi.RefusesBypass(service.IsAdmin, service.Image, access is Access.Bypass or Access.LanOnly, service.Route?.AllowBypassOnAdmin ?? false))
                yield return AdminUi.BypassMessage(service.Name, service.ClassName, service.Route?.Subdomain ?? service.Name);
        }
    }
}
