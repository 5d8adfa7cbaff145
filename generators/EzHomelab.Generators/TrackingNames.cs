namespace EzHomelab.Generators;

/// <summary>Names of the pipeline steps, so tests and benchmarks can check what the driver cached.</summary>
public static class TrackingNames
{
    public const string ClassRecords = nameof(ClassRecords);
    public const string GlobalUsings = nameof(GlobalUsings);
    public const string IndexEntries = nameof(IndexEntries);
    public const string ReferencedClasses = nameof(ReferencedClasses);
    public const string ClassIndex = nameof(ClassIndex);
    public const string ClassModels = nameof(ClassModels);
    public const string SemanticTargets = nameof(SemanticTargets);
    public const string SemanticClasses = nameof(SemanticClasses);
    public const string AllLabs = nameof(AllLabs);
    public const string CollidingHints = nameof(CollidingHints);
    public const string ServiceEmitModels = nameof(ServiceEmitModels);
    public const string ServiceGroups = nameof(ServiceGroups);
    public const string LabEntries = nameof(LabEntries);
    public const string LabEmitModels = nameof(LabEmitModels);
    public const string ServiceNames = nameof(ServiceNames);
    public const string CrossCheckModels = nameof(CrossCheckModels);
    public const string CrossDiagnostics = nameof(CrossDiagnostics);
    public const string ClassAnchors = nameof(ClassAnchors);
    public const string AnchoredDiagnostics = nameof(AnchoredDiagnostics);
    public const string Diagnostics = nameof(Diagnostics);
}
