using System.Diagnostics;
using System.Globalization;
using System.Text;
using EzHomelab.Model;
using EzHomelab.Rendering.Compose;

namespace EzHomelab.Benchmarks;

/// <summary>
/// <c>--deploy-profile</c>: where the runner's time goes, against the engine at <c>DOCKER_HOST</c>. The runner runs
/// in-process as in the benchmarks, its progress lines (<c>web: compose up</c>, <c>web: waiting</c>, …) time-stamped as
/// they are written, and each run alternates with the matching compose baseline, so both see the same background load
/// (BenchmarkDotNet runs one benchmark's iterations after the other's). Prints, per scenario, the mean of each phase
/// and the ratio of the paired means.
/// </summary>
public static class DeployProfile
{
    private const int Pairs = 8;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static int Run(string repositoryRoot)
    {
        var host = DeployEngine.RequireHost();
        var environment = DeployEngine.RunnerEnvironment(host);
        var roots = new List<string>();
        string NewRoot(string purpose)
        {
            var root = DeployEngine.NewRoot(purpose);
            roots.Add(root);
            return root;
        }
        try
        {
            // No-op: the runner's deploy of the unchanged lab, against the compose loop on the same root.
            var root = NewRoot("profile-noop");
            DeployEngine.Runner(DeployEngine.Lab, environment, "deploy", "--root", root);
            DeployEngine.Runner(DeployEngine.Lab, environment, "deploy", "--root", root);
            foreach (var stack in DeployEngine.Stacks) DeployEngine.ComposeUp(stack, Path.Combine(root, stack)); // compose starts the lazy service once
            var noOp = new List<Timeline>();
            var loop = new List<Timeline>();
            for (int i = 0; i < Pairs; i++)
            {
                noOp.Add(RunnerTimeline(DeployEngine.Lab, environment, root));
                var clock = Stopwatch.StartNew();
                var marks = new List<(string, TimeSpan)>();
                foreach (var stack in DeployEngine.Stacks)
                {
                    DeployEngine.ComposeUp(stack, Path.Combine(root, stack));
                    marks.Add(($"compose up -d {stack} done", clock.Elapsed));
                }
                loop.Add(new Timeline(clock.Elapsed, marks));
            }

            // The no-op as a process of its own, piece by piece (what the in-process benchmark does not pay); while the
            // engine still holds exactly what this root deployed.
            var processPieces = new List<string>();
            var labDll = Path.Combine(repositoryRoot, "samples", "LocalLab", "bin", "Release", "net10.0", "LocalLab.dll");
            if (File.Exists(labDll))
            {
                processPieces.Add("");
                processPieces.Add($"The runner as its own process (dotnet {Path.GetRelativePath(repositoryRoot, labDll)}), against the no-op root; mean wall time of {Pairs} runs each:");
                foreach (var (what, program, args, expect) in new (string, string, string[], string)[]
                {
                    ("--help (runtime start, command line)", "dotnet", [labDll, "--help"], "deploy"),
                    ("plan (+ render, plan; no engine)", "dotnet", [labDll, "plan", "--root", root], ""),
                    ("status (+ engine connect, containers of 3 stacks)", "dotnet", [labDll, "status", "--root", root], "Every service is as the lab wants it."),
                    ("deploy, no-op (+ networks, skip; compose is not looked for)", "dotnet", [labDll, "deploy", "--root", root], $"0 stacks brought up to date, {DeployEngine.Stacks.Count} unchanged"),
                    ("docker-compose version (what looking for compose runs, once a stack needs it)", "docker-compose", ["version"], "docker-compose version"),
                })
                {
                    var times = Enumerable.Range(0, Pairs).Select(_ =>
                    {
                        var clock = Stopwatch.StartNew();
                        var result = DeployEngine.Run(program, args, root);
                        if (result.ExitCode != 0 || !result.Output.Contains(expect, StringComparison.Ordinal))
                            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed or did not say \"{expect}\": {result.Output}");
                        return clock.Elapsed.TotalMilliseconds;
                    }).ToList();
                    processPieces.Add(string.Create(CultureInfo.InvariantCulture, $"  {times.Average(),7:0} ms  {what}"));
                }
            }

            // One service changed. Both sides work on the runner's web folder (compose with its compose file elsewhere,
            // so api's bind-mounted secret keeps its path and only site differs) and flip site's BENCH through three
            // values: the runner's next value differs from its own last (its files change) and from what compose left
            // running (so compose, inside the runner, recreates site); compose's value differs from the runner's.
            var values = new[] { "a", "b", "c" };
            var labs = values.Select(v => DeployEngine.WithEnv(DeployEngine.Lab, "site", "BENCH", v)).ToArray();
            var runnerRoot = NewRoot("profile-change");
            var composeFiles = NewRoot("profile-compose-files");
            for (int v = 0; v < values.Length; v++)
            {
                var rendered = NewRoot("profile-render");
                DeployEngine.Runner(labs[v], environment, "render", "--root", rendered);
                File.Copy(Path.Combine(rendered, "web", ComposeRenderer.ComposeFileName), Path.Combine(composeFiles, $"compose-{values[v]}.yaml"));
            }
            DeployEngine.Runner(labs[0], environment, "deploy", "--root", runnerRoot);
            var webFolder = Path.Combine(runnerRoot, "web");

            var change = new List<Timeline>();
            var oneStack = new List<Timeline>();
            for (int i = 0; i < Pairs; i++)
            {
                change.Add(Recreating(() => RunnerTimeline(labs[(i + 1) % 3], environment, runnerRoot)));
                oneStack.Add(Recreating(() => ComposeOneStack(webFolder, Path.Combine(composeFiles, $"compose-{values[i % 3]}.yaml"))));
            }

            Console.WriteLine();
            Console.WriteLine($"Deploy profile: {Pairs} runs of each, alternating runner / compose; mean time from the start of the run to each mark (DOCKER_HOST={host})");
            Print("NoOpDeploy (runner in-process)", noOp);
            Print("ComposeUpLoop", loop);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paired ratio NoOpDeploy / ComposeUpLoop: {Mean(noOp) / Mean(loop):0.000}"));
            Print("OneServiceChange (runner in-process)", change);
            Print("ComposeUpOneStack", oneStack);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paired ratio OneServiceChange / ComposeUpOneStack: {Mean(change) / Mean(oneStack):0.000}"));

            foreach (var line in processPieces) Console.WriteLine(line);
            return 0;
        }
        finally
        {
            foreach (var root in roots) DeployEngine.DeleteRoot(root);
        }
    }

    private sealed record Timeline(TimeSpan Total, IReadOnlyList<(string Mark, TimeSpan At)> Marks);

    private static double Mean(List<Timeline> runs) => runs.Average(r => r.Total.TotalMilliseconds);

    private static Timeline RunnerTimeline(Lab lab, System.Collections.Hashtable environment, string root)
    {
        var clock = Stopwatch.StartNew();
        using var stderr = new StampedWriter(clock);
        using var stdout = new StringWriter();
        int code = Cli.CommandLine.RunAsync(lab, ["deploy", "--root", root], stdout, stderr, environment).GetAwaiter().GetResult();
        var total = clock.Elapsed;
        if (code != 0) throw new InvalidOperationException($"runner deploy failed (exit {code}):\n{stdout}\n{string.Join('\n', stderr.Lines.Select(l => l.Line))}");
        // Keep the phases (stack: phase) and the service states; the same service state is reported once per change.
        return new Timeline(total, stderr.Lines.Select(l => (l.Line, l.At)).Append(("report written, exit", total)).ToArray());
    }

    /// <summary>Runs <paramref name="deploy"/> and throws unless it gave site a new container and kept api's.</summary>
    private static Timeline Recreating(Func<Timeline> deploy)
    {
        var (site, api) = (DeployEngine.ContainerId("site"), DeployEngine.ContainerId("api"));
        var timeline = deploy();
        if (DeployEngine.ContainerId("site") == site || DeployEngine.ContainerId("api") != api)
            throw new InvalidOperationException("a one-service deploy did not recreate exactly site");
        return timeline;
    }

    private static Timeline ComposeOneStack(string folder, string composeFile)
    {
        var clock = Stopwatch.StartNew();
        DeployEngine.ComposeUp("web", folder, composeFile);
        var up = clock.Elapsed;
        DeployEngine.WaitHealthy(["site", "api"], PollInterval, TimeSpan.FromSeconds(120));
        return new Timeline(clock.Elapsed, [("compose up -d web done", up), ("site and api healthy (docker inspect)", clock.Elapsed)]);
    }

    private static void Print(string title, List<Timeline> runs)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: mean {Mean(runs):0} ms (min {runs.Min(r => r.Total.TotalMilliseconds):0}, max {runs.Max(r => r.Total.TotalMilliseconds):0})"));
        // Marks in the order the first run wrote them; a mark a run did not write is left out of its mean.
        foreach (var mark in runs[0].Marks.Select(m => m.Mark).Distinct())
        {
            var times = runs.Select(r => r.Marks.FirstOrDefault(m => m.Mark == mark)).Where(m => m.Mark is not null).Select(m => m.At.TotalMilliseconds).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {times.Average(),7:0} ms  {mark}{(times.Count < runs.Count ? $" ({times.Count} of {runs.Count} runs)" : "")}"));
        }
    }

    /// <summary>Collects whole lines with the time each one was finished.</summary>
    private sealed class StampedWriter(Stopwatch clock) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public List<(TimeSpan At, string Line)> Lines { get; } = [];

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                if (value == '\n')
                {
                    Lines.Add((clock.Elapsed, _line.ToString().TrimEnd('\r')));
                    _line.Clear();
                }
                else _line.Append(value);
            }
        }
    }
}
