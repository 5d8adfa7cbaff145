using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using EzHomelab.Model;

namespace EzHomelab.Deploy.Tests;

/// <summary>What goes wrong in real deploys: each gives a clear message and exit code, and loses nothing.</summary>
public sealed class FaultTests(TestEngine engine) : DeployTestBase(engine)
{
    [Fact]
    public async Task Unreachable_engine_is_one_line_and_exit_1_before_any_file_is_written()
    {
        var env = Env(("DOCKER_HOST", "unix:///tmp/ezh-no-such-engine.sock"));
        var run = await LabRun.InvokeAsync(Lab, env, "deploy", "--root", Root);
        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.ErrorLines);
        Assert.Contains("cannot reach the Docker engine at unix:///tmp/ezh-no-such-engine.sock (from DOCKER_HOST)", error);
        Assert.False(Directory.Exists(Root), "nothing may be written");

        var status = await LabRun.InvokeAsync(Lab, env, "status", "--root", Root);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("cannot reach the Docker engine", Assert.Single(status.ErrorLines));
    }

    [Fact]
    public async Task A_service_that_exits_at_once_is_rolled_back_to_the_previous_version()
    {
        Engine.Require();
        Assert.Equal(0, (await DeployAsync()).ExitCode);
        await AssertRollsBack(Changed("site", s => s with { Command = ["sh", "-c", "echo cannot start >&2; exit 3"] }), "site", "exit",
            @"site (exited with code 3|keeps exiting \(code [0-9]+\) and being restarted)");
    }

    [Fact]
    public async Task A_healthcheck_that_never_passes_is_rolled_back_at_the_timeout()
    {
        Engine.Require();
        Assert.Equal(0, (await DeployAsync()).ExitCode);
        // Polls a port nothing listens on: the container runs but never becomes healthy.
        var broken = Changed("site", s => s with { Healthcheck = s.Healthcheck! with { Test = ["wget", "-q", "--spider", "http://127.0.0.1:9999/"], Retries = 1000 } });
        await AssertRollsBack(broken, "site", "not ready within 8 s", "not ready within 8 s", "--timeout", "8");
    }

    /// <summary>Deploys <paramref name="broken"/> over a healthy LocalLab and checks everything is as before, and said so.</summary>
    /// <param name="cause">The few words the table gives as web's detail, as a regular expression (the whole story is the error line).</param>
    private async Task AssertRollsBack(Lab broken, string service, string reason, string cause, params string[] extra)
    {
        var files = Files().Where(f => !f.Key.StartsWith(".ezhomelab", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value.Content);
        var secrets = Secrets();
        var others = (await Engine.StartTimesAsync()).Where(t => !t.Key.StartsWith("web/", StringComparison.Ordinal)).ToDictionary();

        var run = await DeployAsync(broken, extra);

        Assert.True(run.ExitCode == 1, run.Output);
        var error = Assert.Single(run.ErrorLines);
        foreach (var part in new[] { "stack 'web'", service, reason, "the previous version is back up" })
            Assert.True(error.Contains(part, StringComparison.Ordinal), $"'{part}' is not in: {error}");
        Assert.True(Regex.IsMatch(run.Stdout, $@"(?m)^\s*web\s+rolled back\s+[0-9.]+ s\s+{cause}\s*$"), run.Output);

        // The previous files, byte for byte; the previous containers, healthy and answering.
        Assert.Equal(files, Files().Where(f => !f.Key.StartsWith(".ezhomelab", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value.Content));
        AssertSameSecrets(secrets, Secrets());
        Assert.Equal("healthy", (await Engine.InspectAsync("web", "site")).State.Health.Status);
        Assert.Equal("hello from busybox", await GetAsync(18080));
        Assert.Equal("api-ok", await GetAsync(18081));
        // Stacks already deployed stay as they were.
        var now = await Engine.StartTimesAsync();
        foreach (var (key, started) in others) Assert.Equal(started, now[key]);

        // And the next deploy of the good lab has nothing to do.
        var next = await DeployAsync();
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Matches(@"web\s+unchanged", next.Stdout);
    }

    [Fact]
    public async Task A_host_port_already_taken_fails_that_stack_and_leaves_the_others_running()
    {
        Engine.Require();
        using var squatter = new TcpListener(IPAddress.Loopback, 18080);
        squatter.Start();

        var run = await DeployAsync();

        Assert.True(run.ExitCode == 1, run.Output);
        var error = Assert.Single(run.ErrorLines);
        foreach (var part in new[] { "stack 'web'", "18080" })
            Assert.True(error.Contains(part, StringComparison.Ordinal), $"'{part}' is not in: {error}");
        // Egress and lazy come before web (by name) and stay deployed; web's new containers are gone, as are its files.
        Assert.Matches(@"egress\s+deployed", run.Stdout);
        Assert.True((await Engine.InspectAsync("egress", "tunnel")).State.Running);
        Assert.Empty(await Engine.ContainersAsync("web"));
        Assert.False(File.Exists(Path.Combine(Root, "web", "compose.yaml")));
        Assert.True(Directory.GetFiles(Path.Combine(Root, "web", "secrets")).Length > 0, "generated secrets are kept");

        squatter.Stop();
        var retry = await DeployAsync();
        Assert.True(retry.ExitCode == 0, retry.Output);
        Assert.Matches(@"egress\s+unchanged", retry.Stdout);
        Assert.Equal("hello from busybox", await GetAsync(18080));
    }

    [Fact]
    public async Task A_failed_stack_has_a_few_words_in_the_table_and_compose_s_own_words_once_below_it()
    {
        Engine.Require();
        using var squatter = new TcpListener(IPAddress.Loopback, 18080);
        squatter.Start();

        var run = await DeployAsync();

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.True(Regex.IsMatch(run.Stdout, @"(?m)^\s*web\s+rolled back\s+[0-9.]+ s\s+compose up failed\s*$"), run.Output);
        // Compose's message naming the port: in full in the error line, and nowhere else.
        var error = Assert.Single(run.ErrorLines);
        var composeSays = error.Split(" | ").FirstOrDefault(part => part.Contains("18080", StringComparison.Ordinal));
        Assert.True(composeSays is not null, run.Output);
        Assert.True(Occurrences(run.Stdout + run.Stderr, composeSays) == 1, run.Output);

        // Scripts get both: the cause, and the whole detail.
        var json = await DeployAsync(null, "--json");
        Assert.True(json.ExitCode == 1, json.Output);
        using var report = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var web = report.RootElement.GetProperty("stacks").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "web");
        Assert.Equal("rolled-back", web.GetProperty("outcome").GetString());
        Assert.Equal("compose up failed", web.GetProperty("cause").GetString());
        var detail = web.GetProperty("detail").GetString()!;
        Assert.StartsWith("compose up failed: ", detail);
        Assert.Contains("in use", detail); // compose's words: the port is taken
        Assert.Equal(System.Text.Json.JsonValueKind.Null, report.RootElement.GetProperty("stacks")[0].GetProperty("cause").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, report.RootElement.GetProperty("interrupted").ValueKind);
    }

    private static int Occurrences(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact]
    public async Task A_stack_after_a_failed_one_is_not_touched()
    {
        Engine.Require();
        // egress sorts first: break it, and lazy and web must not be reached.
        var run = await DeployAsync(Changed("tunnel", s => s with { Command = ["sh", "-c", "exit 1"] }), "--timeout", "20");
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"lazy\s+not reached", run.Stdout);
        Assert.Matches(@"web\s+not reached", run.Stdout);
        Assert.Empty(await Engine.ContainersAsync("web"));
        Assert.Empty(await Engine.ContainersAsync("lazy"));
        Assert.False(Directory.Exists(Path.Combine(Root, "web")));
    }

    [Fact]
    public async Task A_stack_that_needs_a_secret_only_the_owner_can_give_is_held_back_and_the_others_deploy()
    {
        Engine.Require();
        var needsToken = Changed("tunnel", s => s with { SecretEnvironment = [new SecretEnvVar("VPN_TOKEN", "vpn-token")] });

        var run = await DeployAsync(needsToken);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.ErrorLines);
        Assert.Contains("stack 'egress' was not deployed", error);
        Assert.Contains("set EZH_SECRET_VPN_TOKEN", error);
        Assert.Matches(@"egress\s+blocked", run.Stdout);
        Assert.Empty(await Engine.ContainersAsync("egress"));
        Assert.False(Directory.Exists(Path.Combine(Root, "egress")));
        Assert.Equal("api-ok", await GetAsync(18081)); // web came after egress and was deployed all the same

        var supplied = await LabRun.InvokeAsync(needsToken, Env(("EZH_SECRET_VPN_TOKEN", "token-from-the-provider")), "deploy", "--root", Root);
        Assert.True(supplied.ExitCode == 0, supplied.Output);
        Assert.Equal("token-from-the-provider", File.ReadAllText(Path.Combine(Root, "egress", "secrets", "vpn-token")));
        Assert.DoesNotContain("token-from-the-provider", supplied.Stdout + supplied.Stderr);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_starts_nothing()
    {
        Engine.Require();
        var run = await DeployAsync(null, "--dry-run");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"web\s+would deploy\s+[0-9.]+ s\s+new stack", run.Stdout);
        Assert.False(Directory.Exists(Root));
        foreach (var project in TestEngine.Projects) Assert.Empty(await Engine.ContainersAsync(project));
    }

    [Fact]
    public async Task Killed_mid_deploy_then_run_again_converges()
    {
        Engine.Require();
        var dll = Path.Combine(AppContext.BaseDirectory, "LocalLab.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { dll, "deploy", "--root", Root }) start.ArgumentList.Add(arg);
        start.Environment["DOCKER_HOST"] = Engine.Host;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        // Killed while compose is bringing the second stack up: one stack deployed, one half-way.
        var seen = new List<string>();
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            seen.Add(line);
            if (line == "lazy: compose up") break;
        }
        Assert.Contains("lazy: compose up", seen);
        process.Kill(); // SIGKILL
        await process.WaitForExitAsync();

        // Every file is whole: absent, or exactly as rendered (secrets aside, rendering is deterministic).
        var expected = Path.Combine(Folder.FullName, "expected");
        Assert.Equal(0, (await RunAsync("render", "--out", expected)).ExitCode);
        var left = Files().Where(f => !f.Key.StartsWith(".ezhomelab", StringComparison.Ordinal) && !f.Key.EndsWith(".tmp", StringComparison.Ordinal) && !f.Key.Contains("/secrets/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(left);
        foreach (var (path, (content, _)) in left) Assert.Equal(File.ReadAllText(Path.Combine(expected, path)), content);

        var again = await DeployAsync();
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.DoesNotContain("edited by hand", again.Stderr);
        Assert.Empty(Directory.GetFiles(Root, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal("hello from busybox", await GetAsync(18080));
        Assert.Equal("created", (await Engine.InspectAsync("lazy", "notes")).State.Status);

        var third = await DeployAsync();
        Assert.True(third.ExitCode == 0, third.Output);
        Assert.DoesNotContain("compose up", third.Stderr);
    }

    [Fact]
    public async Task A_root_that_cannot_be_written_is_refused_before_anything_starts()
    {
        Engine.Require();
        Directory.CreateDirectory(Root);
        string root = Root;
        if (!Freeze(Root))
        {
            // No immutable attribute on this file system: a root below a plain file cannot be created either.
            File.WriteAllText(Path.Combine(Folder.FullName, "plain-file"), "");
            root = Path.Combine(Folder.FullName, "plain-file", "stacks");
        }
        var run = await RunAsync("deploy", "--root", root);
        // A frozen root fails when it is written to (exit 1); one below a file already fails the --root check (usage, exit 2).
        Assert.Equal(root == Root ? 1 : 2, run.ExitCode);
        Assert.Contains(root == Root ? "cannot write to" : "cannot create the folder", Assert.Single(run.ErrorLines));
        foreach (var project in TestEngine.Projects) Assert.Empty(await Engine.ContainersAsync(project));
    }

    [Fact]
    public async Task A_hand_edited_file_is_refused_without_force_and_backed_up_with_it()
    {
        Engine.Require();
        Assert.Equal(0, (await DeployAsync()).ExitCode);
        var path = Path.Combine(Root, "web", "compose.yaml");
        var rendered = File.ReadAllText(path);
        var edited = rendered + "# tuned by hand\n";
        File.WriteAllText(path, edited);
        var started = await Engine.StartTimesAsync();
        var secrets = Secrets();

        var plan = await RunAsync("plan", "--root", Root);
        Assert.Contains("edited by hand", plan.Stdout);

        var refused = await DeployAsync();
        Assert.Equal(1, refused.ExitCode);
        var error = Assert.Single(refused.ErrorLines);
        Assert.Contains(path, error);
        Assert.Contains("--force", error);
        Assert.Equal(edited, File.ReadAllText(path));
        Assert.Equal(started, await Engine.StartTimesAsync());

        var forced = await DeployAsync(null, "--force");
        Assert.True(forced.ExitCode == 0, forced.Output);
        Assert.Equal(rendered, File.ReadAllText(path));
        Assert.Contains(Directory.GetFiles(Path.Combine(Root, ".ezhomelab", "history"), "compose.yaml", SearchOption.AllDirectories),
            backup => File.ReadAllText(backup) == edited);
        AssertSameSecrets(secrets, Secrets());
        // Only a comment changed, so compose recreates nothing: the containers are the same.
        Assert.Equal(started, await Engine.StartTimesAsync());
    }
}
