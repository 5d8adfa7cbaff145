using System.Text;
using System.Text.Json;

namespace EzHomelab.Planning;

/// <summary>
/// A file EzHomelab wrote: its path, flags and the SHA-256 of what was written (<see cref="Hashes"/>), so a hand edit
/// can be told from our own output. Write-once files (secrets, the users database) carry no hash: they are never
/// rewritten, so there is nothing to compare, and no digest of a secret is ever stored. <c>Hashes</c> holds one hash,
/// or two (new and old) while a write is in progress, so a run killed between its renames leaves no file looking
/// hand-edited; none means unknown (an older manifest).
/// </summary>
public sealed record ManifestEntry(string Path, string Server, string Stack, bool Sensitive, bool WriteOnce = false, IReadOnlyList<string>? Hashes = null)
{
    /// <summary>True when <paramref name="content"/> is something EzHomelab wrote there (or the manifest cannot tell).</summary>
    public bool Wrote(string content) => Hashes is not { Count: > 0 } hashes || hashes.Contains(ContentHash.Of(content));
}

/// <summary>Lower-case hex SHA-256 of a file's UTF-8 text.</summary>
public static class ContentHash
{
    public static string Of(string content) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();
}

/// <summary>
/// <c>&lt;root&gt;/.ezhomelab/manifest.json</c>: the lab whose files these are, and the files EzHomelab generated under
/// the root, so a later plan can tell which of them are no longer rendered (and only those are ever removed).
/// </summary>
public static class Manifest
{
    public const string Folder = ".ezhomelab";
    public const string FileName = "manifest.json";
    public static string RelativePath => Folder + "/" + FileName;

    /// <param name="lab">The lab that owns the root (its class name); null for none recorded.</param>
    public static string Serialize(IEnumerable<ManifestEntry> entries, string? lab = null)
    {
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            if (lab is not null) json.WriteString("lab", lab);
            json.WriteStartArray("files");
            foreach (var entry in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", entry.Path);
                json.WriteString("server", entry.Server);
                json.WriteString("stack", entry.Stack);
                json.WriteBoolean("sensitive", entry.Sensitive);
                if (entry.WriteOnce) json.WriteBoolean("writeOnce", true);
                if (entry.Hashes is { Count: > 0 } hashes)
                {
                    json.WriteStartArray("sha256");
                    foreach (var hash in hashes) json.WriteStringValue(hash);
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }) + "\n";
    }

    /// <summary>The lab recorded in a manifest; null when the manifest (written before labs were recorded) names none.</summary>
    /// <exception cref="FormatException">The text is not a manifest this version understands.</exception>
    public static string? ParseLab(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("lab", out var lab) ? lab.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <exception cref="FormatException">The text is not a manifest this version understands.</exception>
    public static IReadOnlyList<ManifestEntry> Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var entries = new List<ManifestEntry>();
            foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
            {
                var entry = new ManifestEntry(
                    file.GetProperty("path").GetString() ?? throw new FormatException("a file without a path"),
                    file.GetProperty("server").GetString() ?? "",
                    file.GetProperty("stack").GetString() ?? "",
                    file.TryGetProperty("sensitive", out var sensitive) && sensitive.GetBoolean(),
                    file.TryGetProperty("writeOnce", out var writeOnce) && writeOnce.GetBoolean(),
                    file.TryGetProperty("sha256", out var hashes) ? hashes.EnumerateArray().Select(h => h.GetString() ?? "").ToArray() : null);
                // A tampered manifest must not make us delete outside the root.
                if (!OutputLayout.IsContained(entry.Path) || entry.Path.StartsWith(Folder + "/", StringComparison.Ordinal))
                    throw new FormatException($"path '{entry.Path}' is outside the root");
                entries.Add(entry);
            }
            return entries;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
