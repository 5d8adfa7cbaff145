namespace EzHomelab.Generators;

/// <summary>Names of the pipeline steps, so tests and benchmarks can check what the driver cached.</summary>
public static class TrackingNames
{
    public const string ServiceClasses = nameof(ServiceClasses);
    public const string StackOnlyClasses = nameof(StackOnlyClasses);
    public const string LabClasses = nameof(LabClasses);
    public const string AllServices = nameof(AllServices);
    public const string AllLabs = nameof(AllLabs);
    public const string CollidingHints = nameof(CollidingHints);
    public const string ServiceSpecs = nameof(ServiceSpecs);
    public const string StackOnlySpecs = nameof(StackOnlySpecs);
    public const string ServiceEmitModels = nameof(ServiceEmitModels);
    public const string StackOnlyEmitModels = nameof(StackOnlyEmitModels);
    public const string LabEntries = nameof(LabEntries);
    public const string LabSpecs = nameof(LabSpecs);
    public const string LabEmitModels = nameof(LabEmitModels);
    public const string Diagnostics = nameof(Diagnostics);
}
