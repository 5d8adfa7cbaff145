using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EzHomelab.CatalogTests;

/// <summary>
/// Every service runs with <c>cap_drop: [ALL]</c>, so each capability a catalog class gives back is an exception, and its
/// reason belongs in the doc comment of the class that declares the <c>[CapAdd]</c> (the template itself, or the base it
/// inherits it from, such as <c>LinuxServerApp</c>). These tests hold the doc comments to that.
/// </summary>
public sealed partial class CatalogCapabilityDocTests
{
    private static readonly Type[] Templates = typeof(EzHomelab.Catalog).GetNestedTypes(BindingFlags.Public)
        .Where(t => t.GetCustomAttribute<ServiceAttribute>(inherit: false) is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>A catalog template and the catalog classes it derives from, nearest first (bases outside the catalog are not its to explain).</summary>
    private static IEnumerable<Type> CatalogChain(Type template)
    {
        for (var t = template; t is not null && t.DeclaringType == typeof(EzHomelab.Catalog); t = t.BaseType)
            yield return t;
    }

    /// <summary>Each capability a template adds, with the catalog class whose own <c>[CapAdd]</c> adds it.</summary>
    private static IEnumerable<(Type Declarer, string Capability)> AddedCapabilities(Type template) =>
        CatalogChain(template).SelectMany(t => t.GetCustomAttributes<CapAddAttribute>(inherit: false).Select(c => (t, c.Capability)));

    /// <summary>The flattened text of each catalog type's summary, by its documentation id's name (<c>EzHomelab.Catalog.Pihole</c>).</summary>
    private static Dictionary<string, string> Summaries(XDocument docs) =>
        docs.Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("T:", StringComparison.Ordinal) == true)
            .ToDictionary(m => ((string)m.Attribute("name")!)[2..], m => SummaryText(m.Element("summary")), StringComparer.Ordinal);

    /// <summary>A summary's words, with <c>&lt;see cref&gt;</c> as its target's name: a reference to another class is not a reason.</summary>
    private static string SummaryText(XElement? summary) => summary is null ? "" : string.Concat(summary.DescendantNodes().OfType<XText>().Select(t => t.Value));

    /// <summary>The capability as a word of its own, with or without <c>CAP_</c>: <c>SETUID</c> does not count for <c>SETGID</c>, nor <c>CHOWN</c> inside another name.</summary>
    private static bool Names(string text, string capability)
    {
        var name = capability.StartsWith("CAP_", StringComparison.Ordinal) ? capability[4..] : capability;
        return Regex.IsMatch(text, $@"(?<![A-Za-z0-9_])(CAP_)?{Regex.Escape(name)}(?![A-Za-z0-9_])");
    }

    /// <summary>The capabilities a catalog class adds that its doc comment does not name, one line each.</summary>
    private static List<string> Unexplained(IEnumerable<Type> templates, XDocument docs)
    {
        var summaries = Summaries(docs);
        var missing = new List<string>();
        foreach (var template in templates)
        {
            foreach (var (declarer, capability) in AddedCapabilities(template))
            {
                var id = declarer.FullName!.Replace('+', '.');
                if (!summaries.TryGetValue(id, out var text) || !Names(text, capability))
                    missing.Add(declarer == template
                        ? $"Catalog.{template.Name} adds {capability}, and its doc comment does not say why"
                        : $"Catalog.{template.Name} adds {capability} through Catalog.{declarer.Name}, whose doc comment does not say why");
            }
        }
        return missing.Distinct(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Every_capability_a_catalog_class_adds_is_named_in_the_doc_comment_of_the_class_that_adds_it()
    {
        var missing = Unexplained(Templates, CatalogDocTests.CatalogXmlDocs());
        Assert.True(missing.Count == 0, "name each capability and its reason in the doc comment:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_read_only_root_is_explained_with_each_path_that_stays_writable()
    {
        var summaries = Summaries(CatalogDocTests.CatalogXmlDocs());
        var missing = new List<string>();
        var readOnly = Templates.SelectMany(CatalogChain).Distinct()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<ReadOnlyRootAttribute>(inherit: false)))
            .Where(t => t.Attribute is not null).ToList();
        foreach (var (type, attribute) in readOnly)
        {
            var text = summaries.GetValueOrDefault(type.FullName!.Replace('+', '.'), "");
            if (!text.Contains("Read-only root", StringComparison.Ordinal))
                missing.Add($"Catalog.{type.Name} has [ReadOnlyRoot], and its doc comment has no 'Read-only root' sentence saying what it writes where");
            foreach (var path in attribute!.Tmpfs ?? [])
                if (!text.Contains(path.Split(':')[0], StringComparison.Ordinal))
                    missing.Add($"Catalog.{type.Name} keeps {path} writable, and its doc comment does not say why");
        }
        Assert.True(readOnly.Count >= 7, "the catalog's read-only roots were not found");
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Inherited_capabilities_are_found_on_the_base_that_adds_them()
    {
        // Not vacuous: a LinuxServer template adds its capabilities only through LinuxServerApp, and the check reaches them.
        var added = AddedCapabilities(typeof(EzHomelab.Catalog.Sonarr)).ToList();
        Assert.Contains((typeof(EzHomelab.Catalog.LinuxServerApp), "CHOWN"), added);
        Assert.DoesNotContain(added, a => a.Declarer == typeof(EzHomelab.Catalog.Sonarr));
    }

    [Fact]
    public void A_capability_the_doc_comment_does_not_name_is_reported()
    {
        // The same check over the real catalog types, against documentation with one reason taken out.
        var docs = CatalogDocTests.CatalogXmlDocs();
        var gluetun = docs.Descendants("member").Single(m => (string?)m.Attribute("name") == "T:EzHomelab.Catalog.GluetunBase");
        var summary = gluetun.Element("summary")!;
        summary.ReplaceNodes(new XText(NetRawWord().Replace(string.Concat(summary.DescendantNodes().OfType<XText>().Select(t => t.Value)), "")));

        var missing = Unexplained([typeof(EzHomelab.Catalog.Gluetun), typeof(EzHomelab.Catalog.Sonarr)], docs);

        Assert.Equal(["Catalog.Gluetun adds NET_RAW through Catalog.GluetunBase, whose doc comment does not say why"], missing);
    }

    [GeneratedRegex(@"NET_RAW")]
    private static partial Regex NetRawWord();
}
