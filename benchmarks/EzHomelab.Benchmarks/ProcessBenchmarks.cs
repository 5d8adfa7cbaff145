using BenchmarkDotNet.Attributes;

namespace EzHomelab.Benchmarks;

/// <summary>
/// The runner the way users run it: the lab's built apphost (<c>samples/LocalLab/bin/Release/net10.0/LocalLab</c>) as a
/// process of its own, started, run and waited for, so the runtime's start, the JIT, loading the assemblies and the
/// first connection to the engine are all in the time. Output is redirected (read whole), as in a script, a cron job or
/// CI. The lab's executable can be another build of it (<c>EZH_BENCH_LOCALLAB</c>: the path of its apphost), which is
/// how the "before" column of benchmarks/README.md was measured.
/// </summary>
internal static class LabProcess
{
    /// <summary>The apphost of a lab (samples/NAME unless <paramref name="folder"/> says where): <c>EZH_BENCH_&lt;NAME&gt;</c> when set, else its Release build in the repository.</summary>
    public static string App(string lab, string? folder = null)
    {
        folder ??= Path.Combine("samples", lab);
        var path = Environment.GetEnvironmentVariable($"EZH_BENCH_{lab.ToUpperInvariant()}") is { Length: > 0 } own
            ? own
            : Path.Combine(RepositoryRoot(), folder, "bin", "Release", "net10.0", lab);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} does not exist: build it (dotnet build -c Release {folder}) or set EZH_BENCH_{lab.ToUpperInvariant()} to a built apphost");
        return path;
    }

    /// <summary>
    /// The native runner <c>dotnet publish -c Release -r linux-x64</c> makes of a sample lab (the samples set
    /// <c>PublishAot</c>): <c>EZH_BENCH_&lt;NAME&gt;_NATIVE</c> when set, else the publish folder in the repository.
    /// </summary>
    public static string NativeApp(string lab)
    {
        var variable = $"EZH_BENCH_{lab.ToUpperInvariant()}_NATIVE";
        var path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } own
            ? own
            : Path.Combine(RepositoryRoot(), "samples", lab, "bin", "Release", "net10.0", "linux-x64", "publish", lab);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} does not exist: publish it (dotnet publish samples/{lab} -c Release -r linux-x64) or set {variable} to a native runner");
        return path;
    }

    /// <summary>Runs the lab's apphost and throws with its output unless it exits 0 and says <paramref name="expect"/>.</summary>
    public static string Run(string app, string expect, params string[] args)
    {
        var (code, output) = DeployEngine.Run(app, args, Path.GetDirectoryName(app)!);
        if (code != 0 || !output.Contains(expect, StringComparison.Ordinal))
            throw new InvalidOperationException($"{app} {string.Join(' ', args)} exited {code} or did not say \"{expect}\":\n{output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "EzHomelab.sln"))) return directory.FullName;
        throw new InvalidOperationException($"no EzHomelab.sln above {AppContext.BaseDirectory}: set EZH_BENCH_LOCALLAB and EZH_BENCH_HOMELAB");
    }
}

/// <summary>
/// A no-op <c>deploy --root R</c> of samples/LocalLab by a runner process (<see cref="FindApp"/>), against the compose
/// loop a shell script runs (<c>docker-compose … up -d</c> of each stack, as in <see cref="DeployBenchmarks"/>), on the
/// same root and containers. Needs the engine at <c>DOCKER_HOST</c> (benchmarks/deploy.sh).
/// </summary>
public abstract class LocalLabNoOpProcessBenchmarks
{
    private const string NoOp = "0 stacks brought up to date, 3 unchanged";
    private string app = null!;
    private string root = null!;

    /// <summary>The runner to start.</summary>
    protected abstract string FindApp();

    [GlobalSetup]
    public void Setup()
    {
        DeployEngine.RequireHost();
        app = FindApp();
        root = DeployEngine.NewRoot("process-noop");
        LabProcess.Run(app, "Deploy done", "deploy", "--root", root);
        // The compose loop starts the lazy stack's service once; the runner still finds every stack as deployed.
        ComposeUpLoop();
        LabProcess.Run(app, NoOp, "deploy", "--root", root);
    }

    [GlobalCleanup]
    public void Cleanup() => DeployEngine.DeleteRoot(root);

    /// <summary><c>deploy --root R</c> of the unchanged lab; throws unless every stack was skipped.</summary>
    protected string NoOpDeploy() => LabProcess.Run(app, NoOp, "deploy", "--root", root);

    /// <summary><c>docker-compose -p STACK -f compose.yaml --project-directory DIR up -d</c> for each stack, in deploy order.</summary>
    [Benchmark(Baseline = true)]
    public int ComposeUpLoop()
    {
        foreach (var stack in DeployEngine.Stacks) DeployEngine.ComposeUp(stack, Path.Combine(root, stack));
        return DeployEngine.Stacks.Count;
    }
}

/// <summary>The lab's apphost (<see cref="LabProcess.App"/>: the ReadyToRun build output) against the compose loop.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, id: "Process")]
public class DeployProcessBenchmarks : LocalLabNoOpProcessBenchmarks
{
    protected override string FindApp() => LabProcess.App("LocalLab");

    [Benchmark]
    public string NoOpDeployProcess() => NoOpDeploy();
}

/// <summary>
/// The lab's native runner (Native AOT, <see cref="LabProcess.NativeApp"/>; benchmarks/deploy.sh publishes it first)
/// against the compose loop.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, id: "Process")]
public class NativeDeployProcessBenchmarks : LocalLabNoOpProcessBenchmarks
{
    protected override string FindApp() => LabProcess.NativeApp("LocalLab");

    [Benchmark]
    public string NoOpDeployNative() => NoOpDeploy();
}

/// <summary>
/// <c>plan --root R</c> of samples/HomeLab (eight stacks from the catalog, Traefik, Authelia, Homepage; 33 files) as a process of its own,
/// on a root it rendered, so the plan says "No changes". No engine needed.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, id: "Process")]
public class PlanProcessBenchmarks
{
    private const string NoChanges = "No changes:";
    private string app = null!;
    private string root = null!;

    [GlobalSetup]
    public void Setup()
    {
        app = LabProcess.App("HomeLab");
        root = DeployEngine.NewRoot("process-plan");
        LabProcess.Run(app, "Rendered", "render", "--root", root);
        LabProcess.Run(app, NoChanges, "plan", "--root", root);
    }

    [GlobalCleanup]
    public void Cleanup() => DeployEngine.DeleteRoot(root);

    /// <summary>The lab's apphost: <c>plan --root R</c>, render and compare with the disk; throws unless nothing changes.</summary>
    [Benchmark]
    public string HomeLabPlanProcess() => LabProcess.Run(app, NoChanges, "plan", "--root", root);
}
