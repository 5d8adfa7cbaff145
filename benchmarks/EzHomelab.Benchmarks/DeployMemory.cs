using System.Diagnostics;
using System.Globalization;

namespace EzHomelab.Benchmarks;

/// <summary>
/// <c>--deploy-memory</c>: the runner's peak resident memory as a process of its own, <c>dotnet LocalLab.dll deploy
/// --root R</c>, against the engine at <c>DOCKER_HOST</c>. Each run is started under GNU time (<c>/usr/bin/time -f
/// %M</c>), and the runner's own <c>VmHWM</c> (its resident high-water mark) is read from <c>/proc/PID/status</c> every
/// few milliseconds while it runs; the last value read is its peak. GNU time's figure is the larger of the runner's
/// and its reaped children's (docker-compose) peaks, a cross-check. <c>Process.PeakWorkingSet64</c> cannot be used: on
/// Linux it reads the same VmHWM from /proc, which is gone once the process has exited and been reaped (the run
/// prints what it gives).
/// </summary>
public static class DeployMemory
{
    private const int Runs = 5;

    public static int Run(string? labDll, string repositoryRoot)
    {
        var host = DeployEngine.RequireHost();
        labDll ??= Path.Combine(repositoryRoot, "samples", "LocalLab", "bin", "Release", "net10.0", "LocalLab.dll");
        if (!File.Exists(labDll))
            throw new InvalidOperationException($"{labDll} does not exist: build it (dotnet build -c Release samples/LocalLab) or pass --lab-dll PATH");
        if (!File.Exists("/usr/bin/time"))
            throw new InvalidOperationException("/usr/bin/time (GNU time) is missing: apt-get install time");
        var root = DeployEngine.NewRoot("memory");
        try
        {
            // Start from an engine without the lab's containers, so the first deploy is a real one.
            foreach (var project in DeployEngine.Stacks)
            {
                var ids = DeployEngine.Run("docker", ["ps", "-aq", "--filter", $"label=com.docker.compose.project={project}"], root).Output
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (ids.Length > 0) DeployEngine.Run("docker", ["rm", "-f", .. ids], root);
            }

            var rows = new List<(string Scenario, List<Sample> Samples)>
            {
                ("first deploy (3 stacks brought up)", [Measure(labDll, root, host)]),
                ("no-op (every stack skipped)", Repeat(() => Measure(labDll, root, host))),
                ("one service recreated (site's container removed before the run; web brought up, healthy)", Repeat(() =>
                {
                    DeployEngine.Run("docker", ["rm", "-f", "site"], root);
                    return Measure(labDll, root, host);
                })),
            };

            Console.WriteLine();
            Console.WriteLine($"Runner as its own process: dotnet {Path.GetRelativePath(repositoryRoot, labDll)} deploy --root R (DOCKER_HOST={host}); MB = 2^20 bytes");
            Console.WriteLine();
            Console.WriteLine("| scenario | runs | wall time, mean (min–max) | runner peak RSS (VmHWM), mean (max) | GNU time max RSS, incl. compose children, mean (max) |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var (scenario, samples) in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario} | {samples.Count} | {samples.Average(s => s.Wall.TotalSeconds):0.00} s ({samples.Min(s => s.Wall.TotalSeconds):0.00}–{samples.Max(s => s.Wall.TotalSeconds):0.00}) | {samples.Average(s => s.RunnerKb) / 1024:0.0} MB ({samples.Max(s => s.RunnerKb) / 1024.0:0.0}) | {samples.Average(s => s.TimeKb) / 1024:0.0} MB ({samples.Max(s => s.TimeKb) / 1024.0:0.0}) |"));
            Console.WriteLine();
            Console.WriteLine("Process.PeakWorkingSet64 after WaitForExit (one more no-op run): " + PeakWorkingSetAfterExit(labDll, root, host));
            return 0;
        }
        finally
        {
            DeployEngine.DeleteRoot(root);
        }
    }

    internal sealed record Sample(TimeSpan Wall, long RunnerKb, long TimeKb);

    private static List<Sample> Repeat(Func<Sample> measure) => Enumerable.Range(0, Runs).Select(_ => measure()).ToList();

    private static Sample Measure(string labDll, string root, string host) => Measure(["dotnet", labDll, "deploy", "--root", root], host);

    /// <summary>Runs <paramref name="command"/> under GNU time, reading its VmHWM while it runs; throws unless it exits 0.</summary>
    internal static Sample Measure(IReadOnlyList<string> command, string? host)
    {
        var timeFile = Path.Combine(Path.GetTempPath(), $"ezh-bench-time-{Environment.ProcessId}.txt");
        var start = Start("/usr/bin/time", ["-o", timeFile, "-f", "%M", .. command], host);
        var clock = Stopwatch.StartNew();
        using var time = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/time");
        var stdout = time.StandardOutput.ReadToEndAsync();
        var stderr = time.StandardError.ReadToEndAsync();

        // GNU time forks the runner: its only child.
        int runner = 0;
        long peakKb = 0;
        while (!time.HasExited)
        {
            if (runner == 0)
            {
                var children = TryRead($"/proc/{time.Id}/task/{time.Id}/children")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (children is { Length: > 0 }) runner = int.Parse(children[0], CultureInfo.InvariantCulture);
            }
            if (runner != 0 && HighWaterMarkKb(runner) is { } kb) peakKb = Math.Max(peakKb, kb);
            Thread.Sleep(2);
        }
        time.WaitForExit();
        clock.Stop();
        var output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
        if (time.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', command)} failed (exit {time.ExitCode}):\n{output}");
        if (peakKb == 0) throw new InvalidOperationException("the runner's VmHWM could not be read while it ran");
        long timeKb = long.Parse(File.ReadAllText(timeFile).Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
        File.Delete(timeFile);
        return new Sample(clock.Elapsed, peakKb, timeKb);
    }

    private static string PeakWorkingSetAfterExit(string labDll, string root, string host)
    {
        using var process = Process.Start(Start("dotnet", [labDll, "deploy", "--root", root], host))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        try
        {
            return string.Create(CultureInfo.InvariantCulture, $"{process.PeakWorkingSet64 / 1024.0 / 1024:0.0} MB");
        }
        catch (InvalidOperationException e)
        {
            return $"throws {e.GetType().Name}: {e.Message}";
        }
    }

    private static ProcessStartInfo Start(string program, IEnumerable<string> args, string? host)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (host is not null) start.Environment["DOCKER_HOST"] = host;
        return start;
    }

    private static long? HighWaterMarkKb(int pid)
    {
        var status = TryRead($"/proc/{pid}/status");
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
