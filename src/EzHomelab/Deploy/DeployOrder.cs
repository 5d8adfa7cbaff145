using EzHomelab.Model;
using EzHomelab.Rendering;

namespace EzHomelab.Deploy;

/// <summary>
/// The order stacks are brought up on a server: core (Traefik, Authelia, DuckDNS), infrastructure (socket proxy,
/// Sablier), dashboards (Homepage), then every other stack; by name within a tier. What the others route through,
/// log in through or are started by is then already up. A stack whose service has <c>[DependsOn]</c> on a service of
/// another stack of the same server comes after that stack: compose waits only inside one project (EZH0027), so this
/// order is all that helps. A VPN client is not a tier of its own: only services of its own stack may use it
/// (EZH0026), and compose orders those.
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

    /// <summary>
    /// The stacks of <paramref name="server"/> in deploy order: by tier, then name, except that the stacks a stack
    /// depends on (and theirs, in that same order) are pulled in just before it, even from a later tier. A dependency
    /// counts when a service of the stack has <c>[DependsOn]</c> on a service of another stack of this server; one on
    /// another server is not ordered here (servers are deployed one after another, in the lab's order). Stacks can
    /// depend on each other without any service doing so (web → db for one service, db → web for another; EZH0012
    /// rejects only cycles of services): then the stack first in tier-and-name order still gets its dependencies before
    /// it, and the dependency that leads back to it is the one not followed.
    /// </summary>
    public static IReadOnlyList<StackSpec> Of(Lab lab, ServerSpec server)
    {
        var byTier = lab.StacksOn(server).OrderBy(s => TierOf(lab, server, s.Name)).ThenBy(s => s.Name, StringComparer.Ordinal).ToArray();
        var order = new List<StackSpec>(byTier.Length);
        var entered = new HashSet<string>(StringComparer.Ordinal);

        // Depth first: a stack's dependencies are placed before it; a stack already entered (a cycle) is not entered again.
        void Place(StackSpec stack)
        {
            if (!entered.Add(stack.Name)) return;
            var needed = DependenciesOf(lab, server, stack);
            foreach (var dependency in byTier)
                if (needed.Contains(dependency.Name)) Place(dependency);
            order.Add(stack);
        }

        foreach (var stack in byTier) Place(stack);
        return order;
    }

    /// <summary>The order <c>down</c> takes: the reverse of <see cref="Of"/>, so a stack goes down before those it depends on.</summary>
    public static IReadOnlyList<StackSpec> DownOf(Lab lab, ServerSpec server) => Of(lab, server).Reverse().ToArray();

    /// <summary>The other stacks of <paramref name="server"/> that services of <paramref name="stack"/> depend on.</summary>
    private static HashSet<string> DependenciesOf(Lab lab, ServerSpec server, StackSpec stack)
    {
        var stacks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in stack.Services)
            foreach (var dependency in service.DependsOn)
                if (lab.FindService(dependency.Service) is { } target && target.Stack != stack.Name && lab.ServerOf(target).Name == server.Name)
                    stacks.Add(target.Stack);
        return stacks;
    }
}
