using BenchmarkDotNet.Attributes;
using EzHomelab.Model;
using EzHomelab.Rendering.Compose;
using EzHomelab.Rendering.Secrets;

namespace EzHomelab.Benchmarks;

/// <summary>samples/FullLab (every catalog service, seventeen stacks) as the benchmarks run it: its rendered stacks and secrets.</summary>
internal static class FullLabRoot
{
    public static Lab Lab => FullLab.Lab.Definition;

    /// <summary>
    /// Gives every secret the lab reads a test value in this process's environment (the runner processes inherit it), so
    /// a render needs nothing from the user. Not real secrets: fixed strings, the same in every run. The Authelia admin
    /// password is left to the runner, as most users do: it generates one and keeps it. (Given in EZH_ADMIN_PASSWORD,
    /// every run checks it against the users database's argon2id hash, about half a second.)
    /// </summary>
    public static void SupplySecrets()
    {
        var secrets = Lab.Services.SelectMany(s => LabSecrets.Of(Lab, s)).Select(u => u.Secret).Concat(LabSecrets.WidgetKeySecrets(Lab));
        foreach (var secret in secrets.Distinct(StringComparer.Ordinal))
            Environment.SetEnvironmentVariable(HomelabCli.SecretVariable(secret), "benchmark-value-of-" + secret);
    }

    /// <summary>Gives the local test image every image name the lab uses, so its containers can be created without a registry.</summary>
    public static void TagTestImage()
    {
        foreach (var image in Lab.Services.Select(s => s.Image).Distinct(StringComparer.Ordinal))
        {
            var (code, output) = DeployEngine.Run("docker", ["tag", "ezhomelab/busybox:local", image], Path.GetTempPath());
            if (code != 0) throw new InvalidOperationException($"docker tag ezhomelab/busybox:local {image} failed (exit {code}): {output.Trim()} (build the image: scripts/test-image.sh)");
        }
    }

    /// <summary>The stack folders under a rendered root (each holds a compose.yaml), the core first, then by name.</summary>
    public static IReadOnlyList<string> StackFolders(string root) =>
        Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, ComposeRenderer.ComposeFileName)))
            .OrderBy(d => Path.GetFileName(d) == "core" ? 0 : 1).ThenBy(d => d, StringComparer.Ordinal)
            .ToArray();
}

/// <summary>
/// <c>plan --root R</c> of samples/FullLab as a process of its own (the apphost of its Release build) on a root it
/// rendered, so the plan says "No changes", against what a script runs to check the same files:
/// <c>docker-compose -f compose.yaml --project-directory DIR config -q</c> for each of its stacks. No engine needed.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, id: "Process")]
public class FullLabPlanProcessBenchmarks
{
    private const string NoChanges = "No changes:";
    private string app = null!;
    private string root = null!;
    private IReadOnlyList<string> stacks = null!;

    [GlobalSetup]
    public void Setup()
    {
        FullLabRoot.SupplySecrets();
        app = LabProcess.App("FullLab");
        root = DeployEngine.NewRoot("fulllab-plan");
        LabProcess.Run(app, "Rendered", "render", "--root", root);
        stacks = FullLabRoot.StackFolders(root);
        if (stacks.Count != FullLabRoot.Lab.StacksOn(FullLabRoot.Lab.Core).Count)
            throw new InvalidOperationException($"{root} holds {stacks.Count} stack folders, the lab has {FullLabRoot.Lab.StacksOn(FullLabRoot.Lab.Core).Count} stacks");
        ComposeConfigLoop();
        LabProcess.Run(app, NoChanges, "plan", "--root", root);
    }

    [GlobalCleanup]
    public void Cleanup() => DeployEngine.DeleteRoot(root);

    /// <summary>The lab's apphost: <c>plan --root R</c> (render every file in memory and compare with the disk); throws unless nothing changes.</summary>
    [Benchmark]
    public string FullLabPlanProcess() => LabProcess.Run(app, NoChanges, "plan", "--root", root);

    /// <summary><c>docker-compose config -q</c> of every stack folder, one process each; throws unless each says the file is valid.</summary>
    [Benchmark(Baseline = true)]
    public int ComposeConfigLoop()
    {
        foreach (var folder in stacks)
        {
            var (code, output) = DeployEngine.Run("docker-compose", ["-f", ComposeRenderer.ComposeFileName, "--project-directory", folder, "config", "-q"], folder);
            if (code != 0) throw new InvalidOperationException($"docker-compose config -q of {folder} failed (exit {code}): {output.Trim()}");
        }
        return stacks.Count;
    }
}

/// <summary>
/// <c>deploy --root R</c> of the unchanged FullLab as a process of its own, against the compose loop a script runs
/// (<c>docker-compose -p STACK … up -d</c> of each of its seventeen stacks) on the same root and containers. The lab is
/// benchmarks/FullLabLocal: FullLab's own classes with every image replaced by the local test image (its Program.cs
/// lists what else that changes), since no registry is reachable here. Needs the engine at <c>DOCKER_HOST</c>
/// (benchmarks/deploy.sh).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, id: "Process")]
public class FullLabDeployProcessBenchmarks
{
    private string app = null!;
    private string root = null!;
    private string hostRoot = null!;
    private IReadOnlyList<string> stacks = null!;
    private string noOp = null!;

    [GlobalSetup]
    public void Setup()
    {
        DeployEngine.RequireHost();
        app = LabProcess.App("FullLabLocal", Path.Combine("benchmarks", "FullLabLocal"));
        FullLabRoot.TagTestImage();
        root = DeployEngine.NewRoot("fulllab-deploy");
        hostRoot = DeployEngine.NewRoot("fulllab-host");
        Environment.SetEnvironmentVariable("EZH_BENCH_HOST_ROOT", hostRoot);
        LabProcess.Run(app, "Deploy done", "deploy", "--root", root);
        stacks = FullLabRoot.StackFolders(root);
        noOp = $"0 stacks brought up to date, {stacks.Count} unchanged";
        // The compose loop starts the lazy services once; the runner still finds every stack as deployed.
        ComposeUpLoop();
        LabProcess.Run(app, noOp, "deploy", "--root", root);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var folder in stacks ?? [])
            DeployEngine.Run("docker-compose", ["-p", Path.GetFileName(folder), "-f", ComposeRenderer.ComposeFileName, "--project-directory", folder, "down", "-t", "1"], folder);
        DeployEngine.DeleteRoot(root);
        DeployEngine.DeleteRoot(hostRoot);
    }

    /// <summary>The lab's apphost: <c>deploy --root R</c> of the unchanged lab; throws unless every stack was skipped.</summary>
    [Benchmark]
    public string FullLabNoOpDeployProcess() => LabProcess.Run(app, noOp, "deploy", "--root", root);

    /// <summary><c>docker-compose -p STACK -f compose.yaml --project-directory DIR up -d</c> for each stack, the core first.</summary>
    [Benchmark(Baseline = true)]
    public int ComposeUpLoop()
    {
        foreach (var folder in stacks) DeployEngine.ComposeUp(Path.GetFileName(folder), folder);
        return stacks.Count;
    }
}
