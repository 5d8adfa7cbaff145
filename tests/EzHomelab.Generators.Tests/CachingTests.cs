using System.Reflection;
using EzHomelab.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EzHomelab.Generators.Tests;

/// <summary>The driver must reuse everything it can: edits elsewhere leave every step cached, and no step holds compiler objects.</summary>
public class CachingTests
{
    private static readonly string[] OurSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static readonly (string Path, string Source)[] Files = SampleLab.Files.Concat(new[]
    {
        ("Infrastructure.cs", """
            using EzHomelab;
            namespace MyHome.Apps;

            [Stack("infrastructure")]
            [Ez.Label("com.example.owner", "me")]
            public partial class Dockge : DockgeBase;

            [Service(Image = "louislam/dockge:1.4.2")]
            [Route(5001)]
            public abstract class DockgeBase;

            // A const argument is left to the compiler: this class goes through the semantic path.
            [Stack(Stacks.Infrastructure)]
            [Service(Image = "tecnativa/docker-socket-proxy:0.3.0")]
            public partial class SocketProxy;

            public static class Stacks
            {
                public const string Infrastructure = "infrastructure";
            }
            """),
        ("GlobalUsings.cs", "global using Ez = EzHomelab;\n"),
        ("Program.cs", """
            namespace MyHome;
            public static class Program
            {
                public static int Main() => 0;
            }
            """),
    }).ToArray();

