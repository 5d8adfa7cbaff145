using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EzHomelab.Benchmarks;

// Own switches first; everything else goes to BenchmarkDotNet (--filter, --job, --list, ...).
var ownSwitches = new HashSet<string>(StringComparer.Ordinal) { "--check", "--sanity", "--quick", "--deploy-memory", "--deploy-profile", "--process-breakdown", "--build-cost", "--ready-to-run", "--render-memory" };
var benchmarkArgs = args.Where(arg => !ownSwitches.Contains(arg)).ToArray();

try
{
    // The runner's peak memory as its own process, against the engine at DOCKER_HOST (benchmarks/deploy.sh).
    if (args.Contains("--deploy-memory"))
    {
        int labDll = Array.IndexOf(args, "--lab-dll");
        return DeployMemory.Run(labDll >= 0 && labDll + 1 < args.Length ? args[labDll + 1] : null,
            FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory());
    }
    // Where the runner's deploy time goes, each run alternating with its compose baseline.
    if (args.Contains("--deploy-profile"))
        return DeployProfile.Run(FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory());
    // Where a cold runner process spends its time, step by step (EZH_TRACE_TIMINGS).
    if (args.Contains("--process-breakdown"))
        return ProcessBreakdown.Run();
    // What the generator adds to a 1,000-service lab's dotnet build, and the runner's peak memory rendering that lab.
    if (args.Contains("--build-cost"))
        return BuildCost.Run(FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory(), args.Contains("--ready-to-run"));
    if (args.Contains("--render-memory"))
        return RenderMemory.Run(FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory());
    if (args.Contains("--check"))
        return Math.Max(CachingCheck.Run(services: 1000), CachingCheck.Run(services: 1000, LabShape.Catalog));
    foreach (var shape in new[] { LabShape.Source, LabShape.Catalog })
        foreach (var services in new[] { 10, 100, 1000 })
            Console.WriteLine($"lab sanity ({shape}): " + LabSanityCheck.Verify(SyntheticLab.Create(services, shape)));
}
catch (InvalidOperationException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    return 1;
}

if (args.Contains("--sanity"))
{
    var (fresh, sameAgain, freshAgain) = LabSanityCheck.TimeYardstickFreshness(SyntheticLab.Create(1000));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"yardstick freshness at N=1000: fresh compilation {fresh.TotalMilliseconds:F1} ms, same compilation again {sameAgain.TotalMilliseconds:F3} ms, another fresh compilation {freshAgain.TotalMilliseconds:F1} ms"));
    return 0;
}

// Results go under the repository's artifacts/ (ignored by git), not into whatever folder we were started from.
IConfig config = DefaultConfig.Instance;
var repositoryRoot = FindRepositoryRoot(Directory.GetCurrentDirectory());
if (repositoryRoot is not null)
    config = config.WithArtifactsPath(Path.Combine(repositoryRoot, "artifacts", "benchmarks"));

if (args.Contains("--quick"))
{
    // A smoke run, not a measurement: few iterations, in this process (no child build next to other builds).
    config = config.AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithId("Quick"));
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(benchmarkArgs, config);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;

static string? FindRepositoryRoot(string start)
{
    for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        if (File.Exists(Path.Combine(directory.FullName, "EzHomelab.sln"))) return directory.FullName;
    return null;
}
