using System.CommandLine.Parsing;

namespace EzHomelab.Cli;

/// <summary>
/// The one check of <c>--root</c>, made for every verb while the arguments are parsed, before anything is read or
/// written: the path must name a folder that exists or can be created, on a file system that holds files. It writes
/// nothing (plan and a dry run must not), so a folder that cannot be created for want of permission is still found
/// by the verb that writes (<c>cannot write to …</c>, exit 1).
/// </summary>
internal static class OutputRoot
{
    /// <summary>Adds the parse error (one line naming the option as it was typed) when the root cannot be one.</summary>
    public static void Validate(OptionResult result)
    {
        var given = result.GetValueOrDefault<string>() ?? "";
        if (Problem(given) is { } problem)
        {
            var option = result.IdentifierToken?.Value ?? "--root";
            result.AddError(given.Trim().Length == 0 ? $"{option}: {problem}" : $"{option} {given}: {problem}");
        }
    }

    /// <summary>Why <paramref name="given"/> cannot be the root, or null when it can.</summary>
    public static string? Problem(string given)
    {
        if (given.Trim().Length == 0) return $"'{given}' is empty";
        if (given.Contains('\0')) return "the path holds a NUL character";
        string full;
        try
        {
            full = Path.GetFullPath(given);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"is not a valid path ({e.Message})";
        }
        // The nearest part of the path that exists decides: a folder can be created only inside a folder.
        for (var path = full; path is not null; path = Path.GetDirectoryName(path))
        {
            if (Directory.Exists(path))
            {
                if (FileSystemWithoutStorage(path) is not { } type) return null;
                var where = $"{path} is on a {type} file system, which holds no files";
                return path == full ? $"is not a place for files ({where})" : $"cannot create the folder ({where})";
            }
            if (File.Exists(path)) return path == full ? "is a file, not a folder" : $"cannot create the folder ({path} is a file)";
        }
        return null;
    }

    /// <summary>
    /// The type of a kernel file system such as proc or sysfs, which report no size at all and refuse new folders;
    /// null for a file system with storage (a full disk still has a size).
    /// </summary>
    private static string? FileSystemWithoutStorage(string folder)
    {
        try
        {
            var drive = new DriveInfo(folder);
            return drive.IsReady && drive.TotalSize == 0 ? drive.DriveFormat : null;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
