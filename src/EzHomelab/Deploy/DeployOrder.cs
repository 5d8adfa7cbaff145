using EzHomelab.Model;
using EzHomelab.Rendering;

namespace EzHomelab.Deploy;

/// <summary>
/// The order stacks are brought up on a server: core (Traefik, Authelia, DuckDNS), infrastructure (socket proxy,
/// Sablier), dashboards (Homepage), then every other stack; by name within a tier. What the others route through,
/// log in through or are started by is then already up. A VPN client is not a tier of its own: only services of
/// its own stack may use it (EZH0026), and compose orders those.
/// </summary>
public static class DeployOrder
{
    public enum Tier { Core, Infrastructure, Dashboards, Apps }

    public static Tier TierOf(Lab lab, ServerSpec server, string stack)
    {
        var core = CoreServices.On(lab, server);
        bool Holds(ServiceSpec? service) => service is not null && service.Stack == stack;
        if (Holds(core.Traefik) || Holds(core.DuckDns) || (Holds(CoreServices.LabAuthelia(lab)) && lab.ServerOf(CoreServices.LabAuthelia(lab)!).Name == server.Name))
            return Tier.Core;
        if (Holds(core.SocketProxy) || Holds(core.Sablier)) return Tier.Infrastructure;
        if (Holds(core.Homepage)) return Tier.Dashboards;
        return Tier.Apps;
    }

    /// <summary>The stacks of <paramref name="server"/> in deploy order.</summary>
    public static IReadOnlyList<StackSpec> Of(Lab lab, ServerSpec server) =>
        lab.StacksOn(server).OrderBy(s => TierOf(lab, server, s.Name)).ThenBy(s => s.Name, StringComparer.Ordinal).ToArray();
}