    [Fact]
    public void Every_tracking_name_is_used_by_a_step()
    {
        // The lab class goes through the syntactic path here and through the semantic path (a const Domain) in the second lab.
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(Files));
        run.AssertClean();
        var semanticLab = GeneratorHarness.Run(GeneratorHarness.Compile(Replace(Files, "Lab.cs", s => s.Replace("Domain = \"example.duckdns.org\"", "Domain = Settings.Domain") + "\npublic static class Settings { public const string Domain = \"example.duckdns.org\"; }\n")));
        semanticLab.AssertClean();
        foreach (var name in OurSteps)
            Assert.True(run.Result.TrackedSteps.ContainsKey(name) || semanticLab.Result.TrackedSteps.ContainsKey(name), $"no step is tracked as {name}");
        Assert.Single(Outputs(semanticLab, TrackingNames.SemanticClasses).Cast<Extraction.SemanticOutcome>().Single().Labs);
        Assert.Contains("Domain = \"example.duckdns.org\"", semanticLab.Source("MyLab.g.cs"));
    }

    [Fact]
    public void Unrelated_edit_leaves_even_the_syntax_steps_unchanged_and_the_semantic_path_idle_for_literal_labs()
    {
        var files = Files.Where(f => f.Path != "Infrastructure.cs").Append(("Infrastructure.cs", """
            using EzHomelab;
            namespace MyHome.Apps;
            [Stack("infrastructure")][Service(Image = "louislam/dockge:1.4.2")] public partial class Dockge;
            """)).ToArray();
        var compilation = GeneratorHarness.Compile(files);
        var first = GeneratorHarness.Run(compilation);
        first.AssertClean();
        // Nothing needs the compiler here: the semantic path has no classes to read.
        Assert.All(Outputs(first, TrackingNames.SemanticClasses), o => Assert.Same(Extraction.SemanticOutcome.Empty, o));
        Assert.Equal(5, Outputs(first, TrackingNames.ClassModels).Count(o => ((Syntax.ClassOutcome)o).Service is not null));
        var edited = Replace(compilation, "Program.cs", s => s.Replace("=> 0;", "=> 1;"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        AssertEveryStepCached(second);
    }

    [Fact]
    public void Rerun_on_a_clone_caches_every_step()
    {
        var compilation = GeneratorHarness.Compile(Files);
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(compilation.Clone(), first.Driver);
        AssertEveryStepCached(second);
    }

    [Fact]
    public void Adding_an_unrelated_file_caches_every_step()
    {
        var compilation = GeneratorHarness.Compile(Files);
        var first = GeneratorHarness.Run(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace MyHome; internal sealed class Notes { public string Text => \"x\"; }", GeneratorHarness.ParseOptions, "Notes.cs"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        AssertEveryStepCached(second);
    }

    [Fact]
    public void Changing_an_unrelated_file_caches_every_step()
    {
        var compilation = GeneratorHarness.Compile(Files);
        var first = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Program.cs", s => s.Replace("=> 0;", "=> args();\n    private static int args() => 42;"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        Assert.Empty(second.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        AssertEveryStepCached(second);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_locations()
    {
        // Include diagnostics so the validator's output is not empty.
        var files = Files.Append(("Broken.cs", """
            using EzHomelab;
            namespace MyHome.Apps;
            [Stack("web")][Service(Image = "nginx")][Env("API_TOKEN", "literal")] public partial class Broken;
            """)).ToArray();
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(files));
        Assert.NotEmpty(run.Diagnostics);
        int walked = 0;
        foreach (var (name, steps) in run.Result.TrackedSteps)
        {
            if (!OurSteps.Contains(name)) continue;
            foreach (var step in steps)
                foreach (var (value, _) in step.Outputs)
                {
                    StepOutputWalker.AssertNoCompilerObjects(value, name);
                    walked++;
                }
        }
        // (The driver's own output steps hold the reported Diagnostics, with their locations, by design: not walked.)
        Assert.True(walked > 10);
    }

    [Fact]
    public void Editing_one_service_reemits_only_that_service_and_keeps_the_lab_file()
    {
        var compilation = GeneratorHarness.Compile(Files);
        var first = GeneratorHarness.Run(compilation);
        // Same length, so no other class's locations move.
        var edited = Replace(compilation, "Downloads.cs", s => s.Replace("\"mullvad\"", "\"nordvpn\""));
        var second = GeneratorHarness.Run(edited, first.Driver);
        second.AssertClean();

        // Only that service's per-class steps ran again; the index of names and bases did not change.
        foreach (var step in new[] { TrackingNames.ClassModels, TrackingNames.ServiceEmitModels })
        {
            var reasons = Reasons(second, step);
            Assert.True(reasons.Count(r => r == IncrementalStepRunReason.Modified) == 1, $"{step}: {string.Join(", ", reasons)}");
            Assert.All(reasons.Where(r => r != IncrementalStepRunReason.Modified), r => Assert.True(IsCached(r), $"{step}: {r}"));
        }
        foreach (var step in new[] { TrackingNames.ClassIndex, TrackingNames.ServiceNames, TrackingNames.CrossDiagnostics })
            Assert.All(Reasons(second, step), r => Assert.True(IsCached(r), $"{step}: {r}"));
        
        Assert.All(Reasons(second, TrackingNames.LabEmitModels), r => Assert.True(IsCached(r), r.ToString()));
        Assert.All(Reasons(second, TrackingNames.LabEntries), r => Assert.True(IsCached(r), r.ToString()));
        Assert.Contains("nordvpn", second.Source("MyHome.Apps.Gluetun.g.cs"));
    }

    [Fact]
    public void Moving_code_without_changing_it_reemits_nothing()
    {
        var compilation = GeneratorHarness.Compile(Files);
        var first = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Downloads.cs", s => "// a comment that shifts every location\n\n" + s);
        var second = GeneratorHarness.Run(edited, first.Driver);
        second.AssertClean();

        // The edit was seen (locations changed) …
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.ClassModels));
        // … but nothing that feeds emission changed.
        foreach (var step in new[] { TrackingNames.ServiceEmitModels, TrackingNames.LabEmitModels, TrackingNames.ServiceNames, TrackingNames.CrossDiagnostics })
            Assert.All(Reasons(second, step), r => Assert.True(IsCached(r), $"{step}: {r}"));
    }

    [Fact]
    public void Renaming_a_service_updates_the_lab_file()
    {
        var compilation = GeneratorHarness.Compile(Files);
        var first = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Downloads.cs", s => s.Replace("public partial class Gluetun;", "public partial class Vpn;").Replace("typeof(Gluetun)", "typeof(Vpn)").Replace("<Gluetun>", "<Vpn>"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        second.AssertClean();
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.LabEmitModels));
        Assert.Contains("global::MyHome.Apps.Vpn.Definition", second.Source("MyLab.g.cs"));
    }

    [Fact]
    public void Lab_variables_are_checked_across_the_lab_only_when_a_declaration_or_a_use_changes()
    {
        var files = Files.Append(("Library.cs", """
            using EzHomelab;
            namespace MyHome.Apps;

            [Variable("MEDIA_DIR", "/mnt/media")]
            [Env("TZ", "${TZ}")]
            public abstract class MediaApp;

            [Stack("media")][Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")][Env("MODE", "a")][Volume("${MEDIA_DIR}/tv", "/tv")]
            public partial class Sonarr : MediaApp;

            [Stack("media")][Service(Image = "lscr.io/linuxserver/radarr:5.16.3")][Variable("MEDIA_DIR", "/mnt/media")][Volume("${MEDIA_DIR}/movies", "/movies")]
            public partial class Radarr;
            """)).ToArray();
        var compilation = GeneratorHarness.Compile(files);
        var first = GeneratorHarness.Run(compilation);
        first.AssertClean();

        // Another argument of a service that uses a variable: the rules across the lab stay cached.
        var second = GeneratorHarness.Run(Replace(compilation, "Library.cs", s => s.Replace("\"MODE\", \"a\"", "\"MODE\", \"b\"")), first.Driver);
        second.AssertClean();
        Assert.All(Reasons(second, TrackingNames.CrossCheckModels), r => Assert.True(IsCached(r), r.ToString()));
        Assert.All(Reasons(second, TrackingNames.CrossDiagnostics), r => Assert.True(IsCached(r), r.ToString()));

        // A default that now disagrees with the template's: the lab-wide step runs and reports it.
        var third = GeneratorHarness.Run(Replace(compilation, "Library.cs", s => s.Replace("[Variable(\"MEDIA_DIR\", \"/mnt/media\")][Volume", "[Variable(\"MEDIA_DIR\", \"/srv/media\")][Volume")), first.Driver);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(third, TrackingNames.CrossDiagnostics));
        Assert.Single(third.WithId("EZH0046"));
    }

    [Fact]
    public void Moving_classes_leaves_the_rules_across_services_cached_and_their_diagnostics_follow_the_code()
    {
        // Two routes on one host: EZH0007, a rule across services, reported at the second class's route.
        var files = Files.Append(("Apps.cs", """
            using EzHomelab;
            namespace MyHome.Apps;

            [Stack("apps")]
            [Service(Image = "louislam/uptime-kuma:1.23.16")]
            [Route(3001, Subdomain = "status")]
            public partial class Kuma;

            // Its logs.
            [Stack("apps")]
            [Service(Image = "amir20/dozzle:v8.9.1")]
            [Route(8080, Subdomain = "status")]
            public partial class Dozzle;
            """)).ToArray();
        var compilation = GeneratorHarness.Compile(files);
        var first = GeneratorHarness.Run(compilation);
        var before = Assert.Single(first.WithId("EZH0007")).Location.GetLineSpan();

        // Two lines above every class of the file, and a longer comment between the two: both classes move, the second
        // by two lines and some characters. (An edit inside a class changes that class's model, which reruns the rules:
        // its locations are relative to the start of the class, not to each line.)
        var edited = Replace(compilation, "Apps.cs", s => s
            .Replace("namespace MyHome.Apps;", "// Apps that watch the others.\n// (moved two lines down)\nnamespace MyHome.Apps;")
            .Replace("// Its logs.", "// The logs of every container."));
        var second = GeneratorHarness.Run(edited, first.Driver);
        Assert.All(Reasons(second, TrackingNames.CrossCheckModels), r => Assert.True(IsCached(r), r.ToString()));
        Assert.All(Reasons(second, TrackingNames.CrossDiagnostics), r => Assert.True(IsCached(r), r.ToString()));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.ClassAnchors));

        // Reported where the code now is: two lines further down, as a run from scratch reports it.
        var after = Assert.Single(second.WithId("EZH0007")).Location.GetLineSpan();
        var fresh = Assert.Single(GeneratorHarness.Run(edited).WithId("EZH0007")).Location.GetLineSpan();
        Assert.Equal(fresh, after);
        Assert.Equal(before.StartLinePosition.Line + 2, after.StartLinePosition.Line);
        Assert.Equal(before.StartLinePosition.Character, after.StartLinePosition.Character);
        Assert.Equal("Apps.cs", after.Path);
    }

    private static void AssertEveryStepCached(GeneratorRun run)
    {
        int checkedSteps = 0;
        foreach (var (name, steps) in run.Result.TrackedSteps)
        {
            if (!OurSteps.Contains(name)) continue;
            foreach (var step in steps)
                foreach (var (_, reason) in step.Outputs)
                {
                    Assert.True(IsCached(reason), $"step {name} was {reason}");
                    checkedSteps++;
                }
        }
        Assert.True(checkedSteps >= OurSteps.Length, $"only {checkedSteps} step outputs were tracked");
    }

    private static bool IsCached(IncrementalStepRunReason reason) =>
        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    private static IEnumerable<object> Outputs(GeneratorRun run, string step) =>
        run.Result.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Value) : Enumerable.Empty<object>();

    private static List<IncrementalStepRunReason> Reasons(GeneratorRun run, string step) =>
        run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static (string Path, string Source)[] Replace((string Path, string Source)[] files, string path, Func<string, string> edit) =>
        files.Select(f => f.Path == path ? (f.Path, edit(f.Source)) : f).ToArray();

    private static Compilation Replace(Compilation compilation, string path, Func<string, string> edit)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = edit(tree.GetText().ToString());
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path));
    }
}
