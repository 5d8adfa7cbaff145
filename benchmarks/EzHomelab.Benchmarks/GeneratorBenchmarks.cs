using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EzHomelab.Benchmarks;

/// <summary>
/// The generator as the compiler and the IDE run it (step tracking off), against the compiler's own
/// GetDiagnostics() on the same sources. Every invocation gets a compilation nobody has bound yet:
/// creating one is lazy and costs microseconds, so it is done inside the measured method rather than in an
/// IterationSetup (which would force one invocation per iteration).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WithPercentOfCold))]
public class GeneratorBenchmarks
{
    private SyntheticLab lab = null!;
    private CSharpCompilation baseCompilation = null!;
    private GeneratorDriver driverAfterBaseRun = null!;

    [Params(10, 100, 1000)]
    public int Services { get; set; }

    /// <summary>Attributes on the lab's classes, or one-liners deriving from templates in a referenced assembly (a catalog lab).</summary>
    [Params(LabShape.Source, LabShape.Catalog)]
    public LabShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        lab = SyntheticLab.Create(Services, Shape);
        LabSanityCheck.Verify(lab); // also warms the metadata references, as a compiler server would be
        baseCompilation = LabCompilation.Create(lab.Trees, lab.References);
        // A driver is immutable: this one has run on the base compilation and is the start of every warm run.
        driverAfterBaseRun = LabCompilation.CreateDriver(trackSteps: false).RunGenerators(baseCompilation);
    }

    [Benchmark(Baseline = true)]
    public int Yardstick_GetDiagnostics() =>
        LabCompilation.Create(lab.FreshTrees(), lab.References).GetDiagnostics().Length;

    // Fresh trees: the generator caches its syntactic read per syntax node, so a cold run on trees it has
    // already seen would time that cache, not a first build. The yardstick gets the same fresh trees.
    [Benchmark]
    public GeneratorDriver Cold() =>
        LabCompilation.CreateDriver(trackSteps: false).RunGenerators(LabCompilation.Create(lab.FreshTrees(), lab.References));

    [Benchmark]
    public GeneratorDriver UnrelatedEdit() =>
        driverAfterBaseRun.RunGenerators(baseCompilation.ReplaceSyntaxTree(lab.UnrelatedTree, lab.UnrelatedTreeEdited));

    [Benchmark]
    public GeneratorDriver OneServiceEdit() =>
        driverAfterBaseRun.RunGenerators(baseCompilation.ReplaceSyntaxTree(lab.EditedStackTree, lab.EditedStackTreeEdited));

    public sealed class WithPercentOfCold : ManualConfig
    {
        public WithPercentOfCold() => AddColumn(new PercentOfColdColumn());
    }
}
