using EzHomelab.Model;

namespace EzHomelab.Rendering.Authelia;

/// <summary>One <c>access_control</c> rule: exactly one host, so no rule can shadow another.</summary>
/// <param name="Host">The one host the rule matches.</param>
/// <param name="Policy">Authelia's policy name: <c>bypass</c>, <c>one_factor</c> or <c>two_factor</c>.</param>
/// <param name="Networks">Set for <see cref="Access.LanOnly"/>: the rule only matches requests from these networks.</param>
public sealed record AutheliaAccessRule(string Host, string Policy, IReadOnlyList<string>? Networks = null);

/// <summary>
/// Authelia's <c>access_control</c> rules, built from every route's effective access. Authelia takes the first
/// matching rule, so the order is bypass, then LAN-only (a bypass limited to the lab's LAN <c>networks</c>), then
/// two-factor, then one-factor (hosts in ordinal order within each); with one exact host per rule the order is only a
/// safeguard, and everything unlisted — a LAN-only host asked from outside the LAN included — falls to <c>deny</c>.
/// </summary>
public static class AutheliaAccessRules
{
    public const string DefaultPolicy = "deny";
    public const string PortalSubdomain = "auth";

    public static string Policy(Access access) => access switch
    {
        Access.Bypass or Access.LanOnly => "bypass",
        Access.OneFactor => "one_factor",
        _ => "two_factor",
    };

    /// <summary>The portal's public host: its route's host, else <c>auth.&lt;domain&gt;</c>.</summary>
    public static string PortalHost(ServiceSpec? authelia, string domain) =>
        authelia?.Route is { } route ? LabRoutes.Host(route, domain) : PortalSubdomain + "." + domain;

    public static IReadOnlyList<AutheliaAccessRule> For(Lab lab, string domain)
    {
        var byHost = new Dictionary<string, Access>(StringComparer.OrdinalIgnoreCase);
        // The portal must always be reachable without a login, whether or not it has a route of its own.
        byHost[PortalHost(CoreServices.LabAuthelia(lab), domain)] = Access.Bypass;
        // Two routes on one host are a lab error reported elsewhere; the first keeps the host here.
        foreach (var route in LabRoutes.All(lab, domain))
            byHost.TryAdd(route.Host, route.Access);

        return byHost
            .OrderBy(kv => Rank(kv.Value))
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new AutheliaAccessRule(kv.Key, Policy(kv.Value), kv.Value == Access.LanOnly ? lab.LanNetworks : null))
            .ToArray();
    }

    private static int Rank(Access access) => access switch
    {
        Access.Bypass => 0,
        Access.LanOnly => 1,
        Access.OneFactor => 3,
        _ => 2,
    };
}
