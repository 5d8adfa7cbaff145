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
    /// <summary>Written only when missing (see <see cref="Rendering.RenderedFile.WriteOnce"/>); an existing one only gets its mode and owner fixed.</summary>
    public bool WriteOnce { get; init; }

    public UnixFileMode? FolderMode { get; init; }

    /// <summary>A short remark shown with the change (<c>secret: generated</c>); never holds a value.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// The file on disk is not what EzHomelab last wrote there (a hand edit, or a file it never wrote): replacing or
    /// removing it would lose that content, so deploy and render refuse without <c>--force</c> (and back it up with it).
    /// </summary>
    public bool Drifted { get; init; }

    /// <summary>The mode of the file on disk now (null when there is none), so a rollback restores it exactly.</summary>
    public UnixFileMode? CurrentMode { get; init; }

    /// <summary>The owner the file must have (see <see cref="Rendering.RenderedFile.Owner"/>); null leaves it to whoever writes it.</summary>
    public Rendering.FileOwner? Owner { get; init; }

    /// <summary>The owner of the file on disk now, when it has to have one and it can be read.</summary>
    public Rendering.FileOwner? CurrentOwner { get; init; }

    /// <summary>The file on disk has another owner than it must have.</summary>
    public bool OwnerChanges => Owner is { } wanted && CurrentOwner is { } current && !wanted.IsMetBy(current.Uid, current.Gid ?? -1);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Path = ").Append(Path).Append(", Change = ").Append(Change).Append(", Sensitive = ").Append(Sensitive);
        return true;
    }
}

public sealed record PlannedStack(string Name, IReadOnlyList<PlannedFile> Files)
{
    public bool HasChanges => Files.Any(f => f.Change != FileChange.Unchanged);

    /// <summary>Every file of the stack is to be removed: the stack left the lab.</summary>
    public bool IsRemoved => Files.Count > 0 && Files.All(f => f.Change == FileChange.Remove);
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

    /// <summary>Files that would be replaced or removed although they are not what EzHomelab last wrote.</summary>
    public IEnumerable<PlannedFile> Drifted => Files.Where(f => f.Drifted);

    /// <summary>The plan of stack <paramref name="stack"/> only: on <paramref name="server"/>, or on every server when null.</summary>
    public Plan OnlyStack(string stack, string? server = null) =>
        this with { Servers = Servers.Where(s => server is null || s.Name == server).Select(s => s with { Stacks = s.Stacks.Where(x => x.Name == stack).ToArray() }).ToArray() };

    public PlanSummary Summary => new(
        Files.Count(f => f.Change == FileChange.Add),
        Files.Count(f => f.Change == FileChange.Change),
        Files.Count(f => f.Change == FileChange.Remove),
        Files.Count(f => f.Change == FileChange.Unchanged));
}
