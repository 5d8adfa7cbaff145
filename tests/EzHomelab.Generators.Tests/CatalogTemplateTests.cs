using System.Globalization;
using EzHomelab.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// A lab built from templates in a referenced assembly (the catalog's shape): one line per service, no marker of its
/// own, read on the syntactic path, the same as the compiler reads it, and cached across edits.
/// </summary>
public class CatalogTemplateTests
{
    /// <summary>
    /// A catalog of its own, compiled here: templates nested in a static container (as <c>EzHomelab.Catalog</c> is), a
    /// shared unmarked base, and a typed dependency from one template to another.
    /// </summary>
    private const string CatalogSource = """
        using EzHomelab;
        namespace Acme;

        public static partial class Templates
        {
            [Env("TZ", "${TZ}")]
            public abstract partial class Shared;

            [Stack("apps")]
            [Service(Name = "app", Image = "example/app:2.1.0")]
            [Route(8080)]
            [DependsOn<AppDb>(Condition = DependencyCondition.Healthy)]
            public abstract partial class App : Shared;

            [Stack("apps")]
            [Service(Name = "app-db", Image = "postgres:16.4")]
            [SecretEnv("POSTGRES_PASSWORD", "app-db-password")]
            [Healthcheck("pg_isready -U postgres")]
            public abstract partial class AppDb;
        }
        """;

    /// <summary>The catalog built as the real one is, with the generator: each template class gets its <c>Template</c>.</summary>
    private static readonly Lazy<(byte[] Image, MetadataReference Reference)> Catalog = new(() => BuildCatalog(withGenerator: true));

    /// <summary>The same catalog built without the generator (no <c>Template</c>s): a lab's classes then get whole specs.</summary>
    private static readonly Lazy<(byte[] Image, MetadataReference Reference)> CatalogWithoutTemplates = new(() => BuildCatalog(withGenerator: false));

    private static (byte[] Image, MetadataReference Reference) BuildCatalog(bool withGenerator)
    {
        Compilation compilation = GeneratorHarness.Compile(new[] { ("Templates.cs", CatalogSource) }, assemblyName: "Acme.Catalog");
        if (withGenerator)
        {
            var run = GeneratorHarness.Run(compilation);
            run.AssertClean();
            compilation = run.Output;
        }
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var image = stream.ToArray();
        return (image, MetadataReference.CreateFromImage(image));
    }

    private const string LabServices = """
        using Acme;
        namespace Lab;

        public partial class App : Templates.App;
        public partial class AppDb : Templates.AppDb;
        """;

    private static (string Path, string Source)[] LabFiles(string services = LabServices) =>
        new[] { ("Lab.cs", StandardLab), ("Portal.cs", LoginPortal), ("Apps.cs", services), ("Program.cs", "namespace Lab; public static class Program { public static int Main() => 0; }") };

    private static Compilation CompileLab(string services = LabServices) =>
        GeneratorHarness.Compile(LabFiles(services), new[] { Catalog.Value.Reference });

