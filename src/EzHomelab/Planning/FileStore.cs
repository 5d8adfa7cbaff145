using System.Text;

namespace EzHomelab.Planning;

/// <summary>A root folder can't be read or written. The message is one line naming the path.</summary>
public sealed class FileStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The files under one output root. Writes are atomic (a temp file in the same folder, flushed to disk, given its
/// mode, then renamed over the target) and staged: every new file is written to its temp first, and only when all
/// succeeded are they renamed into place, so a failure leaves the previous files untouched.
/// </summary>
public sealed class FileStore(string root)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Root { get; } = Path.GetFullPath(root);

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

    /// <summary>Makes the disk match <paramref name="plan"/> and records every planned file (except removed ones) in the manifest.</summary>
    /// <exception cref="FileStoreException">The root can't be created or written; nothing was changed.</exception>
    public void Apply(Plan plan, IReadOnlyList<PlacedFile> placed, IReadOnlyCollection<string> serversInScope)
    {
        var previous = ReadManifest();
        var changed = plan.Files.Where(f => f.Change is FileChange.Add or FileChange.Change).ToList();
        // An existing write-once file is never rewritten; only its mode is set.
        var modeOnly = changed.Where(f => f.WriteOnce && f.CurrentContent is not null).ToList();
        var writes = changed.Except(modeOnly)
            .Select(f => (f.Path, Content: f.NewContent ?? "", f.Mode, f.FolderMode))
            .ToList();

        var entries = previous.Where(e => !serversInScope.Contains(e.Server))
            .Concat(placed.Select(p => new ManifestEntry(p.Path, p.Server, p.Stack, p.File.Sensitive, p.File.WriteOnce)))
            .ToList();
        var manifest = Manifest.Serialize(entries);
        if (writes.Count > 0 || plan.Summary.Remove > 0 || TryReadText(Manifest.RelativePath) != manifest)
            writes.Add((Manifest.RelativePath, manifest, Rendering.RenderedFile.Readable, null));

        var staged = new List<(string Temp, string Target)>();
        try
        {
            foreach (var (path, content, mode, folderMode) in writes)
                staged.Add((Stage(FullPath(path), content, mode, folderMode), FullPath(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var (temp, _) in staged) TryDelete(temp);
            throw new FileStoreException($"cannot write to {Root}: {e.Message}", e);
        }

        try
        {
            // The manifest goes last, so an interruption leaves it describing files that exist.
            foreach (var (temp, target) in staged) File.Move(temp, target, overwrite: true);
            if (!OperatingSystem.IsWindows())
                foreach (var file in modeOnly)
                {
                    File.SetUnixFileMode(FullPath(file.Path), file.Mode);
                    if (file.FolderMode is { } folderMode) File.SetUnixFileMode(Path.GetDirectoryName(FullPath(file.Path))!, folderMode);
                }
            foreach (var removed in plan.Files.Where(f => f.Change == FileChange.Remove))
            {
                var path = FullPath(removed.Path);
                File.Delete(path);
                RemoveEmptyFolders(Path.GetDirectoryName(path));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileStoreException($"cannot write to {Root}: {e.Message}", e);
        }
    }

    private static string Stage(string target, string content, UnixFileMode mode, UnixFileMode? folderMode)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        // Closed before the file is created in it (a secrets/ folder is 0700 even if it existed wider).
        if (folderMode is { } restricted && !OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, restricted);
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        // Created with the final mode (0600 for secrets), so the content is never readable by others, even briefly.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Utf8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
            // The process umask may have narrowed the mode at creation.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, mode);
            return temp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
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
