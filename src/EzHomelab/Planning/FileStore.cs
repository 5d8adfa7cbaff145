using System.Text;

namespace EzHomelab.Planning;

/// <summary>A root folder can't be read or written. The message is one line naming the path.</summary>
public sealed class FileStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The files under one output root. Writes are atomic (a temp file in the same folder, flushed to disk, given its
/// mode, then renamed over the target) and staged: every new file is written to its temp first, and only when all
/// succeeded are they renamed into place, so a failure leaves the previous files untouched.
/// </summary>
/// <param name="root">The output root.</param>
/// <param name="lab">The lab writing here (its class name), recorded in the manifest; null keeps what is recorded.</param>
public sealed class FileStore(string root, string? lab = null)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The lab the manifest says owns this root; null when there is no manifest or it names no lab.</summary>
    public string? RecordedLab()
    {
        var text = TryReadText(Manifest.RelativePath);
        if (text is null) return null;
        try
        {
            return Manifest.ParseLab(text);
        }
        catch (FormatException e)
        {
            throw new FileStoreException($"{FullPath(Manifest.RelativePath)} is not a valid manifest: {e.Message}", e);
        }
    }

    /// <summary>The manifest text for <paramref name="entries"/>, naming this store's lab (or the one already recorded).</summary>
    private string SerializeManifest(IEnumerable<ManifestEntry> entries) => Manifest.Serialize(entries, lab ?? RecordedLab());

    private string FullPath(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The manifest of files EzHomelab wrote here before; empty when there is none.</summary>
    public IReadOnlyList<ManifestEntry> ReadManifest()
    {
        var text = TryReadText(Manifest.RelativePath);
        if (text is null) return [];
        try
        {
            return Manifest.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FileStoreException($"{FullPath(Manifest.RelativePath)} is not a valid manifest: {e.Message}", e);
        }
    }

    /// <summary>The file's text, or null when it does not exist.</summary>
    public string? TryReadText(string relativePath)
    {
        var path = FullPath(relativePath);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path, Utf8) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileStoreException($"cannot read {path}: {e.Message}", e);
        }
    }

    public UnixFileMode? TryGetMode(string relativePath)
    {
        var path = FullPath(relativePath);
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return null;
        return File.GetUnixFileMode(path);
    }

    /// <summary>The file's numeric owner, or null when it does not exist or owners cannot be read here.</summary>
    public Rendering.FileOwner? TryGetOwner(string relativePath) =>
        UnixOwnership.TryGet(FullPath(relativePath)) is { } owner ? new Rendering.FileOwner(owner.Uid, owner.Gid) : null;

    /// <summary>Makes the disk match <paramref name="plan"/> for every stack of <paramref name="serversInScope"/>.</summary>
    /// <returns>Warnings, one line each: files whose owner could not be set.</returns>
    public IReadOnlyList<string> Apply(Plan plan, IReadOnlyList<PlacedFile> placed, IReadOnlyCollection<string> serversInScope, FileHistory? history = null) =>
        Apply(plan, placed, entry => serversInScope.Contains(entry.Server), history);

    /// <summary>
    /// Makes the disk match <paramref name="plan"/> and records every planned file (except removed ones) in the manifest,
    /// replacing the entries <paramref name="inScope"/> selects. Every file it replaces or removes is first copied to
    /// <paramref name="history"/>. The manifest is written twice: before the renames with both the old and the new hash
    /// of each file, after them with the new one only, so a run killed in between leaves no file that looks hand-edited.
    /// </summary>
    /// <returns>
    /// Warnings, one line each: files that must belong to another user (<see cref="PlannedFile.Owner"/>) when this
    /// run may not give them away (it is not root). Such a file is written all the same, owned by this run's user.
    /// </returns>
    /// <exception cref="FileStoreException">The root can't be created or written; nothing was changed.</exception>
    public IReadOnlyList<string> Apply(Plan plan, IReadOnlyList<PlacedFile> placed, Func<ManifestEntry, bool> inScope, FileHistory? history = null)
    {
        var previous = ReadManifest();
        var warnings = new List<string>();
        var changed = plan.Files.Where(f => f.Change is FileChange.Add or FileChange.Change).ToList();
        // An existing write-once file is never rewritten; only its mode and owner are set.
        var modeOnly = changed.Where(f => f.WriteOnce && f.CurrentContent is not null).ToList();
        // Secrets are renamed into place first: a file that relies on one (the users database holding the hash of a
        // kept admin password, a compose file mounting it) never lands without it, even if the run dies in between.
        var writes = changed.Except(modeOnly)
            .OrderBy(f => IsSecretFile(f.Path) ? 0 : 1)
            .Select(f => (f.Path, Content: f.NewContent ?? "", f.Mode, f.FolderMode, f.Owner))
            .ToList();

        var kept = previous.Where(e => !inScope(e)).ToList();
        var oldHashes = previous.Where(e => e.Hashes is { Count: > 0 }).ToDictionary(e => e.Path, e => e.Hashes!, StringComparer.Ordinal);
        var current = plan.Files.Where(f => f.CurrentContent is not null).ToDictionary(f => f.Path, f => f.CurrentContent!, StringComparer.Ordinal);
        ManifestEntry EntryOf(PlacedFile p, bool withOld)
        {
            if (p.File.WriteOnce) return new ManifestEntry(p.Path, p.Server, p.Stack, p.File.Sensitive, WriteOnce: true);
            var hashes = new List<string> { ContentHash.Of(p.File.Content) };
            if (withOld)
            {
                if (current.TryGetValue(p.Path, out var old)) hashes.Add(ContentHash.Of(old));
                if (oldHashes.TryGetValue(p.Path, out var recorded)) hashes.AddRange(recorded);
            }
            return new ManifestEntry(p.Path, p.Server, p.Stack, p.File.Sensitive, Hashes: hashes.Distinct(StringComparer.Ordinal).ToArray());
        }
        var manifest = SerializeManifest(kept.Concat(placed.Select(p => EntryOf(p, withOld: false))));
        bool manifestChanges = TryReadText(Manifest.RelativePath) != manifest;
        var written = writes.Select(w => w.Path).ToHashSet(StringComparer.Ordinal);
        var placedPaths = placed.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var replaced = plan.Files.Where(f => f.CurrentContent is not null && (f.Change == FileChange.Remove || written.Contains(f.Path))).ToList();

        var staged = new List<(string Temp, string Target)>();
        try
        {
            foreach (var folder in writes.Select(w => Path.GetDirectoryName(FullPath(w.Path))!).Distinct()) RemoveAbandonedTemps(folder);
            foreach (var (path, content, mode, folderMode, owner) in writes)
            {
                var temp = Stage(FullPath(path), content, mode, folderMode);
                staged.Add((temp, FullPath(path)));
                // Before the rename, so the file never appears with another owner.
                if (owner is not null) GiveTo(temp, path, owner, warnings);
            }
            history?.Keep(replaced);
            if (writes.Count > 0 || plan.Summary.Remove > 0)
                Replace(Manifest.RelativePath, SerializeManifest(kept.Concat(previous.Where(inScope).Where(e => !placedPaths.Contains(e.Path)))
                    .Concat(placed.Select(p => EntryOf(p, withOld: true)))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var (temp, _) in staged) TryDelete(temp);
            throw new FileStoreException($"cannot write to {Root}: {e.Message}", e);
        }

        try
        {
            foreach (var (temp, target) in staged) File.Move(temp, target, overwrite: true);
            if (!OperatingSystem.IsWindows())
                foreach (var file in modeOnly)
                {
                    File.SetUnixFileMode(FullPath(file.Path), file.Mode);
                    if (file.FolderMode is { } folderMode) File.SetUnixFileMode(Path.GetDirectoryName(FullPath(file.Path))!, folderMode);
                    if (file.Owner is { } owner) GiveTo(FullPath(file.Path), file.Path, owner, warnings);
                }
            foreach (var removed in plan.Files.Where(f => f.Change == FileChange.Remove))
            {
                var path = FullPath(removed.Path);
                File.Delete(path);
                RemoveEmptyFolders(Path.GetDirectoryName(path));
            }
            // Last, so an interruption leaves it describing files that exist.
            if (manifestChanges) Replace(Manifest.RelativePath, manifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileStoreException($"cannot write to {Root}: {e.Message}", e);
        }
        return warnings;
    }

    /// <summary>
    /// Gives <paramref name="file"/> (on disk; <paramref name="relativePath"/> names it in messages) to
    /// <paramref name="owner"/>. Only root may give a file away: any other run gets a warning that names the file,
    /// the owner it needs and the command that gives it.
    /// </summary>
    private void GiveTo(string file, string relativePath, Rendering.FileOwner owner, List<string> warnings)
    {
        if (OperatingSystem.IsWindows()) return;
        if (UnixOwnership.TryGet(file) is { } now && owner.IsMetBy(now.Uid, now.Gid)) return;
        if (UnixOwnership.TrySet(file, owner.Uid, owner.Gid) is not { } error) return;
        var path = FullPath(relativePath);
        warnings.Add($"{path} must belong to {owner} so that {owner.NeededBy} can read it, but this run cannot change its owner ({error}); "
            + $"run as root (sudo) or as user {owner.Uid}, or fix it with: sudo chown {owner} {path}");
    }

    /// <summary>
    /// Undoes <see cref="Apply(Plan, IReadOnlyList{PlacedFile}, Func{ManifestEntry, bool}, FileHistory?)"/> of <paramref name="stack"/>:
    /// replaced and removed files get their previous content and mode back, added files are deleted, and the manifest
    /// entries of the stack become <paramref name="previousEntries"/> again. Write-once files (secrets) are left alone:
    /// a container may already have stored data with them.
    /// </summary>
    public void Restore(PlannedStack stack, string server, IReadOnlyList<ManifestEntry> previousEntries)
    {
        try
        {
            foreach (var file in stack.Files.Where(f => !f.WriteOnce))
            {
                if (file.Change is FileChange.Change or FileChange.Remove && file.CurrentContent is { } old)
                    Replace(file.Path, old, file.CurrentMode ?? file.Mode);
                else if (file.Change == FileChange.Add)
                {
                    File.Delete(FullPath(file.Path));
                    RemoveEmptyFolders(Path.GetDirectoryName(FullPath(file.Path)));
                }
            }
            // Secrets made by the failed attempt stay on disk, so the manifest keeps knowing them.
            var now = ReadManifest();
            bool OfStack(ManifestEntry e) => e.Server == server && e.Stack == stack.Name;
            var entries = now.Where(e => !OfStack(e))
                .Concat(previousEntries)
                .Concat(now.Where(e => OfStack(e) && e.WriteOnce && previousEntries.All(p => p.Path != e.Path)));
            Replace(Manifest.RelativePath, SerializeManifest(entries));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileStoreException($"cannot restore the previous files of stack '{stack.Name}' under {Root}: {e.Message}", e);
        }
    }

    /// <summary>Fails (one line naming the folder) unless the root can be created and written, before anything else is done.</summary>
    public void EnsureWritable()
    {
        try
        {
            var folder = FullPath(Manifest.Folder);
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check.{Guid.NewGuid():N}.tmp");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileStoreException($"cannot write to {Root}: {e.Message}", e);
        }
    }

    /// <summary>Writes one file atomically (temp, flush, rename).</summary>
    public void Replace(string relativePath, string content, UnixFileMode mode = Rendering.RenderedFile.Readable) =>
        File.Move(Stage(FullPath(relativePath), content, mode, null), FullPath(relativePath), overwrite: true);

    private static bool IsSecretFile(string path) =>
        path.Contains("/" + Rendering.Secrets.LabSecrets.SecretsFolder + "/", StringComparison.Ordinal)
        || path.StartsWith(Rendering.Secrets.LabSecrets.SecretsFolder + "/", StringComparison.Ordinal);

    /// <summary>Temp files of a run that was killed before it could rename or delete them.</summary>
    private static void RemoveAbandonedTemps(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var temp in Directory.EnumerateFiles(folder, ".*.tmp"))
            if (System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(temp), @"^\..+\.[0-9a-f]{32}\.tmp$")) TryDelete(temp);
    }

    private static string Stage(string target, string content, UnixFileMode mode, UnixFileMode? folderMode)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        // Closed before the file is created in it (a secrets/ folder is 0700 even if it existed wider).
        if (folderMode is { } restricted && !OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, restricted);
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            WriteNew(temp, content, mode);
            return temp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Creates <paramref name="path"/> (it must not exist) with <paramref name="content"/>, flushed to disk.</summary>
    internal static void WriteNew(string path, string content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        // Created with the final mode (0600 for secrets), so the content is never readable by others, even briefly.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        using (var stream = new FileStream(path, options))
        {
            stream.Write(Utf8.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }
        // The process umask may have narrowed the mode at creation.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    private void RemoveEmptyFolders(string? folder)
    {
        while (folder is not null && folder.Length > Root.Length && folder.StartsWith(Root, StringComparison.Ordinal)
               && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
