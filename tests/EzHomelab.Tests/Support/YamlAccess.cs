using YamlDotNet.RepresentationModel;

namespace EzHomelab.Tests.Support;

/// <summary>Reads YAML back with a real parser, for semantic assertions on rendered files.</summary>
internal static class YamlAccess
{
    public static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    public static YamlNode At(this YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var mapping = Assert.IsType<YamlMappingNode>(node);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"missing key '{key}' in path {string.Join('.', path)}");
            node = child!;
        }
        return node;
    }

    public static bool Has(this YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child)) return false;
            node = child;
        }
        return true;
    }

    public static string Str(this YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value!;

    public static List<string> Keys(this YamlNode node) =>
        Assert.IsType<YamlMappingNode>(node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    public static List<string> Strings(this YamlNode node) =>
        Assert.IsType<YamlSequenceNode>(node).Children.Select(c => c.Str()).ToList();

    public static Dictionary<string, string> StringMap(this YamlNode node) =>
        Assert.IsType<YamlMappingNode>(node).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => kv.Value.Str());

    /// <summary>Undoes compose's <c>$$</c> escaping: the value compose hands to the container.</summary>
    public static string ComposeUnescape(string value) => value.Replace("$$", "$", StringComparison.Ordinal);
}
