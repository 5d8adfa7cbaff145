using System.Text;
using System.Text.Json;
using EzHomelab.Planning;

namespace EzHomelab.Deploy;

/// <summary>What the last successful deploy of one stack left: the hash of its files and each service's compose config-hash.</summary>
/// <param name="FilesHash">SHA-256 over the stack's generated files (paths and contents; write-once files excluded, so no secret is hashed).</param>
public sealed record DeployedStack(string Server, string Stack, string FilesHash, IReadOnlyDictionary<string, string> ConfigHashes);

/// <summary>
/// <c>&lt;root&gt;/.ezhomelab/deployed.json</c>: per stack, what was deployed last. Files byte-identical on disk say only
/// that <c>render</c> ran; this record says they were also brought up, so a no-op deploy can skip compose entirely.
/// </summary>
public static class DeployedState
{
    public const string RelativePath = Manifest.Folder + "/deployed.json";

    public static string FilesHash(IEnumerable<PlacedFile> stackFiles)
    {
        var text = new StringBuilder();
        foreach (var file in stackFiles.Where(f => !f.File.WriteOnce).OrderBy(f => f.Path, StringComparer.Ordinal))
            text.Append(file.Path).Append('\0').Append(ContentHash.Of(file.File.Content)).Append('\n');
        return ContentHash.Of(text.ToString());
    }

    public static IReadOnlyList<DeployedStack> Read(FileStore store)
    {
        var text = store.TryReadText(RelativePath);
        if (text is null) return [];
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetProperty("stacks").EnumerateArray().Select(s => new DeployedStack(
                s.GetProperty("server").GetString() ?? "",
                s.GetProperty("stack").GetString() ?? "",
                s.GetProperty("files").GetString() ?? "",
                s.GetProperty("services").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal))).ToArray();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Only an optimisation: without it every stack is simply deployed again.
            return [];
        }
    }

    /// <summary>Replaces (or, with null, removes) the record of one stack, atomically.</summary>
    public static void Record(FileStore store, string server, string stack, DeployedStack? deployed)
    {
        var stacks = Read(store).Where(s => s.Server != server || s.Stack != stack).ToList();
        if (deployed is not null) stacks.Add(deployed);
        var text = JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("stacks");
            foreach (var s in stacks.OrderBy(s => s.Server, StringComparer.Ordinal).ThenBy(s => s.Stack, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("server", s.Server);
                json.WriteString("stack", s.Stack);
                json.WriteString("files", s.FilesHash);
                json.WriteStartObject("services");
                foreach (var (service, hash) in s.ConfigHashes.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(service, hash);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
        store.Replace(RelativePath, text + "\n");
    }
}
