using System.Globalization;
using EzHomelab.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// docs/getting-started.md is a new user's first contact: its first lab must build clean, and the diagnostics it
/// shows (the warning without a login portal, the duplicate subdomain of section 6) must be what the build prints.
/// </summary>
public class GettingStartedTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "getting-started.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The first <c>csharp</c> block after "Add `Lab.cs`".</summary>
    private static string FirstLab()
    {
        int intro = Page.IndexOf("Add `Lab.cs`", StringComparison.Ordinal);
        Assert.True(intro >= 0, "getting-started.md no longer introduces Lab.cs");
        int start = Page.IndexOf("```csharp\n", intro, StringComparison.Ordinal) + "```csharp\n".Length;
        return Page.Substring(start, Page.IndexOf("```", start, StringComparison.Ordinal) - start);
    }

    private static GeneratorRun Build(string lab) => GeneratorHarness.Run(GeneratorHarness.Compile(new[] { ("Lab.cs", lab) }));

    /// <summary>A diagnostic as <c>dotnet build</c> prints it (without the project suffix).</summary>
    private static string Printed(Diagnostic d)
    {
        var start = d.Location.GetLineSpan().StartLinePosition;
        var severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"Lab.cs({start.Line + 1},{start.Character + 1}): {severity} {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    [Fact]
    public void The_first_lab_builds_without_a_diagnostic()
    {
        var run = Build(FirstLab());
        run.AssertClean();
        Assert.Equal(new[] { "authelia", "jellyfin", "qbittorrent", "traefik" },
            LabLoader.Lab(run.Output, "MyLab.HomeLab").Services.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_authelia_the_build_prints_the_warning_the_page_shows()
    {
        var lab = FirstLab();
        int authelia = lab.IndexOf("[Stack(\"core\")]\n[Service(Image = \"authelia/", StringComparison.Ordinal);
        Assert.True(authelia >= 0, "the first lab has no Authelia service");
        // The class and the blank line after it, as a user would delete them.
        int end = lab.IndexOf("public partial class Authelia;\n\n", authelia, StringComparison.Ordinal) + "public partial class Authelia;\n\n".Length;
        var run = Build(lab.Substring(0, authelia) + lab.Substring(end));
        var printed = run.WithId("EZH0043").Select(Printed).ToList();
        Assert.Equal(2, printed.Count); // qBittorrent's route and Traefik's dashboard
        Assert.Contains("\n" + printed.Single(p => p.Contains("'qbittorrent'", StringComparison.Ordinal)) + "\n", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_six_shows_the_error_the_duplicate_subdomain_gives()
    {
        var lab = FirstLab();
        var route = "[Route(8080)]                                    // the lab's default access: two-factor login";
        Assert.Contains(route, lab, StringComparison.Ordinal);
        Assert.Contains("[Route(8080, Subdomain = \"jellyfin\")]\npublic partial class Qbittorrent;", Page, StringComparison.Ordinal);
        var run = Build(lab.Replace(route, "[Route(8080, Subdomain = \"jellyfin\")]", StringComparison.Ordinal));
        var error = Assert.Single(run.WithId("EZH0007"));
        Assert.Contains("\n" + Printed(error) + "\n", Page, StringComparison.Ordinal);
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
