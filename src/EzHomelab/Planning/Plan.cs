using System.Text;

namespace EzHomelab.Planning;

public enum FileChange
{
    Add,
    Change,
    Remove,
    Unchanged,
}

/// <summary>
/// One file of the plan. <c>Path</c> is relative to the root (<c>media/compose.yaml</c>), <c>StackPath</c> to the
/// stack folder (<c>compose.yaml</c>). <c>NewContent</c> is what would be written, <c>CurrentContent</c> what is on
/// disk now; for a <c>Sensitive</c> file neither is ever shown.
/// </summary>
public sealed record PlannedFile(string Path, string StackPath, FileChange Change, bool Sensitive, string? CurrentContent, string? NewContent, UnixFileMode Mode)
{
    /// <summary>Written only when missing (see <see cref="Rendering.RenderedFile.WriteOnce"/>); an existing one only gets its mode fixed.</summary>
    public bool WriteOnce { get; init; }

    public UnixFileMode? FolderMode { get; init; }

    /// <summary>A short remark shown with the change (<c>secret: generated</c>); never holds a value.</summary>
    public string? Note { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Path = ").Append(Path).Append(", Change = ").Append(Change).Append(", Sensitive = ").Append(Sensitive);
        return true;
    }
}

public sealed record PlannedStack(string Name, IReadOnlyList<PlannedFile> Files)
{
    public bool HasChanges => Files.Any(f => f.Change != FileChange.Unchanged);
}

public sealed record PlannedServer(string Name, IReadOnlyList<PlannedStack> Stacks);

public sealed record PlanSummary(int Add, int Change, int Remove, int Unchanged)
{
    public bool HasChanges => Add + Change + Remove > 0;
}

/// <summary>What <c>render</c> would do to the files under <see cref="Root"/>, per server and stack.</summary>
public sealed record Plan(string Root, IReadOnlyList<PlannedServer> Servers)
{
    public IEnumerable<PlannedFile> Files => Servers.SelectMany(s => s.Stacks).SelectMany(s => s.Files);

    public PlanSummary Summary => new(
        Files.Count(f => f.Change == FileChange.Add),
        Files.Count(f => f.Change == FileChange.Change),
        Files.Count(f => f.Change == FileChange.Remove),
        Files.Count(f => f.Change == FileChange.Unchanged));
}
