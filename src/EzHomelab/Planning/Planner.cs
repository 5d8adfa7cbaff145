namespace EzHomelab.Planning;

/// <summary>Compares rendered files with what is on disk under a root. Reads only; never writes.</summary>
public static class Planner
{
    public const string DriftNote = "edited by hand since EzHomelab wrote it";

    /// <summary>Plans the files of <paramref name="serversInScope"/>: added, changed, unchanged, and removed (in the manifest, no longer rendered).</summary>
    public static Plan Compute(FileStore store, IReadOnlyList<PlacedFile> placed, IReadOnlyCollection<string> serversInScope)
    {
        var files = new List<Placed>();
        var manifest = store.ReadManifest().ToDictionary(e => e.Path, StringComparer.Ordinal);
        foreach (var p in placed)
        {
            var current = store.TryReadText(p.Path);
            var currentMode = current is null ? null : store.TryGetMode(p.Path);
            var currentOwner = current is null || p.File.Owner is null ? null : store.TryGetOwner(p.Path);
            // A write-once file on disk is kept as it is, whatever was rendered; at most its mode and owner are fixed.
            var content = p.File.WriteOnce && current is not null ? current : p.File.Content;
            var planned = new PlannedFile(p.Path, p.File.RelativePath, FileChange.Unchanged, p.File.Sensitive, current, content, p.File.Mode)
            {
                WriteOnce = p.File.WriteOnce,
                FolderMode = p.File.FolderMode,
                CurrentMode = currentMode,
                Owner = p.File.Owner,
                CurrentOwner = currentOwner,
            };
            var change = current is null ? FileChange.Add
                : current != content || (currentMode is { } mode && mode != p.File.Mode) || planned.OwnerChanges ? FileChange.Change
                : FileChange.Unchanged;
            // Only a content change can lose anything; a file EzHomelab never wrote counts as hand-made.
            bool drifted = change == FileChange.Change && current != content && !p.File.WriteOnce
                && !(manifest.TryGetValue(p.Path, out var entry) && entry.Wrote(current!));
            files.Add(new(p.Server, p.Stack, planned with
            {
                Change = change,
                Note = change == FileChange.Add ? p.File.Note : drifted ? DriftNote : planned.OwnerChanges ? $"owner {currentOwner} -> {p.File.Owner}" : null,
                Drifted = drifted,
            }));
        }

        var rendered = placed.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in manifest.Values.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            // Secrets and the users database are never removed: a service added back must find its old values.
            if (!serversInScope.Contains(entry.Server) || rendered.Contains(entry.Path) || entry.WriteOnce) continue;
            var current = store.TryReadText(entry.Path);
            if (current is null) continue; // already gone
            bool drifted = !entry.Wrote(current);
            files.Add(new(entry.Server, entry.Stack, new PlannedFile(entry.Path, StackPath(entry), FileChange.Remove, entry.Sensitive, current, null, default)
            {
                Drifted = drifted,
                Note = drifted ? DriftNote : null,
                CurrentMode = store.TryGetMode(entry.Path),
            }));
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

    // A class, not a tuple: LINQ over a value type is JIT-compiled at every start of the runner.
    private sealed record Placed(string Server, string Stack, PlannedFile File);

    private static string StackPath(ManifestEntry entry)
    {
        foreach (var prefix in new[] { $"{entry.Server}/{entry.Stack}/", $"{entry.Stack}/" })
            if (entry.Path.StartsWith(prefix, StringComparison.Ordinal)) return entry.Path[prefix.Length..];
        return entry.Path;
    }
}
