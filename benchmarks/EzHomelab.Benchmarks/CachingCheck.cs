using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Benchmarks;

/// <summary>
/// <c>--check</c>: the three scenarios once each with step tracking ON, printing per tracked step how many
/// outputs were New/Cached/Unchanged/Modified/Removed — a quick look at what reruns after an edit.
/// Timings printed here include the cost of tracking and are not benchmark results.
/// </summary>
public static class CachingCheck
{
    private static readonly IncrementalStepRunReason[] Reasons =
    [
        IncrementalStepRunReason.New,
        IncrementalStepRunReason.Cached,
        IncrementalStepRunReason.Unchanged,
        IncrementalStepRunReason.Modified,
        IncrementalStepRunReason.Removed,
    ];

    /// <returns>0 when the unrelated edit left every output of the generator's own tracked steps Cached or Unchanged, 1 otherwise.</returns>
    public static int Run(int services, LabShape shape = LabShape.Source)
    {
        var lab = SyntheticLab.Create(services, shape);
        Console.WriteLine($"{shape} lab:");
        Console.WriteLine(LabSanityCheck.Verify(lab));

        var baseCompilation = LabCompilation.Create(lab.Trees, lab.References);
        var stopwatch = Stopwatch.StartNew();
        var afterBase = LabCompilation.CreateDriver(trackSteps: true).RunGenerators(baseCompilation);
        Print("Cold run", afterBase.GetRunResult().Results.Single(), stopwatch.Elapsed);

        // Each warm run starts from the driver that ran on the base compilation (drivers are immutable).
        stopwatch.Restart();
        var afterUnrelated = afterBase.RunGenerators(baseCompilation.ReplaceSyntaxTree(lab.UnrelatedTree, lab.UnrelatedTreeEdited));
        var unrelated = afterUnrelated.GetRunResult().Results.Single();
        Print($"Unrelated edit ({lab.UnrelatedTree.FilePath})", unrelated, stopwatch.Elapsed);

        stopwatch.Restart();
        var afterOneService = afterBase.RunGenerators(baseCompilation.ReplaceSyntaxTree(lab.EditedStackTree, lab.EditedStackTreeEdited));
        Print($"One-service edit ({lab.EditedServiceClass}'s image tag in {lab.EditedStackTree.FilePath})", afterOneService.GetRunResult().Results.Single(), stopwatch.Elapsed);

        var judged = AllSteps(unrelated).Where(step => !step.IsRoslynInternal).ToList();
        if (judged.Count == 0)
        {
            Console.WriteLine("No tracked steps of the generator's own: name its steps (WithTrackingName) so caching can be seen.");
            return 1;
        }
        var rerun = judged
            .Where(step => step.Counts[IncrementalStepRunReason.New] + step.Counts[IncrementalStepRunReason.Modified] + step.Counts[IncrementalStepRunReason.Removed] > 0)
            .Select(step => step.Name)
            .ToList();
        if (rerun.Count > 0)
        {
            Console.WriteLine("FAIL: the unrelated edit produced new, modified or removed outputs in: " + string.Join(", ", rerun));
            return 1;
        }
        Console.WriteLine("OK: after the unrelated edit every output of the generator's own tracked steps is Cached or Unchanged.");
        return 0;
    }

    /// <param name="Elapsed">What the driver measured for the step's runs (with tracking on, so larger than without).</param>
    private sealed record StepCounts(string Name, Dictionary<IncrementalStepRunReason, int> Counts, TimeSpan Elapsed)
    {
        /// <summary>
        /// Steps Roslyn names itself: the well-known inputs (any edit modifies "Compilation") and the inner steps
        /// of ForAttributeWithMetadataName. Shown for insight, not judged: the generator cannot cache them.
        /// </summary>
        public bool IsRoslynInternal =>
            RoslynInputNames.Contains(Name) || Name.Contains("_ForAttribute", StringComparison.Ordinal);
    }

    private static readonly HashSet<string> RoslynInputNames = new(StringComparer.Ordinal)
    {
        "Compilation", "CompilationOptions", "ParseOptions", "AdditionalTexts", "AnalyzerConfigOptions", "MetadataReferences",
    };

    private static List<StepCounts> AllSteps(GeneratorRunResult result) =>
        result.TrackedSteps.Select(pair => Count(pair.Key, pair.Value))
            .Concat(result.TrackedOutputSteps.Select(pair => Count("output: " + pair.Key, pair.Value)))
            .OrderBy(step => step.Name, StringComparer.Ordinal)
            .ToList();

    private static StepCounts Count(string name, IEnumerable<IncrementalGeneratorRunStep> runs)
    {
        var counts = Reasons.ToDictionary(reason => reason, _ => 0);
        var elapsed = TimeSpan.Zero;
        foreach (var run in runs)
        {
            elapsed += run.ElapsedTime;
            foreach (var (_, reason) in run.Outputs)
                counts[reason]++;
        }
        return new StepCounts(name, counts, elapsed);
    }

    private static void Print(string title, GeneratorRunResult result, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}: {elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms with tracking, {result.GeneratedSources.Length} generated files");
        if (result.Exception is not null) Console.WriteLine("   generator threw: " + result.Exception.Message);
        var steps = AllSteps(result);
        if (steps.Count == 0)
        {
            Console.WriteLine("   (no tracked steps)");
            return;
        }
        int nameWidth = Math.Max(4, steps.Max(step => step.Name.Length));
        Console.WriteLine("   " + "step".PadRight(nameWidth) + string.Concat(Reasons.Select(reason => reason.ToString().PadLeft(11))) + "    ms".PadLeft(11));
        // The generator's own steps first; Roslyn's steps after a blank line.
        foreach (var group in steps.GroupBy(step => step.IsRoslynInternal).OrderBy(group => group.Key))
        {
            if (group.Key) Console.WriteLine("   (Roslyn's own steps; not judged)");
            foreach (var step in group)
                Console.WriteLine("   " + step.Name.PadRight(nameWidth) + string.Concat(Reasons.Select(reason => step.Counts[reason].ToString(CultureInfo.InvariantCulture).PadLeft(11)))
                    + step.Elapsed.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture).PadLeft(11));
        }
    }
}
