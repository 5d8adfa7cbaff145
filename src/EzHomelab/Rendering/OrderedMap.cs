using YamlDotNet.RepresentationModel;

namespace EzHomelab.Rendering;

/// <summary>
/// Builds a YAML mapping in insertion order where setting an existing key replaces its value in place
/// (a <see cref="YamlMappingNode"/> throws on a duplicate key instead).
/// </summary>
public sealed class OrderedMap
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    public int Count => _keys.Count;

    public bool Contains(string key) => _values.ContainsKey(key);

    public OrderedMap Set(string key, YamlNode value)
    {
        if (!_values.ContainsKey(key)) _keys.Add(key);
        _values[key] = value;
        return this;
    }

    public YamlMappingNode ToNode()
    {
        var node = new YamlMappingNode();
        foreach (var key in _keys) node.Add(YamlScalars.String(key), _values[key]);
        return node;
    }
}
