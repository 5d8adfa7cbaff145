using System.Text;

namespace EzHomelab.Rendering;

/// <summary>
/// One file a renderer produced, relative to its stack folder (e.g. <c>compose.yaml</c>, <c>.env</c>).
/// A <see cref="Sensitive"/> file holds secret values: its contents are never printed, diffed or logged.
/// </summary>
public sealed record RenderedFile(string RelativePath, string Content, UnixFileMode Mode, bool Sensitive)
{
    /// <summary>Owner read/write only: for files that hold secrets.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read/write, everyone else read.</summary>
    public const UnixFileMode Readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Owner read/write, group read: a secret two container users read through one group.</summary>
    public const UnixFileMode OwnerAndGroupRead = OwnerOnly | UnixFileMode.GroupRead;

    /// <summary>Owner only, for a folder (read, write, enter).</summary>
    public const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>
    /// Written only when missing, never rewritten or removed (generated secrets, the users database): a changed
    /// value would lock services out of what they stored with the old one.
    /// </summary>
    public bool WriteOnce { get; init; }

    /// <summary>The mode the file's folder must have, when it matters (0700 for <c>secrets/</c>).</summary>
    public UnixFileMode? FolderMode { get; init; }

    /// <summary>A short remark for the plan (e.g. <c>secret: generated</c>); never holds a value.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// The user (and group) the file must belong to, so that the container user who reads it can (a secret read by
    /// a non-root user, see <see cref="Secrets.LabSecrets.OwnershipOf"/>); null leaves it to whoever writes it.
    /// </summary>
    public FileOwner? Owner { get; init; }

    // The generated ToString would print Content, which for a sensitive file is a secret.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RelativePath = ").Append(RelativePath)
            .Append(", Mode = ").Append(Mode)
            .Append(", Sensitive = ").Append(Sensitive)
            .Append(", Content = ").Append(Sensitive ? "(hidden)" : $"({Content.Length} chars)");
        return true;
    }
}

/// <summary>
/// A numeric file owner: <paramref name="Uid"/>, and <paramref name="Gid"/> when it matters (null keeps the group).
/// <paramref name="NeededBy"/> says who needs it, for messages (<c>service 'api' (user 1000:1000)</c>).
/// </summary>
public sealed record FileOwner(int Uid, int? Gid, string NeededBy = "")
{
    /// <summary>True when a file owned by <paramref name="uid"/>:<paramref name="gid"/> already has this owner.</summary>
    public bool IsMetBy(int uid, int gid) => uid == Uid && (Gid is null || Gid == gid);

    /// <summary>As <c>chown</c> takes it: <c>1000:1000</c>, or <c>1000</c> when the group does not matter.</summary>
    public override string ToString() => Gid is { } gid
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Uid}:{gid}")
        : Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The files of one stack (one folder in Dockge's layout).</summary>
public sealed record RenderedStack(string Name, IReadOnlyList<RenderedFile> Files);

/// <summary>Everything rendered for one server.</summary>
public sealed record RenderedServer(string Name, IReadOnlyList<RenderedStack> Stacks);

/// <summary>The whole rendered lab: per server, per stack, in name order. Produced without touching disk or Docker.</summary>
public sealed record RenderedLab(IReadOnlyList<RenderedServer> Servers)
{
    public RenderedServer? FindServer(string name) => Servers.FirstOrDefault(s => s.Name == name);
}
