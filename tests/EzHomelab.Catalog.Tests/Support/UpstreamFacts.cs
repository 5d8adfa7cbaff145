using System.Globalization;
using EzHomelab.Tests.Support;

namespace EzHomelab.CatalogTests.Support;

/// <summary>How upstream exposed a service: behind Authelia, routed without a login, or not routed at all.</summary>
public enum UpstreamAccess
{
    None,
    Authelia,
    Bypass,
}

/// <summary>One row of facts/upstream-services.tsv (see facts/README.md).</summary>
/// <param name="Ports">The container ports upstream's service listens on (empty when it has none; mosquitto has two).</param>
public sealed record UpstreamService(string Stack, string Service, IReadOnlyList<int> Ports, UpstreamAccess Access);

/// <summary>The vendored facts about the upstream project's services.</summary>
public static class UpstreamFacts
{
    public static string FilePath { get; } = Path.Combine(RepoPaths.RepoRoot, "tests", "EzHomelab.Catalog.Tests", "facts", "upstream-services.tsv");

    private static readonly Lazy<IReadOnlyDictionary<string, UpstreamService>> ByName = new(Load);

    public static IReadOnlyCollection<UpstreamService> All => ByName.Value.Values.ToArray();

    public static UpstreamService? Find(string service) => ByName.Value.TryGetValue(service, out var row) ? row : null;

    private static IReadOnlyDictionary<string, UpstreamService> Load()
    {
        var lines = File.ReadAllLines(FilePath);
        Assert.Equal("stack\tservice\tcontainer_port\tupstream_access", lines[0]);
        var rows = new Dictionary<string, UpstreamService>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            Assert.True(cells.Length == 4, $"{FilePath}: '{line}' does not have 4 columns");
            var ports = cells[2] == "-" ? [] : cells[2].Split('/').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            var access = cells[3] switch
            {
                "authelia" => UpstreamAccess.Authelia,
                "bypass" => UpstreamAccess.Bypass,
                "none" => UpstreamAccess.None,
                var other => throw new InvalidDataException($"{FilePath}: unknown access '{other}' in '{line}'"),
            };
            Assert.True(rows.TryAdd(cells[1], new UpstreamService(cells[0], cells[1], ports, access)), $"{FilePath}: service '{cells[1]}' twice");
        }
        return rows;
    }
}
