using EzHomelab.CatalogTests.Support;
using EzHomelab.Rules;

namespace EzHomelab.CatalogTests;

/// <summary>
/// Lazy groups as the catalog's rules want them: named for what they start (never for the author's server, as
/// upstream's <c>jasper-arr</c> was), reachable (a group Sablier can only start on a request needs a route), with a name
/// on the waiting page, and never holding infrastructure that must always run.
/// </summary>
public sealed class CatalogLazyStartTests
{
    /// <summary>Groups named for a theme rather than for one of their members, with what they hold.</summary>
    private static readonly Dictionary<string, string> ThemedGroups = new(StringComparer.Ordinal)
    {
        ["arr"] = "the media-management apps (Sonarr, Radarr, Prowlarr, ...), started together so one finds the others running",
    };

    /// <summary>Host names and placeholders upstream baked into its group names.</summary>
    private static readonly string[] HostnameFragments = ["jasper", "your-remote-server", "server_hostname", "server-hostname", "hostname", "$", "{"];

    private static readonly string[] DatabaseImages = ["postgres", "mariadb", "mysql", "redis", "valkey", "mongo"];

    private static string[] GroupNames() =>
        FullLabServices.Lab.Services.Where(s => s.LazyStart is not null).Select(s => s.LazyStart!.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Groups() => new(GroupNames());

    private static IReadOnlyList<Model.ServiceSpec> Members(string group) =>
        FullLabServices.Lab.Services.Where(s => s.LazyStart?.Group == group).ToArray();

    [Fact]
    public void The_catalog_has_lazy_groups() => Assert.Contains("arr", GroupNames());

    [Theory, MemberData(nameof(Groups))]
    public void A_group_is_named_for_what_it_starts_and_never_for_a_server(string group)
    {
        Assert.True(DnsName.IsValidLabel(group), $"lazy group '{group}' is not a DNS label");
        foreach (var fragment in HostnameFragments)
            Assert.False(group.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"lazy group '{group}' names a server or a placeholder ('{fragment}')");
        foreach (var server in FullLabServices.Lab.Servers)
            Assert.False(group.StartsWith(server.Name + "-", StringComparison.Ordinal), $"lazy group '{group}' is prefixed with the server name '{server.Name}'");
        var members = Members(group);
        var namedForAMember = members.Any(s => s.Name == group || s.Route?.Subdomain == group);
        Assert.True(namedForAMember || ThemedGroups.ContainsKey(group),
            $"lazy group '{group}' ({string.Join(", ", members.Select(m => m.Name))}) is named after none of its services: rename it, or list it in {nameof(ThemedGroups)} with what it holds");
    }

    [Theory, MemberData(nameof(Groups))]
    public void A_group_has_a_route_to_wake_it_and_a_name_for_the_waiting_page(string group)
    {
        var members = Members(group);
        Assert.True(members.Any(s => s.Route is not null), $"lazy group '{group}' has no routed service, so no request can ever start it");
        Assert.All(members, s => Assert.False(string.IsNullOrWhiteSpace(s.LazyStart!.DisplayName), $"'{s.Name}': its waiting page would show the bare group name"));
        // One group, one idle timeout and one waiting-page title: Sablier's middleware is per group.
        Assert.Single(members.Select(s => (s.LazyStart!.SessionDuration, s.LazyStart.DisplayName)).Distinct());
    }

    [Fact]
    public void Infrastructure_that_must_always_run_is_never_lazy()
    {
        var lab = FullLabServices.Lab;
        var alwaysOnStacks = new[] { "core", "sablier", "dockge" };
        foreach (var service in lab.Services.Where(s => s.LazyStart is not null))
        {
            Assert.DoesNotContain(service.Stack, alwaysOnStacks);
            // The proxy, the portal, the socket proxy, Sablier, Homepage, DuckDNS, the VPN and Dockge: the lab's own
            // machinery (code-server and Portainer are known images too, but only as admin UIs).
            var role = KnownImages.RoleOf(service.Image);
            Assert.True(role is ImageRole.None or ImageRole.CodeServer or ImageRole.Portainer, $"'{service.Name}' ({service.Image}) is the lab's {role} but lazy");
            var repository = KnownImages.Repository(service.Image);
            Assert.False(DatabaseImages.Any(db => repository == db || repository.EndsWith("/" + db, StringComparison.Ordinal)),
                $"'{service.Name}' ({service.Image}) is a database but lazy: its app would find it stopped");
            // What another service sends its traffic through (a VPN) must run before that service can.
            Assert.DoesNotContain(lab.Services, s => s.EgressThrough == service.Name);
        }
    }
}
