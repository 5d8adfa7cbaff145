using System.Diagnostics;
using System.Security.Cryptography;
using EzHomelab.Planning;
using EzHomelab.Rendering;

namespace EzHomelab.Deploy.Tests;

/// <summary>
/// LocalLab's api runs as user 1000:1000 and reads its secret file at start: the file must belong to that user. Run
/// as root, the runner gives it; run as another user, it cannot, and says which file needs which owner and how.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretOwnerDeployTests(TestEngine engine) : DeployTestBase(engine)
{
    private string ApiSecret => Path.Combine(Root, "web", "secrets", "api-secret");

    private static (int Uid, int Gid) OwnerOf(string path) => UnixOwnership.TryGet(path) ?? throw new Xunit.Sdk.XunitException($"cannot read the owner of {path}");

    [Fact]
    public async Task A_service_running_as_a_non_root_user_reads_its_secret_file()
    {
        Engine.Require();
        Assert.True(Environment.IsPrivilegedProcess, "the deploy tests run the runner as root, as a server's admin would (sudo)");
        var run = await DeployAsync();
        Assert.True(run.ExitCode == 0, run.Output);

        var api = await Engine.InspectAsync("web", "api");
        Assert.Equal("1000:1000", api.Config.User);
        Assert.True(api.State.Running, api.State.Status);
        Assert.Equal("healthy", api.State.Health.Status);
        // It read the very value on disk: it serves the value's SHA-256, never the value.
        var expected = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(ApiSecret))).ToLowerInvariant();
        Assert.Equal(expected, await GetAsync(18081, "/secret-sha256"));

        // The file belongs to its reader and stays 0600; the folder stays root's and 0700, which the container never
        // meets (the file is mounted on its own).
        Assert.Equal((1000, 1000), OwnerOf(ApiSecret));
        Assert.Equal(RenderedFile.OwnerOnly, File.GetUnixFileMode(ApiSecret));
        Assert.Equal((0, 0), OwnerOf(Path.GetDirectoryName(ApiSecret)!));
        Assert.Equal(RenderedFile.OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(ApiSecret)!));
        Assert.Contains("secrets/api-secret (add) secret: generated, owner 1000:1000", run.Stdout);
        Assert.DoesNotContain("warning:", run.Stderr);
    }

    [Fact]
    public async Task A_runner_that_may_not_give_the_file_away_says_which_owner_it_needs_and_how()
    {
        // A real non-root run: LocalLab's runner as its own process, as user 1001.
        Assert.True(Environment.IsPrivilegedProcess, "this test starts the runner as another user, which needs root");
        const int runner = 1001;
        File.SetUnixFileMode(Folder.FullName, RenderedFile.Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var home = Directory.CreateDirectory(Path.Combine(Folder.FullName, "home")).FullName;
        Directory.CreateDirectory(Root);
        foreach (var folder in new[] { home, Root }) Assert.Null(UnixOwnership.TrySet(folder, runner, runner));

        var render = await RunAsUserAsync(runner, home, "render", "--out", Root);
        Assert.True(render.ExitCode == 0, render.Output);
        Assert.Equal((runner, runner), OwnerOf(ApiSecret));
        Assert.Equal(RenderedFile.OwnerOnly, File.GetUnixFileMode(ApiSecret));
        var warning = Assert.Single(render.Stderr.Split('\n'), l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Contains($"{ApiSecret} must belong to 1000:1000 so that service 'api'", warning);
        Assert.Contains("Operation not permitted", warning);
        var command = $"sudo chown 1000:1000 {ApiSecret}";
        Assert.EndsWith(command, warning);

        // Still wrong, so the next plan shows it as a change; the command from the warning puts it right.
        var plan = await RunAsUserAsync(runner, home, "plan", "--root", Root);
        Assert.Contains($"~ secrets/api-secret (change) owner {runner}:{runner} -> 1000:1000", plan.Stdout);
        var chown = Process.Start("chown", command.Split(' ').Skip(2))!;
        await chown.WaitForExitAsync();
        Assert.Equal(0, chown.ExitCode);
        var fixedPlan = await RunAsync("plan", "--root", Root);
        Assert.True(fixedPlan.ExitCode == 0, fixedPlan.Output);
        Assert.Contains("No changes", fixedPlan.Stdout);
    }

    /// <summary>The LocalLab runner as its own process under <paramref name="uid"/> (setpriv, from util-linux).</summary>
    private static async Task<LabRun> RunAsUserAsync(int uid, string home, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LocalLab.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--", dotnet, dll }.Concat(args)) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = home;
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException("setpriv could not be started (util-linux)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new LabRun(process.ExitCode, await stdout, await stderr);
    }
}
