using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EzHomelab.Benchmarks;

/// <summary>
/// <c>--process-breakdown</c>: where a cold runner process spends its time, step by step. Runs the lab's apphost (as
/// <see cref="LabProcess"/> finds it) with <c>EZH_TRACE_TIMINGS=1</c>: a no-op <c>deploy</c> of samples/LocalLab
/// against the engine at <c>DOCKER_HOST</c>, and <c>plan</c> of samples/HomeLab, each several times, and prints per step
/// the mean time from the process's start (wall) and the mean CPU time the process had used by then, plus the whole
/// process's wall time as seen from outside (start to exit); then the no-op against the compose loop, alternating, and
/// the ratio of their means. Steps finishing on another thread (the
/// engine's answers, read in the background) interleave with the main thread's, so their CPU is the process's total
/// at that moment, not theirs alone.
/// </summary>
public static partial class ProcessBreakdown
{
    private const int Runs = 10;

    public static int Run()
    {
        DeployEngine.RequireHost();
        var localLab = LabProcess.App("LocalLab");
        var homeLab = LabProcess.App("HomeLab");
        var deployRoot = DeployEngine.NewRoot("breakdown-deploy");
        var planRoot = DeployEngine.NewRoot("breakdown-plan");
        try
        {
            LabProcess.Run(localLab, "Deploy done", "deploy", "--root", deployRoot);
            LabProcess.Run(localLab, "0 stacks brought up to date", "deploy", "--root", deployRoot);
            LabProcess.Run(homeLab, "Rendered", "render", "--root", planRoot);
            Print($"LocalLab deploy, no-op ({localLab})", Measure(localLab, "0 stacks brought up to date", "deploy", "--root", deployRoot));
            Print($"HomeLab plan, no changes ({homeLab})", Measure(homeLab, "No changes:", "plan", "--root", planRoot));

            // The ratio the target is stated in, with the two alternating so both see the same background load (on a
            // shared machine it changes over the minutes BenchmarkDotNet spends on one side, then the other).
            var runner = new List<double>();
            var loop = new List<double>();
            foreach (var stack in DeployEngine.Stacks) DeployEngine.ComposeUp(stack, Path.Combine(deployRoot, stack));
            for (int i = 0; i < Runs; i++)
            {
                var clock = Stopwatch.StartNew();
                LabProcess.Run(localLab, "0 stacks brought up to date", "deploy", "--root", deployRoot);
                runner.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                foreach (var stack in DeployEngine.Stacks) DeployEngine.ComposeUp(stack, Path.Combine(deployRoot, stack));
                loop.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Paired, {Runs} of each alternating: deploy no-op process {runner.Average():0} ms (min {runner.Min():0}), compose loop {loop.Average():0} ms (min {loop.Min():0}), ratio of the means {runner.Average() / loop.Average():0.000}"));
            return 0;
        }
        finally
        {
            DeployEngine.DeleteRoot(deployRoot);
            DeployEngine.DeleteRoot(planRoot);
        }
    }

    private sealed record Sample(IReadOnlyList<(string Step, double Wall, double Cpu)> Steps, double Wall);

    private static List<Sample> Measure(string app, string expect, params string[] args)
    {
        var samples = new List<Sample>();
        for (int i = 0; i < Runs; i++)
        {
            var start = new ProcessStartInfo(app)
            {
                WorkingDirectory = Path.GetDirectoryName(app)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["EZH_TRACE_TIMINGS"] = "1";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {app}");
            var stderrTask = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var wall = clock.Elapsed.TotalMilliseconds;
            var stderr = stderrTask.GetAwaiter().GetResult();
            if (process.ExitCode != 0 || !(stdout + stderr).Contains(expect, StringComparison.Ordinal))
                throw new InvalidOperationException($"{app} {string.Join(' ', args)} exited {process.ExitCode} or did not say \"{expect}\":\n{stdout}\n{stderr}");
            var steps = stderr.Split('\n').Select(line => TimingLine().Match(line)).Where(m => m.Success)
                .Select(m => (Step: Regex.Replace(m.Groups[3].Value, @"(unix|tcp)://\S+", "ENGINE"),
                    Wall: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Cpu: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
                .ToList();
            samples.Add(new Sample(steps, wall));
        }
        return samples;
    }

    private static void Print(string title, List<Sample> samples)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: mean of {samples.Count} runs");
        Console.WriteLine();
        Console.WriteLine("| step (as it finished) | at, wall | process CPU by then |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var step in samples[0].Steps.Select(s => s.Step).Distinct())
        {
            var at = samples.SelectMany(s => s.Steps.Where(x => x.Step == step).Take(1)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {at.Average(x => x.Wall):0} ms | {at.Average(x => x.Cpu):0} ms |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| whole process, start to exit, from outside (min–max) | {samples.Average(s => s.Wall):0} ms ({samples.Min(s => s.Wall):0}–{samples.Max(s => s.Wall):0}) | |"));
    }

    [GeneratedRegex(@"^timing: +([\d.]+) ms \(\+-?[\d.]+\) cpu (\d+) ms \(\+-?\d+\) (.+)$")]
    private static partial Regex TimingLine();
}
