using System.Text;
using System.Text.Json;

namespace EzHomelab.Planning;

/// <summary>A file EzHomelab wrote. Paths and flags only: never contents, never hashes.</summary>
public sealed record ManifestEntry(string Path, string Server, string Stack, bool Sensitive, bool WriteOnce = false);

/// <summary>
/// <c>&lt;root&gt;/.ezhomelab/manifest.json</c>: the files EzHomelab generated under a root, so a later plan can tell
/// which of them are no longer rendered (and only those are ever removed).
/// </summary>
public static class Manifest
{
    public const string Folder = ".ezhomelab";
    public const string FileName = "manifest.json";
    public static string RelativePath => Folder + "/" + FileName;

    public static string Serialize(IEnumerable<ManifestEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("files");
            foreach (var entry in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", entry.Path);
                json.WriteString("server", entry.Server);
                json.WriteString("stack", entry.Stack);
                json.WriteBoolean("sensitive", entry.Sensitive);
                if (entry.WriteOnce) json.WriteBoolean("writeOnce", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
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
                    file.TryGetProperty("writeOnce", out var writeOnce) && writeOnce.GetBoolean());
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
