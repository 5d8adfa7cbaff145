using System.Text.RegularExpressions;

namespace EzHomelab.Sample.Tests;

/// <summary>
/// A fresh clone has nothing beside it: no test, script or build file may reach for a folder next to the checkout
/// (the team's reading material lives there, and a user's clone does not have it). What the tests need is vendored.
/// </summary>
public sealed partial class SelfContainedRepositoryTests
{
    // Folders whose files are written here; bin/obj/artifacts hold build output.
    private static readonly string[] Scanned = ["src", "generators", "tests", "samples", "benchmarks", "scripts", ".ci", "docs"];
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "bin", "obj", "artifacts", "node_modules", ".git" };
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".cs", ".csproj", ".props", ".targets", ".sh", ".json", ".md", ".yml", ".yaml", ".config", ".txt", ".sln", "" };

    [Fact]
    public void No_file_names_the_folder_beside_the_checkout()
    {
        var offenders = new List<string>();
        foreach (var file in RepositoryFiles())
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
                if (SiblingFolder().IsMatch(lines[i]))
                    offenders.Add($"{Path.GetRelativePath(RepositoryLayout.RepoRoot, file)}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(offenders.Count == 0, "files that reach outside the repository:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_the_spellings_a_path_to_the_sibling_folder_takes()
    {
        // The pattern is built so that this file itself does not match it; these are the forms it must catch.
        string up = "..", name = "sha" + "red";
        foreach (var line in new[] { $"\"{up}/{name}/schemas\"", $"Path.Combine(root, \"{up}\", \"{name}\")", $"{up}\\{name}\\x", $"\"{up}\" + \"/{name}\"" })
            Assert.Matches(SiblingFolder(), line);
        Assert.DoesNotMatch(SiblingFolder(), "tests/schemas/compose-go/compose-spec.json");
    }

    [Fact]
    public void Every_vendored_schema_is_listed_with_its_upstream_and_licence()
    {
        var folder = Path.Combine(RepositoryLayout.RepoRoot, "tests", "schemas");
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        var schemas = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(schemas);
        foreach (var schema in schemas)
        {
            var row = readme.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{schema}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"tests/schemas/README.md has no row for {schema}");
            Assert.Matches(@"\| [0-9a-f]{40} \|", row);
            Assert.Contains("Apache-2.0", row);
        }
    }

    private static IEnumerable<string> RepositoryFiles()
    {
        var root = RepositoryLayout.RepoRoot;
        foreach (var file in Directory.EnumerateFiles(root).Where(f => TextExtensions.Contains(Path.GetExtension(f))))
            yield return file;
        foreach (var folder in Scanned.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
            foreach (var file in Walk(folder))
                yield return file;
    }

    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => TextExtensions.Contains(Path.GetExtension(f))))
            yield return file;
        foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => !Skipped.Contains(Path.GetFileName(d))))
            foreach (var file in Walk(sub))
                yield return file;
    }

    // Two dots, then (after a quote, comma, plus or slash) the sibling folder's name: "x/../NAME", "..", "NAME", ".." + "/NAME".
    [GeneratedRegex(@"\.\.[""']?\s*[,+/\\]\s*[""']?/?sha" + "red" + @"\b", RegexOptions.CultureInvariant)]
    private static partial Regex SiblingFolder();
}
