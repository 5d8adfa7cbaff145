namespace EzHomelab.Generators;

/// <summary>Names of the pipeline steps, so tests and benchmarks can check what the driver cached.</summary>
public static class TrackingNames
{
    public const string ClassRecords = nameof(ClassRecords);
    public const string GlobalUsings = nameof(GlobalUsings);
    public const string ClassIndex = nameof(ClassIndex);
    public const string ClassModels = nameof(ClassModels);
    public const string ServiceClasses = nameof(ServiceClasses);
    public const string LabClasses = nameof(LabClasses);
    public const string SemanticTargets = nameof(SemanticTargets);
    public const string SemanticClasses = nameof(SemanticClasses);
    public const string SemanticServiceClasses = nameof(SemanticServiceClasses);
    public const string SemanticLabClasses = nameof(SemanticLabClasses);
    public const string AllServices = nameof(AllServices);
    public const string AllLabs = nameof(AllLabs);
    public const string CollidingHints = nameof(CollidingHints);
    public const string ServiceSpecs = nameof(ServiceSpecs);
    public const string SemanticServiceSpecs = nameof(SemanticServiceSpecs);
    public const string LabSpecs = nameof(LabSpecs);
    public const string SemanticLabSpecs = nameof(SemanticLabSpecs);
    public const string ServiceEmitModels = nameof(ServiceEmitModels);
    public const string SemanticServiceEmitModels = nameof(SemanticServiceEmitModels);
    public const string LabEntries = nameof(LabEntries);
    public const string LabEmitModels = nameof(LabEmitModels);
    public const string SemanticLabEmitModels = nameof(SemanticLabEmitModels);
    public const string Diagnostics = nameof(Diagnostics);
}
