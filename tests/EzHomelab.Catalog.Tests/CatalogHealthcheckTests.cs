using EzHomelab.CatalogTests.Support;

namespace EzHomelab.CatalogTests;

/// <summary>
/// A healthcheck on every catalog service whose image ships a way to check itself, so that compose's
/// <c>service_healthy</c>, the deployer's wait and Sablier's "ready" mean the application answers, not only that its
/// process started. The exceptions are listed with the reason; a listed service must really have none, so the list
/// cannot go stale.
/// </summary>
public sealed class CatalogHealthcheckTests
{
    private static readonly Dictionary<string, string> WithoutHealthcheck = new(StringComparer.Ordinal)
    {
        ["traefik"] = "`traefik healthcheck` needs the ping endpoint, which the rendered static configuration does not enable",
        ["duckdns"] = "a periodic update script: nothing listens, nothing to ask",
        ["tdarr-server"] = "a closed-source image that documents no way to check itself (and ships no known HTTP client)",
        ["tdarr-node"] = "a worker with no endpoint, in the same closed-source image family as the server",
        ["portainer"] = "the image holds the portainer binary and no shell or HTTP client, and the binary has no check command",
        ["promtail"] = "the image has no HTTP client to ask its /ready endpoint, and the binary has no check command",
    };

    /// <summary>Shell words a healthcheck may start with: tools the catalog checked are in the images that use them.</summary>
    private static readonly string[] KnownCheckers = ["curl", "wget", "dig", "pg_isready", "mysqladmin", "healthcheck.sh", "redis-cli", "mongosh", "mongo", "nc",
        // The runtimes and clients the application images are built on: Python (mealie), Node.js (node-red), the
        // broker's own client (mosquitto) and authentik's CLI (ak).
        "python", "node", "mosquitto_sub", "ak"];

    public static TheoryData<string> Services() => FullLabServices.Names();

    [Theory, MemberData(nameof(Services))]
    public void A_service_has_a_healthcheck_unless_its_image_has_no_way_to_check_itself(string name)
    {
        var service = FullLabServices.Get(name);
        if (WithoutHealthcheck.TryGetValue(name, out var reason))
        {
            Assert.True(service.Healthcheck is null, $"'{name}' is listed as having no healthcheck ({reason}) but declares one: remove it from the list");
            return;
        }
        Assert.True(service.Healthcheck is { Test.Count: > 0 }, $"'{name}' ({service.Image}) has no [Healthcheck]: add the image's own check, or list it in {nameof(WithoutHealthcheck)} with the reason");
        var test = service.Healthcheck!.Test;
        if (test.Count == 1)
        {
            // Shell form: the first word that is not a variable assignment is the tool the image must contain.
            var tool = test[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(IsAssignment).FirstOrDefault() ?? "";
            Assert.True(tool.StartsWith('/') || KnownCheckers.Contains(tool),
                $"'{name}': the healthcheck starts with '{tool}'; name a checked tool ({string.Join(", ", KnownCheckers)}) or the image's own binary by its absolute path");
        }
        else
        {
            // Exec form: no shell, so the program is named by its absolute path.
            Assert.StartsWith("/", test[0]);
        }
    }

    private static bool IsAssignment(string word) =>
        word.IndexOf('=') is > 0 and var equals && word[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    [Fact]
    public void The_exceptions_name_catalog_services() =>
        Assert.All(WithoutHealthcheck.Keys, name => Assert.Contains(FullLabServices.Lab.Services, s => s.Name == name));
}
