using System.Reflection;
using EzHomelab.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators.Tests;

public class DiagnosticTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.All), MemberType = typeof(DiagnosticCases))]
    public void Trigger_reports_the_diagnostic_on_the_offending_argument(DiagnosticCase c)
    {
        var run = GeneratorHarness.Run(c.Trigger);
        run.AssertGeneratorDidNotThrow();

        var matches = run.WithId(c.Id).ToList();
        Assert.True(matches.Count == 1, $"expected one {c.Id}, got: {string.Join("\n", run.Diagnostics)}");
        var diagnostic = matches[0];
        Assert.Equal(c.Severity, diagnostic.Severity);
        Assert.Contains(c.NamedInMessage, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(c.LocationText, run.LocationText(diagnostic));
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases.All), MemberType = typeof(DiagnosticCases))]
    public void Valid_form_is_silent_and_compiles(DiagnosticCase c)
    {
        var run = GeneratorHarness.Run(c.Valid);
        run.AssertClean();
    }

    [Fact]
    public void Every_descriptor_has_a_case_a_help_page_and_a_release_entry()
    {
        var descriptors = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        Assert.True(descriptors.Count >= 30);
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());

        var caseIds = DiagnosticCases.Cases.Select(c => c.Id).ToHashSet();
        var root = RepositoryRoot();
        var unshipped = File.ReadAllText(Path.Combine(root, "generators", "EzHomelab.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var d in descriptors)
        {
            Assert.Contains(d.Id, caseIds);
            Assert.Equal("EzHomelab", d.Category);
            Assert.Equal($"https://github.com/ezhomelab/ezhomelab/blob/main/docs/diagnostics/{d.Id}.md", d.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", d.Id + ".md")), $"docs/diagnostics/{d.Id}.md is missing");
            Assert.Contains($"{d.Id} | EzHomelab | {d.DefaultSeverity} |", unshipped);
        }
    }

    [Fact]
    public void Literal_secret_is_never_echoed_in_the_message()
    {
        var run = GeneratorHarness.Run(LabSources.StandardLab, LabSources.Services("""
            [Stack("web")][Service(Image = "nginx:1.27")]
            [Env("ADMIN_TOKEN", "s3cr3t-value")]
            public partial class Web;
            """));
        var diagnostic = Assert.Single(run.WithId("EZH0018"));
        Assert.DoesNotContain("s3cr3t-value", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Lab.Web.g.cs", run.HintNames);
        Assert.DoesNotContain(run.Result.GeneratedSources, s => s.SourceText.ToString().Contains("s3cr3t-value", StringComparison.Ordinal));
    }

    [Fact]
    public void Containing_type_that_is_not_partial_is_named()
    {
        var run = GeneratorHarness.Run(LabSources.StandardLab, LabSources.Services("""
            public static class Apps
            {
                [Stack("web")][Service(Image = "nginx:1.27")]
                public partial class Web;
            }
            """));
        var diagnostic = Assert.Single(run.WithId("EZH0001"));
        Assert.Contains("'Apps' must be declared partial", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(run.HintNames, h => h.Contains("Web", StringComparison.Ordinal));
    }

    [Fact]
    public void Dependency_cycle_is_reported_once_per_cycle()
    {
        var run = GeneratorHarness.Run(LabSources.StandardLab, LabSources.Services("""
            [Stack("a")][Service(Image = "nginx:1.27")][DependsOn(typeof(B))] public partial class A;
            [Stack("a")][Service(Image = "nginx:1.27")][DependsOn(typeof(A))] public partial class B;
            [Stack("a")][Service(Image = "nginx:1.27")][Egress(typeof(C))] public partial class C;
            [Stack("a")][Service(Image = "nginx:1.27")][DependsOn(typeof(A))] public partial class D;
            """));
        var cycles = run.WithId("EZH0012").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, cycles.Count);
        Assert.Contains(cycles, m => m.EndsWith("a → b → a", StringComparison.Ordinal));
        Assert.Contains(cycles, m => m.EndsWith("c → c", StringComparison.Ordinal));
    }

    [Fact]
    public void Base_class_attribute_problem_points_into_the_base_class()
    {
        var run = GeneratorHarness.Run(LabSources.StandardLab, LabSources.Services("""
            [Env("TZ", "${TZ}")]
            [Volume("./config", "config")]
            public abstract class LinuxServerApp;

            [Stack("media")][Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")]
            public partial class Sonarr : LinuxServerApp;
            """));
        var diagnostic = Assert.Single(run.WithId("EZH0017"));
        Assert.Equal("\"config\"", run.LocationText(diagnostic));
        Assert.Contains("'sonarr'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Port_conflicts_count_only_on_the_same_server_and_address()
    {
        var run = GeneratorHarness.Run(LabSources.Services("""
            [Homelab][Server("core")][Server("nas")] public partial class MyLab;
            [Stack("a")][Service(Image = "nginx:1.27")][PublishPort(8080, 80)] public partial class A;
            [Stack("a")][Service(Image = "nginx:1.27")][PublishPort(8080, 80)][OnServer("nas")] public partial class B;
            [Stack("a")][Service(Image = "nginx:1.27")][PublishPort(9000, 80, HostIp = "127.0.0.1")] public partial class C;
            [Stack("a")][Service(Image = "nginx:1.27")][PublishPort(9000, 80, HostIp = "192.168.1.5")] public partial class D;
            [Stack("a")][Service(Image = "nginx:1.27")][PublishPort(9000, 80)] public partial class E;
            """));
        var conflict = Assert.Single(run.WithId("EZH0009"));
        Assert.Contains("'e'", conflict.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
