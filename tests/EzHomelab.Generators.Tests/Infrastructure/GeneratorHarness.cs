using System.Collections.Immutable;
using EzHomelab.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EzHomelab.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources against the framework and the EzHomelab runtime, and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = new List<MetadataReference>();
        foreach (var path in paths)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard" or "Microsoft.CSharp")
                references.Add(MetadataReference.CreateFromFile(path));
        }
        references.Add(MetadataReference.CreateFromFile(typeof(ServiceAttribute).Assembly.Location));
        return references.ToImmutableArray();
    }

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Source)> files, IEnumerable<MetadataReference>? extraReferences = null, string assemblyName = "TestLab")
    {
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path)).ToArray();
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            extraReferences is null ? References : References.AddRange(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static CSharpCompilation Compile(params string[] sources) =>
        Compile(sources.Select((s, i) => ($"File{i}.cs", s)));

    /// <param name="forceSemantic">Read every marked class through the semantic path (the twin tests compare the two paths).</param>
    public static GeneratorDriver CreateDriver(bool trackSteps = true, bool forceSemantic = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new HomelabGenerator(forceSemantic).AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var run = driver.GetRunResult();
        return new GeneratorRun(compilation, output, driver, run.Results.Single(), driverDiagnostics);
    }

    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));
}

internal sealed record GeneratorRun(Compilation Input, Compilation Output, GeneratorDriver Driver, GeneratorRunResult Result, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    public IEnumerable<Diagnostic> WithId(string id) => Diagnostics.Where(d => d.Id == id);

    public string Source(string hintName)
    {
        var match = Result.GeneratedSources.Where(s => s.HintName == hintName).ToList();
        Assert.True(match.Count == 1, $"expected one generated file '{hintName}', found: {string.Join(", ", Result.GeneratedSources.Select(s => s.HintName))}");
        return match[0].SourceText.ToString();
    }

    public IReadOnlyList<string> HintNames => Result.GeneratedSources.Select(s => s.HintName).ToList();

    /// <summary>The generator itself did not fail (an exception surfaces as CS8785 or in the run result).</summary>
    public void AssertGeneratorDidNotThrow()
    {
        Assert.Null(Result.Exception);
        Assert.DoesNotContain(DriverDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.DoesNotContain(Diagnostics, d => d.Id is "CS8784" or "CS8785");
    }

    /// <summary>The compilation including the generated files has no errors.</summary>
    public void AssertOutputCompiles()
    {
        AssertGeneratorDidNotThrow();
        var errors = Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error || d.IsWarningAsError).ToList();
        Assert.True(errors.Count == 0, "output compilation has errors:\n" + string.Join("\n", errors) + "\n\n" + AllGenerated());
    }

    /// <summary>Valid input: no generator diagnostics and an output that compiles without warnings or errors.</summary>
    public void AssertClean()
    {
        Assert.True(Diagnostics.IsEmpty, "unexpected diagnostics:\n" + string.Join("\n", Diagnostics));
        AssertOutputCompiles();
        var warnings = Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, "output compilation has warnings:\n" + string.Join("\n", warnings));
    }

    /// <summary>The source text a diagnostic points at.</summary>
    public string LocationText(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var tree = Input.SyntaxTrees.SingleOrDefault(t => t.FilePath == span.Path);
        Assert.True(tree is not null, $"diagnostic {diagnostic.Id} points at '{span.Path}', which is not a source file");
        return tree!.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    public string AllGenerated() =>
        string.Join("\n", Result.GeneratedSources.Select(s => "// ---- " + s.HintName + "\n" + s.SourceText));
}
