using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EzHomelab.Benchmarks;

/// <summary>
/// The targets for warm runs are stated against the generator's own cold run, not the yardstick: this
/// column shows each generator benchmark's mean as a percentage of <c>Cold</c> at the same lab size.
/// </summary>
public sealed class PercentOfColdColumn : IColumn
{
    public string Id => nameof(PercentOfColdColumn);
    public string ColumnName => "% of Cold";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Mean as a percentage of the Cold benchmark's mean for the same parameters";

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => c.Descriptor.WorkloadMethod.Name == nameof(GeneratorBenchmarks.Cold));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var cold = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type
            && c.Descriptor.WorkloadMethod.Name == nameof(GeneratorBenchmarks.Cold)
            && c.Job == benchmarkCase.Job
            && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
        var coldMean = cold is null ? null : summary[cold]?.ResultStatistics?.Mean;
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (coldMean is not > 0 || mean is null) return "-";
        return (100 * mean.Value / coldMean.Value).ToString("0.##", CultureInfo.InvariantCulture) + "%";
    }
}
