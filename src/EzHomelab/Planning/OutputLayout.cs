using EzHomelab.Rendering;

namespace EzHomelab.Planning;

/// <summary>A rendered file with its place under the output root.</summary>
public sealed record PlacedFile(string Server, string Stack, string Path, RenderedFile File);

/// <summary>
/// Where rendered files go under the root: <c>&lt;stack&gt;/…</c> when one server is written (a one-server lab, or
/// <c>--server</c>), otherwise <c>&lt;server&gt;/&lt;stack&gt;/…</c>. Paths use <c>/</c> and never leave the root.
/// </summary>
public static class OutputLayout
{
    public static IReadOnlyList<PlacedFile> Place(RenderedLab rendered, bool perServerFolders)
    {
        var placed = new List<PlacedFile>();
        foreach (var server in rendered.Servers)
            foreach (var stack in server.Stacks)
                foreach (var file in stack.Files)
                {
                    var path = StackFolder(server.Name, stack.Name, perServerFolders) + "/" + file.RelativePath;
                    if (!IsContained(path))
                        throw new InvalidOperationException($"Rendered path '{path}' (server '{server.Name}', stack '{stack.Name}') would leave the output root.");
                    placed.Add(new PlacedFile(server.Name, stack.Name, path, file));
                }
        return placed;
    }

    /// <summary>A stack's folder relative to the root: <c>&lt;stack&gt;</c>, or <c>&lt;server&gt;/&lt;stack&gt;</c> with per-server folders.</summary>
    public static string StackFolder(string server, string stack, bool perServerFolders) =>
        perServerFolders ? $"{server}/{stack}" : stack;

    /// <summary>A relative path of non-empty segments, none of them <c>.</c> or <c>..</c>.</summary>
    public static bool IsContained(string relativePath) =>
        relativePath.Length > 0 && !relativePath.StartsWith('/') && !relativePath.Contains('\\')
        && relativePath.Split('/').All(segment => segment.Length > 0 && segment is not "." and not "..");
}
