// Compiled into both the runtime (src/EzHomelab) and the generator (netstandard2.0), like ValueRules.cs.
namespace EzHomelab.Rules;

/// <summary>
/// The lab-wide networks every stack shares: created once outside the stacks (external to each compose project), with a
/// route out. A service's own <c>[Network]</c>s are the stack's and may be internal; these never are.
/// </summary>
internal static class LabNetworks
{
    /// <summary>Every service with a network stack of its own, unless it is confined to internal networks.</summary>
    public const string Homelab = "homelab-network";

    /// <summary>Traefik and the services it routes to.</summary>
    public const string Traefik = "traefik-network";

    public static bool IsLabWide(string? network) => network is Homelab or Traefik;
}
