using EzHomelab;

namespace FullLab;

/// <summary>
/// Every service of the upstream project's sixteen stacks, from the catalog: each is one line deriving from its
/// catalog class. Render it for your own domain with <c>EZH_DOMAIN</c>.
/// </summary>
[Homelab(Domain = "example.duckdns.org", Timezone = "Europe/Berlin", Email = "admin@example.org", DefaultAccess = Access.TwoFactor)]
public partial class Lab;
