using EzHomelab.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// Which type declarations can be services and labs (docs/attributes.md, "Service and lab classes"): record classes are
/// classes and work like them; a service class the lab cannot refer to (private, protected, or inside such a type) is
/// EZH0042 and a file-local class EZH0031, so generated code never fails to compile over them; structs, record structs
/// and interfaces cannot carry the markers at all (the compiler's CS0592). Each on both paths.
/// </summary>
public class TypeDeclarationTests
{
    private const string Web = "[Stack(\"web\")][Service(Image = \"nginx:1.27\")]";

    /// <summary>Service classes the lab's Definition could not name, beside the one case per id in <see cref="DiagnosticCases"/>.</summary>
    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        Unreachable("public partial class Apps { " + Web + " protected partial class Web; }", "protected",
            "public partial class Apps { " + Web + " protected internal partial class Web; }"),
        Unreachable("public partial class Apps { " + Web + " private protected partial class Web; }", "private protected",
            "public partial class Apps { " + Web + " public partial class Web; }"),
        // No modifier: a nested class is private.
        Unreachable("public partial class Apps { " + Web + " partial class Web; }", "private",
            "public partial class Apps { " + Web + " internal partial class Web; }"),
        Unreachable("public partial class Outer { private partial class Apps { " + Web + " public partial class Web; } }", "inside private class 'Apps'",
            "public partial class Outer { internal partial class Apps { " + Web + " public partial class Web; } }"),
        Unreachable("public partial class Outer { protected partial record Apps { " + Web + " public partial class Web; } }", "inside protected record 'Apps'",
            "public partial class Outer { public partial record Apps { " + Web + " public partial class Web; } }"),
        // A containing type whose accessibility this declaration does not state: another declaration may (the compiler decides).
        Unreachable("public partial class Outer { partial class Apps { " + Web + " public partial class Web; } }", "inside private class 'Apps'",
            "public partial class Outer { public partial class Apps; }\npublic partial class Outer { partial class Apps { " + Web + " public partial class Web; } }"),
        // The generated part, in another file, cannot join a file-local class.
        new DiagnosticCase("EZH0031", DiagnosticSeverity.Error,
            new[] { StandardLab, Services(Web + " file partial class Web;") }, "Web", "because it is file-local",
            new[] { StandardLab, Services(Web + " internal partial class Web;") }),
        new DiagnosticCase("EZH0031", DiagnosticSeverity.Error,
            new[] { StandardLab, Services("file partial class Apps { " + Web + " public partial class Web; }") }, "Web", "because it is inside file-local class 'Apps'",
            new[] { StandardLab, Services("internal partial class Apps { " + Web + " public partial class Web; }") }),
    };

    private static DiagnosticCase Unreachable(string trigger, string reason, string valid) =>
        new("EZH0042", DiagnosticSeverity.Error, new[] { StandardLab, Services(trigger) }, "Web", "because it is " + reason + ";", new[] { StandardLab, Services(valid) });

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    public static IEnumerable<object[]> UnreachableCases =>
        DiagnosticCases.Cases.Where(c => c.Id == "EZH0042").Concat(Variants).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_triggers_on_the_class_name(DiagnosticCase c) => new DiagnosticTests().Trigger_reports_the_diagnostic_on_the_offending_argument(c);

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    [Theory]
    [MemberData(nameof(UnreachableCases))]
    public void A_class_the_lab_cannot_refer_to_is_reported_and_no_generated_code_fails_to_compile(DiagnosticCase c)
    {
        foreach (bool forceSemantic in new[] { false, true })
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compile(c.Trigger), GeneratorHarness.CreateDriver(forceSemantic: forceSemantic));
            run.AssertGeneratorDidNotThrow();
            Assert.Single(run.WithId(c.Id));
            // Before EZH0042 the lab's Definition named the class: CS0122 in generated code.
            var errors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "the output has errors:\n" + string.Join("\n", errors) + "\n\n" + run.AllGenerated());
            Assert.DoesNotContain("Web.Definition", run.Source("Lab.MyLab.g.cs"));
        }
    }

    /// <summary>Record classes as services, a record base carrying attributes, a positional record, and a record lab.</summary>
    internal static readonly string[] RecordLab =
    {
        """
        using EzHomelab;
        namespace Lab;

        [Homelab(Domain = "example.org", DefaultAccess = Access.Bypass)]
        public partial record MyLab;
        """,
        Services("""
            [Env("TZ", "${TZ}")]
            public abstract record LinuxServerApp;

            [Stack("media")][Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")][Route(8989)]
            public partial record Sonarr : LinuxServerApp;

            [Stack("media")][Service(Image = "jellyfin/jellyfin:10.10.7")]
            public sealed partial record class Jellyfin(string Note);

            // The base's positional parameter is a property named Definition: the generated one must hide it.
            public abstract record Described(string Definition);

            [Stack("media")][Service(Image = "redis:7.4")][DependsOn<Jellyfin>]
            public partial record Cache() : Described("cache")
            {
                public static string Role => "cache";
            }
            """),
    };

    [Fact]
    public void Record_classes_are_services_and_labs_on_both_paths()
    {
        foreach (bool forceSemantic in new[] { false, true })
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compile(RecordLab.Select((s, i) => ($"File{i}.cs", s))), GeneratorHarness.CreateDriver(forceSemantic: forceSemantic));
            run.AssertClean();
            var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
            Assert.Equal(new[] { "cache", "jellyfin", "sonarr" }, lab.Services.Select(s => s.Name));
            Assert.Equal("TZ", Assert.Single(lab.FindService("sonarr")!.Environment).Name);
            Assert.Equal("jellyfin", Assert.Single(lab.FindService("cache")!.DependsOn).Service);
            var services = run.Source("Lab.Sonarr.g.cs");
            Assert.Contains("partial record Sonarr : global::EzHomelab.IHomelabService", services);
            Assert.Contains("public static new global::EzHomelab.Model.ServiceSpec Definition", services);
            Assert.Contains("partial record MyLab : global::EzHomelab.IHomelab", run.Source("Lab.MyLab.g.cs"));
        }
    }

    [Fact]
    public void Nested_classes_the_lab_can_refer_to_are_services()
    {
        var sources = new[] { StandardLab, Services($$"""
            public partial interface IApps { {{Web}} partial class InInterface; }
            internal partial class Apps
            {
                {{Web}} internal partial class Internal;
                {{Web}} protected internal partial class ProtectedInternal;
                public partial struct Group { {{Web}} public partial class InStruct; }
            }
            """) };
        foreach (bool forceSemantic in new[] { false, true })
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compile(sources), GeneratorHarness.CreateDriver(forceSemantic: forceSemantic));
            run.AssertClean();
            Assert.Equal(new[] { "in-interface", "in-struct", "internal", "protected-internal" },
                LabLoader.Lab(run.Output, "Lab.MyLab").Services.Select(s => s.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Structs_record_structs_and_interfaces_cannot_carry_the_markers()
    {
        // Decided, not silently dropped: the attributes are for classes only, so the compiler refuses them here.
        foreach (var declaration in new[] { "public partial struct Web { }", "public partial record struct Web;", "public partial interface IWeb { }", "public enum Web { A }" })
        {
            var run = GeneratorHarness.Run(StandardLab, Services("[Stack(\"web\")]\n[Service(Image = \"nginx:1.27\")]\n" + declaration));
            run.AssertGeneratorDidNotThrow();
            var refused = run.Output.GetDiagnostics().Where(d => d.Id == "CS0592").ToList();
            Assert.True(refused.Count == 2, $"{declaration}: expected CS0592 on [Stack] and [Service], got: {string.Join("\n", run.Output.GetDiagnostics())}");
            Assert.Equal(new[] { "Lab.MyLab.g.cs" }, run.HintNames);
            Assert.Empty(run.Diagnostics);
        }
    }
}