    [Fact]
    public void Lab_classes_deriving_from_referenced_templates_are_services_read_from_syntax()
    {
        var run = GeneratorHarness.Run(CompileLab());
        run.AssertClean();

        // No class needed the compiler: the referenced templates came from the index.
        var outcomes = run.Result.TrackedSteps[TrackingNames.ClassModels].SelectMany(s => s.Outputs).Select(o => (Syntax.ClassOutcome)o.Value).ToList();
        Assert.DoesNotContain(outcomes, o => o.Fallback is not null);
        Assert.All(run.Result.TrackedSteps[TrackingNames.SemanticClasses].SelectMany(s => s.Outputs), o => Assert.Same(Extraction.SemanticOutcome.Empty, o.Value));

        var app = LabLoader.Service(run.Output, "Lab.App", Catalog.Value.Image);
        Assert.Equal("app", app.Name);
        Assert.Equal("example/app:2.1.0", app.Image);
        Assert.Equal("${TZ}", Assert.Single(app.Environment, e => e.Name == "TZ").Value);
        // The template's typed dependency found the lab's class deriving from the other template.
        var dependency = Assert.Single(app.DependsOn);
        Assert.Equal("app-db", dependency.Service);
        Assert.Equal(DependencyCondition.Healthy, dependency.Condition);
        var lab = (EzHomelab.Model.Lab)LabLoader.Definition(run.Output, "Lab.MyLab", Catalog.Value.Image);
        Assert.Equal(new[] { "app", "app-db", "authelia" }, lab.Services.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("the template set", null, LabServices)]
    [InlineData("derived classes overriding and adding", null, OverridingServices)]
    [InlineData("a missing dependency target", "EZH0011", """
        using Acme;
        namespace Lab;
        public partial class App : Templates.App;
        """)]
    [InlineData("a renamed dependency target", "EZH0056", """
        using Acme;
        using EzHomelab;
        namespace Lab;
        public partial class App : Templates.App;
        [Service(Name = "db")] public partial class AppDb : Templates.AppDb;
        """)]
    [InlineData("two classes from one template", "EZH0055", """
        using Acme;
        using EzHomelab;
        namespace Lab;
        public partial class App : Templates.App;
        public partial class AppDb : Templates.AppDb;
        [Service(Name = "other-db")] public partial class OtherDb : Templates.AppDb;
        """)]
    [InlineData("a service deriving from a one-line lab class (its index entry keeps no attributes)", null, """
        using Acme;
        using EzHomelab;
        namespace Lab;
        [Env("EXTRA", "1")]
        public partial class App : Templates.App;
        public partial class AppDb : Templates.AppDb;
        [Service(Name = "app-two")]
        [Route(8081, Subdomain = "app-two")]
        public partial class AppTwo : App;
        """)]
    [InlineData("a qualified base and an abstract lab template", null, """
        namespace Lab;
        public abstract partial class MyApp : global::Acme.Templates.App;
        public partial class App : MyApp;
        public partial class AppDb : Acme.Templates.AppDb;
        """)]
    public void Both_paths_read_a_catalog_lab_the_same(string name, string? expectedError, string services)
    {
        var compilation = CompileLab(services);
        var syntactic = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(trackSteps: true));
        var semantic = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(trackSteps: true, forceSemantic: true));
        syntactic.AssertGeneratorDidNotThrow();
        semantic.AssertGeneratorDidNotThrow();
        Assert.True(Describe(syntactic) == Describe(semantic), $"{name}: the paths differ\n--- syntactic\n{Describe(syntactic)}\n--- semantic\n{Describe(semantic)}");
        Assert.NotEmpty(syntactic.Result.GeneratedSources);
        var errors = syntactic.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToArray();
        Assert.Equal(expectedError is null ? Array.Empty<string>() : new[] { expectedError }, errors);
    }

    private const string OverridingServices = """
        using Acme;
        using EzHomelab;
        namespace Lab;

        [Route(9090, Subdomain = "apps")]
        [Env("EXTRA", "1")]
        public partial class App : Templates.App;
        [Service(Name = "app-db")]
        [Healthcheck("pg_isready -U app")]
        public partial class AppDb : Templates.AppDb;
        """;

    [Theory]
    [InlineData(LabServices)]
    [InlineData(OverridingServices)]
    public void A_lab_class_starts_from_its_templates_Template_and_is_the_same_service_as_without_it(string services)
    {
        var withTemplates = GeneratorHarness.Run(CompileLab(services));
        withTemplates.AssertClean();
        var generated = withTemplates.Source("Lab.App.g.cs");
        Assert.Contains("Definition { get; } = global::Acme.Templates.App.Template with", generated);
        Assert.Contains("Definition { get; } = global::Acme.Templates.AppDb.Template with", generated);
        // Only what differs from the template is written: never the image it already names.
        Assert.DoesNotContain("Image =", generated);

        var withoutTemplates = GeneratorHarness.Run(GeneratorHarness.Compile(LabFiles(services), new[] { CatalogWithoutTemplates.Value.Reference }));
        withoutTemplates.AssertClean();
        Assert.DoesNotContain(".Template with", withoutTemplates.Source("Lab.App.g.cs"));

        foreach (var type in new[] { "Lab.App", "Lab.AppDb" })
        {
            var expected = System.Text.Json.JsonSerializer.Serialize(LabLoader.Service(withoutTemplates.Output, type, CatalogWithoutTemplates.Value.Image));
            var actual = System.Text.Json.JsonSerializer.Serialize(LabLoader.Service(withTemplates.Output, type, Catalog.Value.Image));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Only_the_changes_a_derived_class_makes_are_written()
    {
        var run = GeneratorHarness.Run(CompileLab(OverridingServices));
        run.AssertClean();
        var generated = run.Source("Lab.App.g.cs");
        var app = generated.Substring(generated.IndexOf("Templates.App.Template with", StringComparison.Ordinal));
        app = app.Substring(0, app.IndexOf("};", StringComparison.Ordinal));
        Assert.Contains("ClassName = \"Lab.App\"", app);
        Assert.Contains("Route = new(Port: 9090, Subdomain: \"apps\")", app);
        Assert.Contains("new(\"EXTRA\", \"1\")", app);
        Assert.DoesNotContain("DependsOn", app);
        Assert.DoesNotContain("Name = ", app.Replace("ClassName = ", ""));
    }

    [Fact]
    public void A_template_another_version_of_the_generator_wrote_is_not_used()
    {
        // The derived class's generator rebuilds the base's spec to know what differs: another version may build it otherwise.
        var stale = GeneratorHarness.Compile(new[] { ("Old.cs", """
            using EzHomelab;
            namespace Old;

            public static class Templates
            {
                [Stack("apps")]
                [Service(Name = "app", Image = "example/app:2.1.0")]
                public abstract class App
                {
                    [System.CodeDom.Compiler.GeneratedCode("EzHomelab.Generators", "0.0.0.1")]
                    protected static EzHomelab.Model.ServiceSpec Template { get; } = new() { Name = "app", Stack = "apps", Image = "example/app:0.9", ClassName = "Old.Templates.App" };
                }
            }
            """) }, assemblyName: "Old.Catalog");
        using var stream = new MemoryStream();
        Assert.True(stale.Emit(stream).Success);
        var image = stream.ToArray();

        var run = GeneratorHarness.Run(GeneratorHarness.Compile(
            new[] { ("Lab.cs", StandardLab), ("Portal.cs", LoginPortal), ("Apps.cs", "namespace Lab; public partial class App : Old.Templates.App;") },
            new[] { MetadataReference.CreateFromImage(image) }));
        run.AssertClean();
        Assert.DoesNotContain("Template with", run.Source("Lab.App.g.cs"));
        Assert.Equal("example/app:2.1.0", LabLoader.Service(run.Output, "Lab.App", image).Image);
    }

    [Fact]
    public void Templates_deriving_from_templates_compile_cleanly_and_are_no_services_of_a_lab()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(new[]
        {
            ("Lab.cs", StandardLab),
            ("Portal.cs", LoginPortal),
            ("Apps.cs", """
                using EzHomelab;
                namespace Lab;

                [Stack("apps")]
                [Service(Name = "base-app", Image = "example/app:2.1.0")]
                [Route(8080)]
                public abstract partial class BaseApp;

                [Service(Name = "app")]
                public abstract partial class App : BaseApp;

                public partial class MyApp : App;
                """),
        }));
        // No warning: the second template hides the first (CS0108 is not reported on generated code that means it).
        run.AssertClean();
        var generated = run.Source("Lab.BaseApp.g.cs");
        Assert.Equal(2, CountOf(generated, "protected static global::EzHomelab.Model.ServiceSpec Template"));
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Equal(new[] { "app", "authelia" }, lab.Services.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_template_class_with_a_member_named_Template_of_its_own_gets_no_generated_one()
    {
        var compilation = GeneratorHarness.Compile(new[]
        {
            ("Lab.cs", StandardLab),
            ("Portal.cs", LoginPortal),
            ("Apps.cs", """
                using EzHomelab;
                namespace Lab;

                [Stack("apps")]
                [Service(Name = "app", Image = "example/app:2.1.0")]
                public abstract partial class BaseApp
                {
                    public const string Template = "a name the generator must not take";
                }

                public partial class App : BaseApp;
                """),
        });
        var syntactic = GeneratorHarness.Run(compilation);
        var semantic = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(forceSemantic: true));
        syntactic.AssertClean();
        semantic.AssertClean();
        Assert.DoesNotContain("ServiceSpec Template", syntactic.AllGenerated());
        Assert.DoesNotContain("ServiceSpec Template", semantic.AllGenerated());
        Assert.Equal("example/app:2.1.0", LabLoader.Service(syntactic.Output, "Lab.App").Image);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact]
    public void A_template_reference_without_a_lab_service_names_the_missing_class()
    {
        var run = GeneratorHarness.Run(CompileLab("""
            using Acme;
            namespace Lab;
            public partial class App : Templates.App;
            """));
        var diagnostic = Assert.Single(run.WithId("EZH0011"));
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("Acme.Templates.AppDb", message);
        Assert.Contains("no class of the lab is it or derives from it", message);
        // Another assembly's attribute has no source here: the diagnostic points at the lab's class.
        Assert.Equal("App", run.LocationText(diagnostic));
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_referenced_classes_and_every_step_cached()
    {
        var compilation = CompileLab();
        var first = GeneratorHarness.Run(compilation);
        first.AssertClean();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Program.cs");
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            "namespace Lab; public static class Program { public static int Main() => 1; }", GeneratorHarness.ParseOptions, "Program.cs"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        second.AssertClean();
        foreach (var (name, steps) in second.Result.TrackedSteps)
        {
            if (!typeof(TrackingNames).GetFields().Any(f => (string?)f.GetRawConstantValue() == name)) continue;
            foreach (var step in steps)
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} was {reason}");
        }
        // The referenced assembly was read once: the second run's facts are the very same objects.
        var before = (Model.EquatableArray<Extraction.ReferencedAssembly>)first.Result.TrackedSteps[TrackingNames.ReferencedClasses].Single().Outputs.Single().Value;
        var after = (Model.EquatableArray<Extraction.ReferencedAssembly>)second.Result.TrackedSteps[TrackingNames.ReferencedClasses].Single().Outputs.Single().Value;
        Assert.Same(Assert.Single(before), Assert.Single(after));
    }

    [Fact]
    public void Only_assemblies_that_use_EzHomelab_are_read()
    {
        var run = GeneratorHarness.Run(CompileLab());
        var assemblies = (Model.EquatableArray<Extraction.ReferencedAssembly>)run.Result.TrackedSteps[TrackingNames.ReferencedClasses].Single().Outputs.Single().Value;
        var catalog = Assert.Single(assemblies);
        Assert.StartsWith("Acme.Catalog,", catalog.Name, StringComparison.Ordinal);
        Assert.Contains("Acme.Templates", catalog.TypeNames);
        Assert.Contains("Acme.Templates.App", catalog.TypeNames);
        Assert.Equal(new[] { "Acme.Templates.App", "Acme.Templates.AppDb", "Acme.Templates.Shared" }, catalog.Classes.Select(c => c.FullName));
    }

    private static string Describe(GeneratorRun run)
    {
        var files = run.Result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => "// " + s.HintName + "\n" + s.SourceText);
        var diagnostics = run.Diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal);
        return string.Join("\n", diagnostics) + "\n" + string.Join("\n", files);
    }
}
