using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Benchmarks;

/// <summary>
/// Proves a synthetic lab is valid before anything is timed: a benchmark of a lab the generator rejects
/// would measure the error path, not the real one.
/// </summary>
public static class LabSanityCheck
{
    /// <summary>Runs the generator once; throws, listing the diagnostics, unless the lab is clean.</summary>
    public static SanityReport Verify(SyntheticLab lab)
    {
        var compilation = LabCompilation.Create(lab.Trees, lab.References);
        var inputErrors = compilation.GetDiagnostics().Where(IsProblem).ToList();

        var driver = LabCompilation.CreateDriver(trackSteps: false)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        var outputErrors = output.GetDiagnostics().Where(IsProblem).ToList();
        var generatorProblems = generatorDiagnostics.Where(IsProblem).ToList();

        var generated = result.GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
        var report = new SanityReport(
            lab.ServiceCount, lab.Trees.Count, result.GeneratedSources.Length,
            generatorDiagnostics.Length, inputErrors.Count, outputErrors.Count,
            generated.Sum(text => text.Length), generated.Sum(text => Occurrences(text, ".Template with")));

        if (result.Exception is not null || generatorProblems.Count > 0 || inputErrors.Count > 0 || outputErrors.Count > 0)
        {
            var lines = new List<string> { $"The synthetic lab of {lab.ServiceCount} services is not valid; refusing to benchmark it." };
            if (result.Exception is not null) lines.Add("generator threw: " + result.Exception);
            lines.AddRange(generatorProblems.Take(20).Select(d => "generator: " + d));
            lines.AddRange(inputErrors.Take(20).Select(d => "lab source: " + d));
            lines.AddRange(outputErrors.Take(20).Select(d => "with generated code: " + d));
            throw new InvalidOperationException(string.Join(Environment.NewLine, lines));
        }
        return report;
    }

    /// <summary>
    /// Shows that each yardstick invocation binds from scratch: a second GetDiagnostics() on the same
    /// Compilation is served from its cache (near zero), a new compilation of the same trees is not.
    /// </summary>
    public static (TimeSpan Fresh, TimeSpan SameAgain, TimeSpan FreshAgain) TimeYardstickFreshness(SyntheticLab lab)
    {
        LabCompilation.Create(lab.Trees, lab.References).GetDiagnostics(); // load metadata once, as GlobalSetup does
        var first = LabCompilation.Create(lab.Trees, lab.References);
        var fresh = Time(() => first.GetDiagnostics());
        var sameAgain = Time(() => first.GetDiagnostics());
        var freshAgain = Time(() => LabCompilation.Create(lab.Trees, lab.References).GetDiagnostics());
        return (fresh, sameAgain, freshAgain);
    }

    private static int Occurrences(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static TimeSpan Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed;
    }

    // Warnings count too: the generator's warnings (an unpinned image, say) mean the lab is not the clean one we meant to build.
    private static bool IsProblem(Diagnostic diagnostic) =>
        diagnostic.Severity >= DiagnosticSeverity.Warning && !diagnostic.IsSuppressed;
}

/// <param name="GeneratedChars">The generated code's size, which the lab's build pays to compile.</param>
/// <param name="FromTemplates">Definitions written as a referenced template's <c>Template with { … }</c>.</param>
public sealed record SanityReport(
    int Services, int SyntaxTrees, int GeneratedFiles, int GeneratorDiagnostics, int SourceProblems, int OutputProblems,
    int GeneratedChars, int FromTemplates)
{
    public override string ToString() =>
        $"N={Services}: {SyntaxTrees} syntax trees, {GeneratedFiles} generated files ({GeneratedChars / 1024} KB, {FromTemplates} definitions from templates), " +
        $"{GeneratorDiagnostics} generator diagnostics, {SourceProblems} source errors/warnings, {OutputProblems} errors/warnings with generated code" +
        (GeneratedFiles == 0 ? " (nothing generated: is HomelabGenerator still a placeholder? the numbers would mean nothing)" : "");
}
