using EzHomelab.Model;

namespace EzHomelab.CatalogTests.Support;

/// <summary>
/// The services of samples/FullLab, which derives one class from every catalog template (CatalogCoverageTests checks
/// that), so a theory over them is a theory over the whole catalog.
/// </summary>
public static class FullLabServices
{
    public static Lab Lab => FullLab.Lab.Definition;

    public static TheoryData<string> Names() => new(Lab.Services.Select(s => s.Name));

    public static ServiceSpec Get(string name) => Assert.Single(Lab.Services, s => s.Name == name);

    /// <summary>The core every lab needs to serve a route: the proxy, the login portal and the DNS updater.</summary>
    public static readonly string[] Core = ["authelia", "duckdns", "traefik"];

    /// <summary>
    /// The smallest lab in which <paramref name="service"/> is whole: the core, the service, and every service it starts
    /// after or sends its traffic through (and theirs).
    /// </summary>
    public static Lab Minimal(string service)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([.. Core, service]);
        while (pending.TryPop(out var name))
        {
            if (!wanted.Add(name)) continue;
            var spec = Get(name);
            foreach (var dependency in spec.DependsOn) pending.Push(dependency.Service);
            if (spec.EgressThrough is { } target) pending.Push(target);
        }
        // Lab.Services keeps the generator's order (stack, then name); filtering keeps it.
        return Lab with { Services = Lab.Services.Where(s => wanted.Contains(s.Name)).ToArray() };
    }
}
