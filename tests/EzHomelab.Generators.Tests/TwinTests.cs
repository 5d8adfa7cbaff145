using System.Globalization;
using CsCheck;
using EzHomelab.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// The syntactic path and the semantic path must build the same models. Each lab runs twice: as the generator
/// normally runs (literal classes read from syntax) and with every marked class forced through the semantic path;
/// generated files and diagnostics (ids, messages, locations) must be identical.
/// </summary>
public class TwinTests
{
    public static IEnumerable<object[]> Labs()
    {
        yield return new object[] { "design sample", SampleLab.Files };
        foreach (var c in DiagnosticCases.Cases)
        {
            yield return new object[] { c.Id + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " valid", Numbered(c.Valid) };
        }
        foreach (var (c, i) in PrivilegesAndExternalHostsTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " variant " + i + " valid", Numbered(c.Valid) };
        }
        yield return new object[] { "privileges merge", Numbered(PrivilegesAndExternalHostsTests.MergeLab) };
        foreach (var (c, i) in WidgetTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " widget variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " widget variant " + i + " valid", Numbered(c.Valid) };
        }
        yield return new object[] { "widget merge", Numbered(WidgetTests.MergeLab) };
        foreach (var (c, i) in LanOnlyTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " lan variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " lan variant " + i + " valid", Numbered(c.Valid) };
        }
        yield return new object[] { "lan-only lab", Numbered(LanOnlyTests.LanLab) };
        foreach (var (c, i) in TypeDeclarationTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " declaration variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " declaration variant " + i + " valid", Numbered(c.Valid) };
        }
        yield return new object[] { "records", Numbered(TypeDeclarationTests.RecordLab) };
        foreach (var (c, i) in LoginPortalTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " portal variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " portal variant " + i + " valid", Numbered(c.Valid) };
        }
        foreach (var (c, i) in VariableTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " variable variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " variable variant " + i + " valid", Numbered(c.Valid) };
        }
        yield return new object[] { "variables", Numbered(VariableTests.MergeLab) };
        foreach (var (c, i) in HardeningTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " hardening variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " hardening variant " + i + " valid", Numbered(c.Valid) };
        }
        yield return new object[] { "hardening merge", Numbered(HardeningTests.MergeLab) };
        foreach (var (c, i) in InternalNetworkTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " network variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " network variant " + i + " valid", Numbered(c.Valid) };
        }
        yield return new object[] { "internal networks", Numbered(InternalNetworkTests.MergeLab) };
        foreach (var (c, i) in SecretFormTests.Variants.Select((c, i) => (c, i)))
        {
            yield return new object[] { c.Id + " secret form variant " + i + " trigger", Numbered(c.Trigger) };
            yield return new object[] { c.Id + " secret form variant " + i + " valid", Numbered(c.Valid) };
        }
        yield return new object[] { "secret forms", Numbered(SecretFormTests.MergeLab) };
        yield return new object[] { "resolution", Numbered(ResolutionLab) };
    }

    /// <summary>Names reached through usings, aliases, global usings, nesting and namespaces of the same simple name.</summary>
    internal static readonly string[] ResolutionLab =
    {
        "global using EzHomelab;\nglobal using Shared = Home.Shared;\n",
        StandardLab,
        """
        namespace Home.Shared
        {
            [EzHomelab.Env("TZ", "${TZ}")]
            public abstract class LinuxServerApp;

            [EzHomelab.Stack("data")]
            [global::EzHomelab.Service(Image = "postgres:17.2", Name = "shared-db")]
            [EzHomelab.Healthcheck("pg_isready")]
            public partial class Db;
        }
        """,
        """
        using Ez = EzHomelab;
        namespace Home.Media
        {
            using Home.Shared;

            [Ez.StackAttribute("media")]
            [Ez.Service(Image = "lscr.io/linuxserver/sonarr:4.0.14", Restart = EzHomelab.Restart.UnlessStopped)]
            [DependsOn<Shared.Db>(Condition = DependencyCondition.Healthy)]
            public partial class Sonarr : LinuxServerApp;

            public partial class Outer
            {
                [Stack("media")][Service(Image = "nginx:1.27", Name = "outer-db")][DependsOn(typeof(Inner))]
                public partial class Db;

                [Stack("media")][Service(Image = "redis:7.4", Name = "inner-cache")]
                public partial class Inner;
            }
        }
        """,
        """
        namespace Home.Tools;

        [Stack("tools")][ServiceAttribute(Image = "busybox:1.37", Command = ["sh", "-c", "echo " + "hi"], Entrypoint = new string[0])]
        [Healthcheck(new[] { "true", null }, Retries = -1)]
        [PublishPort(-5, 0x50, Protocol = global::EzHomelab.Protocol.Udp)]
        public partial class Db : Home.Shared.LinuxServerApp;
        """,
    };

    private static (string Path, string Source)[] Numbered(string[] sources) => sources.Select((s, i) => ($"File{i}.cs", s)).ToArray();

    [Theory]
    [MemberData(nameof(Labs))]
    public void Syntactic_and_semantic_paths_agree(string name, (string Path, string Source)[] files)
    {
        var compilation = GeneratorHarness.Compile(files);
        var syntactic = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(trackSteps: true));
        var semantic = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(trackSteps: true, forceSemantic: true));
        AssertSame(name, syntactic, semantic);
    }

    [Fact]
    public void The_resolution_lab_is_read_from_syntax_and_compiles_clean()
    {
        // Guards the twin test: the lab must really take the syntactic path, not fall back.
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(Numbered(ResolutionLab)));
        var outcomes = run.Result.TrackedSteps[TrackingNames.ClassModels].SelectMany(s => s.Outputs).Select(o => (Syntax.ClassOutcome)o.Value).ToList();
        Assert.DoesNotContain(outcomes, o => o.Fallback is not null);
        Assert.Equal(5, outcomes.Count(o => o.Service is not null));
        Assert.Single(run.WithId("EZH0033")); // Retries = -1
        Assert.Single(run.WithId("EZH0010")); // host port -5
        Assert.Empty(run.WithId("EZH0022")); // three classes named Db, three service names
        // Shared.Db (a global alias) is Home.Shared.Db, not the Db of Home.Tools or Home.Media.Outer.
        var media = run.Source("Home.Media.Sonarr.g.cs");
        Assert.Contains("new(\"shared-db\", global::EzHomelab.DependencyCondition.Healthy)", media);
        Assert.Contains("new(\"TZ\", \"${TZ}\")", media);
        // Inside Outer, typeof(Inner) is Outer.Inner.
        Assert.Contains("new(\"inner-cache\")", media);
        Assert.Contains("\"echo hi\"", run.Source("Home.Tools.Db.g.cs"));
    }

    [Fact]
    public void Random_labs_read_the_same_on_both_paths()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("EZH_FUZZ_ITERATIONS"), out var n) && n > 0 ? Math.Max(300, n / 4) : 500;
        FuzzTests.Files.Sample(sources =>
        {
            var compilation = GeneratorHarness.Compile(sources.Select((source, i) => ($"Fuzz{i}.cs", source)));
            var syntactic = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(trackSteps: false));
            var semantic = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver(trackSteps: false, forceSemantic: true));
            AssertSame(string.Join("\n// ----\n", sources), syntactic, semantic);
        }, iter: iterations);
    }

    internal static void AssertSame(string lab, GeneratorRun syntactic, GeneratorRun semantic)
    {
        syntactic.AssertGeneratorDidNotThrow();
        semantic.AssertGeneratorDidNotThrow();
        var left = Describe(syntactic);
        var right = Describe(semantic);
        if (left != right)
            Assert.Fail($"the two paths differ on:\n{lab}\n\n--- syntactic\n{left}\n--- semantic\n{right}");
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
