using System.Collections;
using BenchmarkDotNet.Attributes;
using EzHomelab.Model;
using EzHomelab.Rendering.Compose;

namespace EzHomelab.Benchmarks;

/// <summary>
/// A deploy where one service changed, against a real engine: the lab's <c>site</c> (stack web) gets an environment
/// variable <c>BENCH</c> whose value alternates between <c>a</c> and <c>b</c> from one invocation to the next, so every
/// invocation really recreates <c>site</c> and waits until it is healthy again.
/// <list type="bullet">
/// <item><c>OneServiceChange</c>: the runner's <c>deploy --root R</c> of the whole lab with that change (web is brought
/// up, egress and lazy are looked at and skipped).</item>
/// <item><c>ComposeUpOneStack</c> (baseline): <c>docker-compose up -d</c> of the web stack alone, its compose.yaml
/// switched between the two rendered variants, then — since <c>up -d</c> returns before health is reached while the
/// runner waits for it — polling <c>docker inspect -f '{{.State.Health.Status}}' site api</c> every 250 ms (the runner's
/// own poll interval) until both say healthy, as a script would.</item>
/// </list>
/// One invocation per iteration: each one is a whole deploy of seconds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1, id: "Deploy")]
public class DeployChangeBenchmarks
{
    private const string Stack = "web";
    private static readonly string[] HealthChecked = ["site", "api"];
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private Hashtable environment = null!;
    private Lab[] variants = null!;
    private string runnerRoot = null!;
    private string[] runnerArgs = null!;
    private int runnerNext;

    private string composeRoot = null!;
    private string composeFolder = null!;
    private string[] composeVariants = null!;
    private int composeNext;

    [GlobalSetup(Target = nameof(OneServiceChange))]
    public void SetupRunner()
    {
        environment = DeployEngine.RunnerEnvironment(DeployEngine.RequireHost());
        variants = [DeployEngine.WithEnv(DeployEngine.Lab, "site", "BENCH", "a"), DeployEngine.WithEnv(DeployEngine.Lab, "site", "BENCH", "b")];
        runnerRoot = DeployEngine.NewRoot("change");
        runnerArgs = ["deploy", "--root", runnerRoot];
        DeployEngine.Runner(variants[0], environment, runnerArgs);

        // What every invocation does: web brought up with site recreated, the other stacks skipped.
        var site = DeployEngine.ContainerId("site");
        var output = DeployEngine.Runner(variants[1], environment, runnerArgs);
        if (!output.Contains($"1 stacks brought up to date, {DeployEngine.Stacks.Count - 1} unchanged", StringComparison.Ordinal))
            throw new InvalidOperationException($"deploying the lab with site changed did not deploy exactly one stack:\n{output}");
        if (DeployEngine.ContainerId("site") is not { } recreated || recreated == site)
            throw new InvalidOperationException("deploying the lab with site changed did not recreate site's container");
        runnerNext = 0;
    }

    [GlobalSetup(Target = nameof(ComposeUpOneStack))]
    public void SetupCompose()
    {
        environment = DeployEngine.RunnerEnvironment(DeployEngine.RequireHost());
        variants = [DeployEngine.WithEnv(DeployEngine.Lab, "site", "BENCH", "a"), DeployEngine.WithEnv(DeployEngine.Lab, "site", "BENCH", "b")];
        // The two variants, rendered once by the runner; deploying the first also creates the external networks.
        runnerRoot = DeployEngine.NewRoot("change-a");
        DeployEngine.Runner(variants[0], environment, "deploy", "--root", runnerRoot);
        var otherRoot = DeployEngine.NewRoot("change-b");
        try
        {
            DeployEngine.Runner(variants[1], environment, "render", "--root", otherRoot);
            var a = Path.Combine(runnerRoot, Stack);
            var b = Path.Combine(otherRoot, Stack);
            if (File.ReadAllText(Path.Combine(a, ".env")) != File.ReadAllText(Path.Combine(b, ".env")))
                throw new InvalidOperationException("the two variants' web/.env differ; only compose.yaml should");
            composeVariants = [File.ReadAllText(Path.Combine(a, ComposeRenderer.ComposeFileName)), File.ReadAllText(Path.Combine(b, ComposeRenderer.ComposeFileName))];
            if (composeVariants[0] == composeVariants[1]) throw new InvalidOperationException("the two variants render the same compose.yaml");
        }
        finally
        {
            DeployEngine.DeleteRoot(otherRoot);
        }

        // One folder compose owns, as in a hand-kept repository: the web stack's files (secret included) of variant a.
        composeRoot = DeployEngine.NewRoot("compose");
        composeFolder = Path.Combine(composeRoot, Stack);
        CopyFolder(Path.Combine(runnerRoot, Stack), composeFolder);
        // From another folder, api's bind-mounted secret has another path: compose recreates api once, here.
        ComposeUpVariant(0);

        var site = DeployEngine.ContainerId("site");
        var api = DeployEngine.ContainerId("api");
        ComposeUpVariant(1);
        if (DeployEngine.ContainerId("site") == site) throw new InvalidOperationException("compose up of the other variant did not recreate site");
        if (DeployEngine.ContainerId("api") != api) throw new InvalidOperationException("compose up of the other variant recreated api too; the comparison would not be one service");
        composeNext = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        DeployEngine.DeleteRoot(runnerRoot);
        DeployEngine.DeleteRoot(composeRoot);
    }

    /// <summary>The runner deploys the lab with site's <c>BENCH</c> flipped: render, plan, write web's files, compose up, wait healthy, record.</summary>
    [Benchmark]
    public async Task<int> OneServiceChange()
    {
        var lab = variants[runnerNext];
        runnerNext = 1 - runnerNext;
        var (code, output) = await DeployEngine.RunnerAsync(lab, environment, runnerArgs);
        if (code != 0) throw new InvalidOperationException($"deploy with one service changed failed:\n{output}");
        return code;
    }

    /// <summary>compose.yaml switched to the other variant, <c>docker-compose up -d</c> of web, then polling until site and api are healthy.</summary>
    [Benchmark(Baseline = true)]
    public int ComposeUpOneStack()
    {
        ComposeUpVariant(composeNext);
        composeNext = 1 - composeNext;
        return composeNext;
    }

    private void ComposeUpVariant(int variant)
    {
        File.WriteAllText(Path.Combine(composeFolder, ComposeRenderer.ComposeFileName), composeVariants[variant]);
        DeployEngine.ComposeUp(Stack, composeFolder);
        DeployEngine.WaitHealthy(HealthChecked, PollInterval, TimeSpan.FromSeconds(120));
    }

    /// <summary>
    /// A copy keeping each file's owner and mode (cp -a): api runs as 1000:1000 and reads its secret file, which the
    /// runner gives to that user; a plain copy would be root's, and api could not start.
    /// </summary>
    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        var (code, output) = DeployEngine.Run("cp", ["-a", from + "/.", to], from);
        if (code != 0) throw new InvalidOperationException($"cp -a {from}/. {to} failed (exit {code}): {output.Trim()}");
    }
}
