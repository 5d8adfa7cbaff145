using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace EzHomelab.Tests.Support;

/// <summary>
/// The official JSON schemas of the files EzHomelab renders (compose, Traefik, Authelia), applied to YAML converted
/// with YAML 1.2 core-schema typing (the same conversion as <see cref="ComposeSchema"/>).
/// </summary>
internal sealed class ConfigSchema
{
    public static ConfigSchema ComposeSpec { get; } = new("compose-go", "compose-spec.json");
    public static ConfigSchema TraefikStatic { get; } = new("schemastore", "traefik-v3.json");
    public static ConfigSchema TraefikDynamic { get; } = new("schemastore", "traefik-v3-file-provider.json");
    public static ConfigSchema AutheliaConfiguration { get; } = new("authelia", "v4.39", "configuration.json");
    public static ConfigSchema AutheliaUserDatabase { get; } = new("authelia", "v4.39", "user-database.json");

    private readonly Lazy<JsonSchema> _schema;

    private ConfigSchema(params string[] path) =>
        _schema = new(() => JsonSchema.FromFile(RepoPaths.Schema(path)));

    /// <summary>Schema errors of a YAML document, one line each; empty when valid.</summary>
    public IReadOnlyList<string> Errors(string yaml) => Errors(ComposeSchema.ToJson(YamlAccess.Parse(yaml)));

    public IReadOnlyList<string> Errors(JsonNode? document)
    {
        var result = _schema.Value.Evaluate(JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .ToList();
    }
}
