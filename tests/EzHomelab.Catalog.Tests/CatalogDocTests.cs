using System.Xml.Linq;
using EzHomelab.Tests.Support;

namespace EzHomelab.CatalogTests;

/// <summary>
/// docs/catalog.md is generated from the catalog (through samples/FullLab) and must be current: the test fails when the
/// committed file differs. <c>UPDATE_SNAPSHOTS=1</c> rewrites it (never under <c>CI=true</c>); read the diff.
/// </summary>
public sealed class CatalogDocTests
{
    private static readonly string DocPath = Path.Combine(RepoPaths.RepoRoot, CatalogDocument.RelativePath);

    private static string Rendered() => CatalogDocument.Render(FullLab.Lab.Definition, typeof(FullLab.Lab).Assembly, CatalogXmlDocs());

    /// <summary>The catalog's XML documentation, copied next to its assembly (the catalog project generates it).</summary>
    internal static XDocument CatalogXmlDocs()
    {
        var path = Path.ChangeExtension(typeof(EzHomelab.Catalog).Assembly.Location, ".xml");
        Assert.True(File.Exists(path), $"the catalog's XML documentation is missing: {path}");
        return XDocument.Load(path);
    }

    [Fact]
    public void Docs_catalog_md_is_current()
    {
        var actual = Rendered();
        bool ci = Environment.GetEnvironmentVariable("CI") == "true";
        bool update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" && !ci;
        var expected = File.Exists(DocPath) ? File.ReadAllText(DocPath) : null;
        if (update && expected != actual)
        {
            File.WriteAllText(DocPath, actual);
            return;
        }
        Assert.True(expected is not null, $"{DocPath} is missing; run UPDATE_SNAPSHOTS=1 dotnet test tests/EzHomelab.Catalog.Tests --filter CatalogDocTests, review it, and commit it.");
        Assert.True(expected == actual, $"{CatalogDocument.RelativePath} is not what the catalog gives; run UPDATE_SNAPSHOTS=1 dotnet test tests/EzHomelab.Catalog.Tests --filter CatalogDocTests and read the diff.");
    }

    [Fact]
    public void Every_FullLab_service_has_a_row_in_its_stacks_table()
    {
        var doc = Rendered();
        foreach (var service in FullLab.Lab.Definition.Services)
        {
            var heading = doc.IndexOf("\n## " + service.Stack + "\n", StringComparison.Ordinal);
            Assert.True(heading >= 0, $"no table for stack '{service.Stack}'");
            var next = doc.IndexOf("\n## ", heading + 1, StringComparison.Ordinal);
            var table = next < 0 ? doc[heading..] : doc[heading..next];
            var template = CatalogDocument.TemplateOf(typeof(FullLab.Lab).Assembly, service);
            Assert.Contains($"| `{service.Name}` | `Catalog.{template.Name}` | `{service.Image}` |", table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_first_sentence_of_a_doc_comment_is_its_about_cell()
    {
        var doc = Rendered();
        Assert.Contains("| Sonarr: finds, downloads and renames TV series. |", doc, StringComparison.Ordinal);
    }
}
