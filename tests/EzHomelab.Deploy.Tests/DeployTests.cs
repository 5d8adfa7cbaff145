using System.Text.Json;
using EzHomelab.Model;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Deploy.Tests;

/// <summary>deploy, status and down of LocalLab against a real engine.</summary>
public sealed class DeployTests(TestEngine engine) : DeployTestBase(engine)
{
    [Fact]
    public async Task Fresh_deploy_brings_every_stack_up_healthy_and_the_ports_answer()
    {
        Engine.Require();
        var run = await DeployAsync();
        Assert.True(run.ExitCode == 0, run.Output);

        foreach (var (project, service) in new[] { ("web", "site"), ("web", "api"), ("egress", "tunnel") })
        {
            var container = await Engine.InspectAsync(project, service);
            Assert.True(container.State.Running, $"{project}/{service}: {container.State.Status}");
            Assert.Equal("healthy", container.State.Health.Status);
        }
        Assert.True((await Engine.InspectAsync("egress", "relay")).State.Running);
        Assert.Equal("hello from busybox", await GetAsync(18080));
        Assert.Equal("api-ok", await GetAsync(18081));
        Assert.Equal("hello from busybox", await GetAsync(18082)); // the relay, through the tunnel's network stack

        // The rendered files are on disk, compose-valid YAML, and the run says what it did.
        var compose = new YamlStream();
        compose.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "web", "compose.yaml"))));
        Assert.Contains("site", ((YamlMappingNode)((YamlMappingNode)compose.Documents[0].RootNode)["services"]).Children.Keys.Select(k => k.ToString()));
        Assert.Contains("web: deployed", run.Stderr);
        Assert.Contains("lazy: created", run.Stderr);
        Assert.Matches(@"web\s+deployed", run.Stdout);

        // The generated secret reaches the container as a file, and nowhere else: not the output, not EzHomelab's own
        // records, not the container's environment or labels.
        var secret = File.ReadAllText(Path.Combine(Root, "web", "secrets", "api-secret"));
        Assert.Equal(64, secret.Length);
        Assert.DoesNotContain(secret, run.Stdout + run.Stderr);
        foreach (var file in Directory.GetFiles(Path.Combine(Root, ".ezhomelab"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(secret, File.ReadAllText(file));
        var api = await Engine.InspectAsync("web", "api");
        Assert.Contains("API_SECRET_FILE=/run/secrets/api-secret", api.Config.Env);
        Assert.DoesNotContain(api.Config.Env, e => e.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(api.Config.Labels.Values, v => v.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lazy_stack_is_created_but_not_started()
    {
        Engine.Require();
        var run = await DeployAsync();
        Assert.True(run.ExitCode == 0, run.Output);
        var notes = await Engine.InspectAsync("lazy", "notes");
        Assert.False(notes.State.Running);
        Assert.Equal("created", notes.State.Status);
        Assert.Equal("no", notes.HostConfig.RestartPolicy.Name.ToString().ToLowerInvariant());
        Assert.Equal("notes", notes.Config.Labels["sablier.group"]);
    }

    [Fact]
    public async Task Second_deploy_of_an_unchanged_lab_touches_no_file_and_no_container()
    {
        Engine.Require();
        Assert.Equal(0, (await DeployAsync()).ExitCode);
        var files = Files();
        var started = await Engine.StartTimesAsync();
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(1100); // events are filtered by whole seconds

        var again = await DeployAsync();
        var until = DateTimeOffset.UtcNow;

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(files, Files());                       // same paths, contents and write times
        Assert.Equal(started, await Engine.StartTimesAsync()); // same containers, not restarted
        Assert.Empty(await EventsAsync(since, until));       // the engine saw nothing happen
        Assert.DoesNotContain("compose up", again.Stderr);   // compose was not even called
        Assert.Matches(@"web\s+unchanged", again.Stdout);

        // The same result for scripts: JSON alone on stdout.
        var json = await DeployAsync(null, "--json");
        Assert.True(json.ExitCode == 0, json.Output);
        using var report = JsonDocument.Parse(json.Stdout);
        Assert.True(report.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal(["egress", "lazy", "web"], report.RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(report.RootElement.GetProperty("stacks").EnumerateArray(), s => Assert.Equal("unchanged", s.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Changing_one_service_touches_only_its_stack()
    {
        Engine.Require();
        Assert.Equal(0, (await DeployAsync()).ExitCode);
        var before = await Engine.StartTimesAsync();
        var files = Files();
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(1100);

        var changed = Changed("site", s => s with { Environment = [.. s.Environment, new EnvVar("GREETING", "second")] });
        var run = await DeployAsync(changed);
        var until = DateTimeOffset.UtcNow;
        Assert.True(run.ExitCode == 0, run.Output);

        var after = await Engine.StartTimesAsync();
        Assert.NotEqual(before["web/site"], after["web/site"]);
        foreach (var key in before.Keys.Where(k => !k.StartsWith("web/", StringComparison.Ordinal)))
            Assert.Equal(before[key], after[key]);
        var events = await EventsAsync(since, until);
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.StartsWith("web/", e));
        Assert.Contains("GREETING=second", (await Engine.InspectAsync("web", "site")).Config.Env);

        // Only web's compose file changed; the other stacks' files were not rewritten.
        var now = Files();
        Assert.NotEqual(files["web/compose.yaml"].Content, now["web/compose.yaml"].Content);
        foreach (var path in files.Keys.Where(p => p.StartsWith("egress/", StringComparison.Ordinal) || p.StartsWith("lazy/", StringComparison.Ordinal)))
            Assert.Equal(files[path], now[path]);
        Assert.Matches(@"egress\s+unchanged", run.Stdout);
        Assert.Matches(@"web\s+deployed", run.Stdout);
        // The replaced compose file is kept.
        Assert.Contains(Directory.GetFiles(Path.Combine(Root, ".ezhomelab", "history"), "compose.yaml", SearchOption.AllDirectories),
            backup => File.ReadAllText(backup) == files["web/compose.yaml"].Content);
    }

    [Fact]
    public async Task A_two_server_lab_deploys_each_server_on_its_own_engine()
    {
        var remote = Engine.RequireRemote();
        // The lazy and egress stacks move to a second server, whose engine runs in a network namespace of its own.
        var lab = Lab with
        {
            Servers = [new ServerSpec("core"), new ServerSpec("nas", "192.168.1.100")],
            Services = Lab.Services.Select(s => s.Stack is "lazy" or "egress" ? s with { Server = "nas" } : s).ToArray(),
        };
        var withoutEndpoint = await RunAsync(lab, "deploy", "--root", Root);
        Assert.Equal(2, withoutEndpoint.ExitCode);
        Assert.Contains("set EZH_DOCKER_HOST_NAS", Assert.Single(withoutEndpoint.ErrorLines));
        Assert.False(Directory.Exists(Root));

        var env = Env(("EZH_DOCKER_HOST_NAS", Engine.RemoteHost!));
        var run = await LabRun.InvokeAsync(lab, env, "deploy", "--root", Root);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(File.Exists(Path.Combine(Root, "core", "web", "compose.yaml")));
        Assert.True(File.Exists(Path.Combine(Root, "nas", "lazy", "compose.yaml")));
        Assert.Matches(@"nas/lazy\s+created", run.Stdout);
        Assert.Contains("nas/egress/tunnel: healthy", run.Stderr);

        // Each stack is on its own server's engine, and only there.
        Assert.NotEmpty(await Engine.ContainersAsync("web"));
        Assert.Empty(await Engine.ContainersAsync("lazy", Engine.Client));
        Assert.Empty(await Engine.ContainersAsync("egress", Engine.Client));
        Assert.Empty(await Engine.ContainersAsync("web", remote));
        var notes = (await Engine.ContainersAsync("lazy", remote)).Single();
        Assert.Equal("created", notes.State);
        Assert.Equal("running", (await Engine.ContainersAsync("egress", remote)).First(c => c.Labels["com.docker.compose.service"] == "tunnel").State);
        Assert.Equal("api-ok", await GetAsync(18081));
        Assert.False(await AnswersAsync(18082), "the remote's published port lives in its own network namespace");

        var again = await LabRun.InvokeAsync(lab, env, "deploy", "--root", Root);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.DoesNotContain("compose up", again.Stderr);

        var status = await LabRun.InvokeAsync(lab, env, "status", "--root", Root, "--json");
        Assert.True(status.ExitCode == 0, status.Output);
        using var json = JsonDocument.Parse(status.Stdout);
        Assert.All(json.RootElement.GetProperty("stacks").EnumerateArray().SelectMany(s => s.GetProperty("services").EnumerateArray()),
            s => Assert.True(s.GetProperty("ok").GetBoolean(), s.ToString()));
        Assert.Equal(["core", "nas"], json.RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetProperty("server").GetString()).Distinct().Order());

        var down = await LabRun.InvokeAsync(lab, env, "down", "--root", Root);
        Assert.True(down.ExitCode == 0, down.Output);
        Assert.Empty(await Engine.ContainersAsync("lazy", remote));
        Assert.Empty(await Engine.ContainersAsync("web"));
    }

    [Fact]
    public async Task Down_removes_containers_and_keeps_files_and_secrets()
    {
        Engine.Require();
        Assert.Equal(0, (await DeployAsync()).ExitCode);
        var secrets = Secrets();

        var one = await RunAsync("down", "--root", Root, "--stack", "web");
        Assert.True(one.ExitCode == 0, one.Output);
        Assert.Empty(await Engine.ContainersAsync("web"));
        Assert.NotEmpty(await Engine.ContainersAsync("egress"));

        var all = await RunAsync("down", "--root", Root);
        Assert.True(all.ExitCode == 0, all.Output);
        foreach (var project in TestEngine.Projects) Assert.Empty(await Engine.ContainersAsync(project));
        Assert.True(File.Exists(Path.Combine(Root, "web", "compose.yaml")));
        AssertSameSecrets(secrets, Secrets());
        Assert.False(await AnswersAsync(18080));

        // Deploying again brings everything back.
        Assert.Equal(0, (await DeployAsync()).ExitCode);
        Assert.Equal("api-ok", await GetAsync(18081));
    }

    [Fact]
    public async Task Status_reports_each_state()
    {
        Engine.Require();
        var fresh = await Status();
        Assert.All(fresh.Services, s => Assert.Equal("missing", s.Actual));
        Assert.All(fresh.Stacks, s => Assert.Equal("pending", s.Files));

        Assert.Equal(0, (await DeployAsync()).ExitCode);
        var deployed = await Status();
        Assert.All(deployed.Services, s => Assert.True(s.Ok, $"{s.Name}: {s.Desired} vs {s.Actual}"));
        Assert.Equal("healthy", deployed.Service("site").Actual);
        Assert.Equal("running", deployed.Service("relay").Actual);
        Assert.Equal("created", deployed.Service("notes").Actual);
        Assert.All(deployed.Stacks, s => Assert.Equal("current", s.Files));

        var site = await Engine.InspectAsync("web", "site");
        await Engine.Client.Containers.StopContainerAsync(site.ID, new Docker.DotNet.Models.ContainerStopParameters { WaitBeforeKillSeconds = 1 });
        var stopped = await Status();
        Assert.Equal("stopped", stopped.Service("site").Actual);
        Assert.False(stopped.Service("site").Ok);

        // A change not yet deployed: the stack's files are pending, the running container is not the lab's any more.
        var changed = await Status(Changed("api", s => s with { Environment = [new EnvVar("MODE", "two")] }));
        Assert.Equal("pending", changed.Stacks.Single(s => s.Name == "web").Files);

        // Someone recreates a container by hand from other settings: drifted.
        var elsewhere = await RunAsync(Changed("tunnel", s => s with { Environment = [new EnvVar("X", "1")] }), "deploy", "--root", Root + "-elsewhere", "--stack", "egress");
        Assert.True(elsewhere.ExitCode == 0, elsewhere.Output);
        var drifted = await Status();
        Assert.Equal("drifted", drifted.Service("tunnel").Actual);

        var text = await RunAsync("status", "--root", Root);
        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"site\s+healthy\s+stopped", text.Stdout);
    }

    private sealed record StatusJson(IReadOnlyList<(string Name, string Files)> Stacks, IReadOnlyList<(string Name, string Desired, string Actual, bool Ok)> ServiceList)
    {
        public IEnumerable<(string Name, string Desired, string Actual, bool Ok)> Services => ServiceList;
        public (string Name, string Desired, string Actual, bool Ok) Service(string name) => ServiceList.Single(s => s.Name == name);
    }

    private async Task<StatusJson> Status(Lab? lab = null)
    {
        var run = await RunAsync(lab ?? Lab, "status", "--root", Root, "--json");
        Assert.True(run.ExitCode == 0, run.Output);
        using var json = JsonDocument.Parse(run.Stdout);
        var stacks = json.RootElement.GetProperty("stacks").EnumerateArray().ToList();
        return new StatusJson(
            stacks.Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("files").GetString()!)).ToArray(),
            stacks.SelectMany(s => s.GetProperty("services").EnumerateArray()).Select(s => (
                s.GetProperty("name").GetString()!, s.GetProperty("desired").GetString()!, s.GetProperty("actual").GetString()!, s.GetProperty("ok").GetBoolean())).ToArray());
    }
}
