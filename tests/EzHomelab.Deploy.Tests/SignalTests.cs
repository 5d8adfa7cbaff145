using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EzHomelab.Deploy.Tests;

/// <summary>
/// Ctrl-C and SIGTERM in the middle of a deploy or a down, sent to LocalLab run as its own process: the stack in
/// progress finishes (or, at a second signal, is rolled back), no other starts, one line says where each stack is, the
/// exit code is the signal's, and running the command again converges. LocalLab's stacks go egress, lazy, web.
/// </summary>
public sealed class SignalTests(TestEngine engine) : DeployTestBase(engine)
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Sigterm_mid_deploy_lets_the_stack_in_progress_finish_and_starts_no_other()
    {
        Engine.Require();
        using var lab = LabProcess.Start(Engine.Host, ownProcessGroup: false, "deploy", "--root", Root);
        await lab.WaitForLineAsync("egress: compose up", StepTimeout);
        lab.Signal(SigTerm);
        var run = await lab.WaitForExitAsync(StepTimeout);

        Assert.True(run.ExitCode == 143, run.Output);
        Assert.Equal("interrupted by SIGTERM: egress deployed; lazy, web not reached. Run the same deploy again to finish.", LastLine(run));
        Assert.Single(InterruptedLines(run));
        Assert.Contains("SIGTERM: no further stack will start", run.Stderr);
        await AssertEgressUpAndTheOthersUntouched();

        await AssertTheNextDeployConverges("egress", "unchanged");
    }

    [Fact]
    public async Task Ctrl_c_reaches_compose_too_and_the_stack_in_progress_still_finishes()
    {
        Engine.Require();
        // A terminal's Ctrl-C goes to the whole foreground process group: the runner and the compose it started.
        using var lab = LabProcess.Start(Engine.Host, ownProcessGroup: true, "deploy", "--root", Root);
        await lab.WaitForLineAsync("egress: compose up", StepTimeout);
        // Compose v1 takes about half a second to start and then waits for the tunnel's healthcheck: it is running now.
        await Task.Delay(300);
        lab.SignalGroup(SigInt);
        var run = await lab.WaitForExitAsync(StepTimeout);

        Assert.True(run.ExitCode == 130, run.Output);
        Assert.Contains("egress: compose stopped on the SIGINT too", run.Stderr); // compose aborted, and was run again
        Assert.Equal("interrupted by SIGINT: egress deployed; lazy, web not reached. Run the same deploy again to finish.", LastLine(run));
        Assert.Single(InterruptedLines(run));
        await AssertEgressUpAndTheOthersUntouched();

        await AssertTheNextDeployConverges("egress", "unchanged");
    }

    [Fact]
    public async Task A_second_signal_rolls_the_stack_in_progress_back()
    {
        Engine.Require();
        using var lab = LabProcess.Start(Engine.Host, ownProcessGroup: false, "deploy", "--root", Root);
        await lab.WaitForLineAsync("egress: compose up", StepTimeout);
        lab.Signal(SigInt);
        await lab.WaitForLineAsync("SIGINT: no further stack will start; the one in progress finishes (or is rolled back if it fails) within its --timeout. Ctrl-C or SIGTERM again rolls it back now.", StepTimeout);
        lab.Signal(SigInt);
        var run = await lab.WaitForExitAsync(StepTimeout);

        Assert.True(run.ExitCode == 130, run.Output);
        Assert.Equal("interrupted by SIGINT: egress rolled back; lazy, web not reached. Run the same deploy again to finish.", LastLine(run));
        Assert.Single(InterruptedLines(run));
        Assert.Empty(run.ErrorLines); // the rollback is the signal's doing, not a failure to report
        Assert.Matches(@"egress\s+rolled back\s+[0-9.]+ s\s+interrupted", run.Stdout);
        // A new stack rolled back is gone: no container, no compose file.
        foreach (var project in TestEngine.Projects) Assert.Empty(await Engine.ContainersAsync(project));
        Assert.False(File.Exists(Path.Combine(Root, "egress", "compose.yaml")));

        await AssertTheNextDeployConverges("egress", "deployed");
    }

    [Fact]
    public async Task Sigterm_mid_down_lets_the_stack_going_down_finish_and_leaves_the_others_up()
    {
        Engine.Require();
        var deployed = await DeployAsync();
        Assert.True(deployed.ExitCode == 0, deployed.Output);

        // down goes in reverse order: web, lazy, egress.
        using var lab = LabProcess.Start(Engine.Host, ownProcessGroup: false, "down", "--root", Root);
        await lab.WaitForLineAsync("web: compose down", StepTimeout);
        lab.Signal(SigTerm);
        var run = await lab.WaitForExitAsync(StepTimeout);

        Assert.True(run.ExitCode == 143, run.Output);
        Assert.Equal("interrupted by SIGTERM: web down; lazy, egress not reached. Run the same down again to finish.", LastLine(run));
        Assert.Empty(await Engine.ContainersAsync("web"));
        Assert.Equal("created", (await Engine.InspectAsync("lazy", "notes")).State.Status);
        Assert.True((await Engine.InspectAsync("egress", "tunnel")).State.Running);

        var again = await RunAsync("down", "--root", Root);
        Assert.True(again.ExitCode == 0, again.Output);
        foreach (var project in TestEngine.Projects) Assert.Empty(await Engine.ContainersAsync(project));
    }

    private async Task AssertEgressUpAndTheOthersUntouched()
    {
        var tunnel = await Engine.InspectAsync("egress", "tunnel");
        Assert.True(tunnel.State.Running, tunnel.State.Status);
        Assert.Equal("healthy", tunnel.State.Health.Status);
        Assert.True((await Engine.InspectAsync("egress", "relay")).State.Running);
        Assert.Equal("hello from busybox", await GetAsync(18082));
        // The stacks after it were not started, not even written.
        Assert.Empty(await Engine.ContainersAsync("lazy"));
        Assert.Empty(await Engine.ContainersAsync("web"));
        Assert.False(Directory.Exists(Path.Combine(Root, "lazy")));
        Assert.False(Directory.Exists(Path.Combine(Root, "web")));
    }

    /// <summary>Deploying again finishes the job: <paramref name="interrupted"/> as <paramref name="outcome"/>, the rest up.</summary>
    private async Task AssertTheNextDeployConverges(string interrupted, string outcome)
    {
        var again = await DeployAsync();
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.DoesNotContain("edited by hand", again.Stderr);
        Assert.Matches($@"{interrupted}\s+{outcome}", again.Stdout);
        Assert.Matches(@"lazy\s+created \(lazy\)", again.Stdout);
        Assert.Matches(@"web\s+deployed", again.Stdout);
        Assert.Equal("hello from busybox", await GetAsync(18080));
        Assert.Equal("api-ok", await GetAsync(18081));
        Assert.Equal("created", (await Engine.InspectAsync("lazy", "notes")).State.Status);
    }

    private static string[] StderrLines(LabRun run) => run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string LastLine(LabRun run) => StderrLines(run).LastOrDefault() ?? "";

    private static string[] InterruptedLines(LabRun run) => StderrLines(run).Where(l => l.StartsWith("interrupted by", StringComparison.Ordinal)).ToArray();

    /// <summary>
    /// LocalLab as its own process (<c>dotnet LocalLab.dll ARGS</c>, plain progress), its stderr read as it comes so a
    /// test can signal it at a given step. Killed on dispose if it is still running.
    /// </summary>
    private sealed class LabProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _stderr = [];
        private readonly Task<string> _stdout;
        private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private (string Line, TaskCompletionSource Seen)? _awaited;

        private LabProcess(Process process)
        {
            _process = process;
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    _stderrDone.TrySetResult();
                    return;
                }
                lock (_stderr)
                {
                    _stderr.Add(e.Data);
                    if (_awaited is { } awaited && e.Data == awaited.Line) awaited.Seen.TrySetResult();
                }
            };
            _process.BeginErrorReadLine();
            _stdout = _process.StandardOutput.ReadToEndAsync();
        }

        /// <param name="ownProcessGroup">Started through <c>setsid</c>, so <see cref="SignalGroup"/> reaches it and its children, as a terminal's Ctrl-C does.</param>
        public static LabProcess Start(string dockerHost, bool ownProcessGroup, params string[] args)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "LocalLab.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing");
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            var start = new ProcessStartInfo(ownProcessGroup ? "setsid" : dotnet) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in (ownProcessGroup ? [dotnet] : Array.Empty<string>()).Concat([dll, .. args])) start.ArgumentList.Add(arg);
            start.Environment["DOCKER_HOST"] = dockerHost;
            start.Environment["NO_COLOR"] = "1";
            // A process started with SIGINT ignored passes that on, and the runtime then never sees a Ctrl-C.
            if (File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } ignored
                && (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & (1UL << (SigInt - 1))) != 0)
                Assert.Fail("SIGINT is ignored in this test run (started in the background of a shell without job control?), so no Ctrl-C can reach the runner");
            return new LabProcess(Process.Start(start)!);
        }

        public async Task WaitForLineAsync(string line, TimeSpan timeout)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_stderr)
            {
                if (_stderr.Contains(line)) return;
                _awaited = (line, seen);
            }
            var done = await Task.WhenAny(seen.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
            if (done != seen.Task)
            {
                lock (_stderr) Assert.Fail($"never printed '{line}'{(_process.HasExited ? $" (exited with {_process.ExitCode})" : "")}; stderr so far:\n{string.Join('\n', _stderr)}");
            }
        }

        public void Signal(int signal) => Assert.True(kill(_process.Id, signal) == 0, $"kill {signal} {_process.Id} failed");

        /// <summary>Signals the whole process group the runner leads (needs <c>ownProcessGroup</c>).</summary>
        public void SignalGroup(int signal) => Assert.True(kill(-_process.Id, signal) == 0, $"kill {signal} -{_process.Id} failed");

        public async Task<LabRun> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cancel.Token);
                await _stderrDone.Task.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_stderr) Assert.Fail($"still running after {timeout.TotalSeconds:0} s; stderr so far:\n{string.Join('\n', _stderr)}");
            }
            var stdout = await _stdout;
            lock (_stderr) return new LabRun(_process.ExitCode, stdout, string.Join('\n', _stderr));
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);
    }
}
