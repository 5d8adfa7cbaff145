using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Sample.Tests;

/// <summary>A rendered compose.yaml, parsed with YamlDotNet's representation model (keeps scalar styles).</summary>
public sealed class ComposeFile
{
    public ComposeFile(string path)
    {
        Path = path;
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path))) stream.Load(reader);
        Assert.True(stream.Documents.Count == 1, $"{path}: expected one YAML document, found {stream.Documents.Count}");
        Root = Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    public string Path { get; }
    public YamlMappingNode Root { get; }

    public YamlMappingNode Services => Mapping(Root, "services", Path);

    public IReadOnlyList<string> ServiceNames => Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToArray();

    public YamlMappingNode Service(string name) => Mapping(Services, name, $"{Path}: services");

    /// <summary>A service's labels as a dictionary, whether rendered as a mapping or as a <c>key=value</c> list.</summary>
    public IReadOnlyDictionary<string, string> Labels(string service)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Service(service).Children.TryGetValue(new YamlScalarNode("labels"), out var node)) return labels;
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children) labels[((YamlScalarNode)k).Value!] = ((YamlScalarNode)v).Value ?? "";
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    var text = ((YamlScalarNode)item).Value ?? "";
                    var eq = text.IndexOf('=');
                    labels[eq < 0 ? text : text[..eq]] = eq < 0 ? "" : text[(eq + 1)..];
                }
                break;
        }
        return labels;
    }

    /// <summary>A service's environment as a dictionary, whether a mapping or a <c>KEY=value</c> list.</summary>
    public IReadOnlyDictionary<string, string> Environment(string service)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Service(service).Children.TryGetValue(new YamlScalarNode("environment"), out var node)) return env;
        if (node is YamlMappingNode map)
            foreach (var (k, v) in map.Children) env[((YamlScalarNode)k).Value!] = (v as YamlScalarNode)?.Value ?? "";
        else if (node is YamlSequenceNode list)
            foreach (var item in list.Children)
            {
                var text = ((YamlScalarNode)item).Value ?? "";
                var eq = text.IndexOf('=');
                env[eq < 0 ? text : text[..eq]] = eq < 0 ? "" : text[(eq + 1)..];
            }
        return env;
    }

    /// <summary>The networks a service joins (list or mapping form); empty when it has none.</summary>
    public IReadOnlyList<string> Networks(string service)
    {
        if (!Service(service).Children.TryGetValue(new YamlScalarNode("networks"), out var node)) return [];
        return node switch
        {
            YamlSequenceNode list => list.Children.Select(n => ((YamlScalarNode)n).Value!).ToArray(),
            YamlMappingNode map => map.Children.Keys.Select(n => ((YamlScalarNode)n).Value!).ToArray(),
            _ => [],
        };
    }

    public YamlScalarNode? Scalar(string service, string key) =>
        Service(service).Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as YamlScalarNode : null;

    public bool Has(string service, string key) => Service(service).Children.ContainsKey(new YamlScalarNode(key));

    private static YamlMappingNode Mapping(YamlMappingNode parent, string key, string where)
    {
        Assert.True(parent.Children.TryGetValue(new YamlScalarNode(key), out var node), $"{where}: no '{key}'");
        return Assert.IsType<YamlMappingNode>(node);
    }

    /// <summary>
    /// The document as JSON for schema validation. Plain scalars are typed by the YAML 1.2 core schema
    /// (null, bool, int, float); quoted and block scalars stay strings — what compose itself does.
    /// </summary>
    public JsonElement ToJson()
    {
        var node = ToJsonNode(Root);
        return JsonSerializer.SerializeToElement(node);
    }

    private static readonly Regex Integer = new(@"^[-+]?(0|[1-9][0-9]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex Float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    private static JsonNode? ToJsonNode(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children) obj[((YamlScalarNode)k).Value!] = ToJsonNode(v);
                return obj;
            case YamlSequenceNode list:
                var array = new JsonArray();
                foreach (var item in list.Children) array.Add(ToJsonNode(item));
                return array;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
                if (text is "" or "~" or "null" or "Null" or "NULL") return null;
                if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
                if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
                if (Integer.IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                    return JsonValue.Create(whole);
                if (Float.IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                    return JsonValue.Create(real);
                return JsonValue.Create(text);
            default:
                throw new InvalidOperationException($"Unexpected YAML node {node.NodeType} (aliases are not used in rendered files).");
        }
    }
}
