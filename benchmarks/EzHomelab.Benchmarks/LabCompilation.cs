using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using EzHomelab.Generators;

namespace EzHomelab.Benchmarks;

/// <summary>Builds compilations and generator drivers the way every benchmark and check uses them.</summary>
public static class LabCompilation
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> SharedReferences = new(LoadReferences);

    public static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true);

    /// <summary>
    /// The running runtime's framework assemblies plus the EzHomelab runtime assembly. Created once:
    /// metadata stays cached across compilations, as in a long-lived compiler server or IDE.
    /// </summary>
    public static IReadOnlyList<MetadataReference> References => SharedReferences.Value;

    /// <summary>
    /// A brand-new compilation: it shares only the immutable syntax trees and references, so nothing it
    /// binds is already cached (unlike reusing one Compilation object, whose diagnostics are memoised).
    /// </summary>
    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference>? extraReferences = null) =>
        CSharpCompilation.Create("BenchLab", trees, extraReferences is null ? References : References.Concat(extraReferences), Options);

    public static GeneratorDriver CreateDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            [new HomelabGenerator().AsSourceGenerator()],
            additionalTexts: null,
            parseOptions: SyntheticLab.ParseOptions,
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        // Only the shared framework's assemblies: the trusted platform list also names this app's own
        // dependencies (Roslyn, BenchmarkDotNet), which a lab project would not reference.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)
            ?? throw new InvalidOperationException("cannot locate the shared framework directory");
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string)
            ?? throw new InvalidOperationException("the runtime exposes no TRUSTED_PLATFORM_ASSEMBLIES list");

        var references = trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(ServiceAttribute).Assembly.Location));
        return references;
    }
}
