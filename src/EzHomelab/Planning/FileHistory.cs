namespace EzHomelab.Planning;

/// <summary>
/// The previous versions of generated files: before a run replaces or removes a file, its old content goes to
/// <c>&lt;root&gt;/.ezhomelab/history/&lt;run&gt;/&lt;path&gt;</c>. The last <see cref="RunsKept"/> runs that replaced
/// anything are kept. Every copy is owner-only (0600, folders 0700), whatever the original's mode, because some hold
/// secrets (<c>.env</c>); write-once files are never replaced, so secrets proper never get here.
/// </summary>
public sealed class FileHistory(string root, string runId)
{
    public const string Folder = Manifest.Folder + "/history";
    public const int RunsKept = 10;

    /// <summary>A sortable run id: UTC time to the millisecond, then a few random characters.</summary>
    public static string NewRunId() => DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

    public string RunFolder { get; } = Path.Combine(Path.GetFullPath(root), Folder, runId);

    /// <summary>Paths (relative to the root) of the copies this run made, in the order they were made.</summary>
    public List<string> Kept { get; } = [];

    /// <summary>Copies the current content of each file; an existing copy from earlier in the same run is kept (it is the older one).</summary>
    public void Keep(IEnumerable<PlannedFile> files)
    {
        var list = files.ToList();
        if (list.Count == 0) return;
        CreateOwnerOnly(RunFolder);
        foreach (var file in list)
        {
            var target = Path.Combine(RunFolder, file.Path.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(target)) continue;
            CreateOwnerOnly(Path.GetDirectoryName(target)!);
            FileStore.WriteNew(target, file.CurrentContent ?? "", Rendering.RenderedFile.OwnerOnly);
            Kept.Add(file.Path);
        }
        Prune();
    }

    private void Prune()
    {
        var runs = Directory.GetDirectories(Path.GetDirectoryName(RunFolder)!).Order(StringComparer.Ordinal).ToList();
        foreach (var old in runs.Take(Math.Max(0, runs.Count - RunsKept))) Directory.Delete(old, recursive: true);
    }

    private static void CreateOwnerOnly(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, Rendering.RenderedFile.OwnerOnlyFolder);
    }
}
