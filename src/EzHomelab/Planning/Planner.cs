namespace EzHomelab.Planning;

/// <summary>Compares rendered files with what is on disk under a root. Reads only; never writes.</summary>
public static class Planner
{
    /// <summary>Plans the files of <paramref name="serversInScope"/>: added, changed, unchanged, and removed (in the manifest, no longer rendered).</summary>
    public static Plan Compute(FileStore store, IReadOnlyList<PlacedFile> placed, IReadOnlyCollection<string> serversInScope)
    {
        var files = new List<(string Server, string Stack, PlannedFile File)>();
        foreach (var p in placed)
        {
            var current = store.TryReadText(p.Path);
            var change = current is null ? FileChange.Add
                : current != p.File.Content || (store.TryGetMode(p.Path) is { } mode && mode != p.File.Mode) ? FileChange.Change
                : FileChange.Unchanged;
            files.Add((p.Server, p.Stack, new PlannedFile(p.Path, p.File.RelativePath, change, p.File.Sensitive, current, p.File.Content, p.File.Mode)));
        }

        var rendered = placed.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in store.ReadManifest())
        {
            if (!serversInScope.Contains(entry.Server) || rendered.Contains(entry.Path)) continue;
            var current = store.TryReadText(entry.Path);
            if (current is null) continue; // already gone
            files.Add((entry.Server, entry.Stack, new PlannedFile(entry.Path, StackPath(entry), FileChange.Remove, entry.Sensitive, current, null, default)));
        }

        var servers = serversInScope
            .Select(server => new PlannedServer(server, files.Where(f => f.Server == server)
                .GroupBy(f => f.Stack, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new PlannedStack(g.Key, g.Select(f => f.File).OrderBy(f => f.Path, StringComparer.Ordinal).ToArray()))
                .ToArray()))
            .ToArray();
        return new Plan(store.Root, servers);
    }

    private static string StackPath(ManifestEntry entry)
    {
        foreach (var prefix in new[] { $"{entry.Server}/{entry.Stack}/", $"{entry.Stack}/" })
            if (entry.Path.StartsWith(prefix, StringComparison.Ordinal)) return entry.Path[prefix.Length..];
        return entry.Path;
    }
}
