using System.Collections;
using BenchmarkDotNet.Attributes;

namespace EzHomelab.Benchmarks;

/// <summary>
/// A deploy where nothing changed, against a real engine (<c>DOCKER_HOST</c>; benchmarks/deploy.sh starts one): the
/// runner's <c>deploy</c> of the unchanged LocalLab, which must skip every stack without calling compose, against what
/// a shell script does, <c>docker-compose up -d</c> of each stack, one child process each. Both work on the same
/// rendered root and the same containers. Seconds per operation, so a small job of its own (see benchmarks/README.md).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, id: "Deploy")]
public class DeployBenchmarks
{
    private Hashtable environment = null!;
    private string root = null!;
    private string[] noOpArgs = null!;

    [GlobalSetup]
    public void Setup()
    {
        environment = DeployEngine.RunnerEnvironment(DeployEngine.RequireHost());
        root = DeployEngine.NewRoot("noop");
        noOpArgs = ["deploy", "--root", root];
        DeployEngine.Runner(DeployEngine.Lab, environment, noOpArgs);

        // The measured case must be the no-op: every stack skipped, compose never called.
        var again = DeployEngine.Runner(DeployEngine.Lab, environment, noOpArgs);
        if (!again.Contains("unchanged", StringComparison.Ordinal) || !again.Contains($"0 stacks brought up to date, {DeployEngine.Stacks.Count} unchanged", StringComparison.Ordinal))
            throw new InvalidOperationException($"a second deploy of the unchanged lab did not skip every stack:\n{again}");
    }

    [GlobalCleanup]
    public void Cleanup() => DeployEngine.DeleteRoot(root);

    /// <summary><c>deploy --root R</c> of the unchanged lab: render, plan, connect, look at each stack's containers, skip.</summary>
    [Benchmark]
    public async Task<int> NoOpDeploy()
    {
        var (code, output) = await DeployEngine.RunnerAsync(DeployEngine.Lab, environment, noOpArgs);
        if (code != 0) throw new InvalidOperationException($"no-op deploy failed:\n{output}");
        return code;
    }

    /// <summary><c>docker-compose -p STACK -f compose.yaml --project-directory DIR up -d</c> for each stack, in deploy order.</summary>
    [Benchmark(Baseline = true)]
    public int ComposeUpLoop()
    {
        foreach (var stack in DeployEngine.Stacks) DeployEngine.ComposeUp(stack, Path.Combine(root, stack));
        return DeployEngine.Stacks.Count;
    }
}
