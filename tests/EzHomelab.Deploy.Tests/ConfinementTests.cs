using Docker.DotNet;
using EzHomelab.Model;
using EzHomelab.Rendering.Compose;
using EzHomelab.Rules;

namespace EzHomelab.Deploy.Tests;

/// <summary>
/// The two hardening claims that rendered YAML alone cannot prove, checked with real traffic and real writes:
/// a confined service (every network internal, no route, no published port; <see cref="ComposeRenderer.IsConfined"/>)
/// is reached by its app over the internal network and reaches nothing else; a <c>[ReadOnlyRoot]</c> service writes its
/// tmpfs and nothing else. Each has a twin with the feature off, which must see the opposite: the probes can fail.
/// </summary>
/// <remarks>
/// Docker enforces <c>internal: true</c> with firewall rules (a container on an internal network still gets a default
/// route through its bridge on Docker 20.10), so the confinement tests run on the remote engine, which scripts/test.sh
/// starts with iptables in its own network namespace; the main engine runs without (its rules would be the machine's)
/// and isolates no network from another.
/// </remarks>
public sealed class ConfinementTests(TestEngine engine) : DeployTestBase(engine)
{
    /// <summary>The stack of a database and its app, as the catalog's apps with a database are built.</summary>
    public const string Stack = "data";
    private const string Backend = "data-backend";
    private const string BackendOnEngine = Stack + "_" + Backend; // compose prefixes a stack's own networks

    /// <summary>Serves <paramref name="text"/> on port 8080 from a folder it writes in /tmp.</summary>
    private static IReadOnlyList<string> Serve(string text) =>
        ["sh", "-c", $"mkdir -p /tmp/www && echo {text} > /tmp/www/index.html || exit 1; trap 'exit 0' TERM; httpd -f -p 8080 -h /tmp/www & wait $!"];

    private static readonly HealthcheckSpec Answers =
        new(["wget", "-q", "--spider", "http://127.0.0.1:8080/"], Interval: "1s", Timeout: "2s", Retries: 10);

    /// <summary>The database: on the stack's internal network only, like every catalog database.</summary>
    private static readonly ServiceSpec Db = new()
    {
        Name = "db",
        Stack = Stack,
        Image = LocalLab.LocalHomelab.Image,
        Command = Serve("db-ok"),
        Networks = [Backend],
        InternalNetworks = [Backend],
        Healthcheck = Answers,
    };

    /// <summary>Its app: on the internal network too, and routed, so on the lab's networks as well.</summary>
    private static readonly ServiceSpec App = new()
    {
        Name = "app",
        Stack = Stack,
        Image = LocalLab.LocalHomelab.Image,
        Command = Serve("app-ok"),
        Networks = [Backend],
        InternalNetworks = [Backend],
        Route = new RouteSpec(8080, "app"),
        Healthcheck = Answers,
        DependsOn = [new DependencySpec("db", DependencyCondition.Healthy)],
    };

    /// <summary>LocalLab's site (another stack, on <c>homelab-network</c>) and the data stack with <paramref name="db"/>.</summary>
    private static Lab LabWith(ServiceSpec db) =>
        Lab with { Services = [Lab.Services.Single(s => s.Name == "site"), db, App] };

    [Fact]
    public async Task A_confined_database_is_reached_by_its_app_and_reaches_nothing_else()
    {
        var remote = Engine.RequireRemote();
        var lab = LabWith(Db);
        Assert.True(ComposeRenderer.IsConfined(lab, Db));
        await DeployOnRemoteAsync(lab);

        var db = await Engine.InspectAsync(Stack, "db", remote);
        var app = await Engine.InspectAsync(Stack, "app", remote);
        var site = await Engine.InspectAsync("web", "site", remote);
        Assert.Equal([BackendOnEngine], db.NetworkSettings.Networks.Keys);
        Assert.True((await remote.Networks.InspectNetworkAsync(BackendOnEngine)).Internal, $"{BackendOnEngine} is not internal on the engine");
        Assert.Contains(LabNetworks.Homelab, app.NetworkSettings.Networks.Keys);
        Assert.Contains(BackendOnEngine, app.NetworkSettings.Networks.Keys);

        // The app reaches the database by its service name over the internal network.
        var byName = await TestEngine.ExecAsync(remote, app.ID, null, "wget", "-q", "-O", "-", "http://db:8080/");
        Assert.True(byName.ExitCode == 0, byName.ToString());
        Assert.Equal("db-ok", byName.Stdout.Trim());

        // The site answers on homelab-network (the app, there too, gets through); the database cannot reach it, and
        // the site cannot reach the database.
        var siteAddress = site.NetworkSettings.Networks[LabNetworks.Homelab].IPAddress;
        var fromApp = await HttpOverNcAsync(remote, app.ID, siteAddress);
        Assert.True(fromApp.ExitCode == 0 && fromApp.Stdout.Contains("hello from busybox", StringComparison.Ordinal), fromApp.ToString());
        var fromDb = await HttpOverNcAsync(remote, db.ID, siteAddress);
        Assert.True(fromDb.ExitCode != 0, $"the confined db reached the site at {siteAddress} (is the remote engine's firewall on? scripts/engine.sh iptables):\n{fromDb}");
        Assert.DoesNotContain("hello from busybox", fromDb.Stdout);
        var toDb = await HttpOverNcAsync(remote, site.ID, db.NetworkSettings.Networks[BackendOnEngine].IPAddress);
        Assert.True(toDb.ExitCode != 0, $"the site reached the confined db:\n{toDb}");
    }

    [Fact]
    public async Task Without_confinement_the_same_database_reaches_the_lab_network()
    {
        // The same database publishing a port: no longer confined, it joins homelab-network, and the probe that the
        // confined one failed now gets through.
        var remote = Engine.RequireRemote();
        var exposed = Db with { Ports = [new PortSpec(18090, 8080, HostIp: "127.0.0.1")] };
        var lab = LabWith(exposed);
        Assert.False(ComposeRenderer.IsConfined(lab, exposed));
        await DeployOnRemoteAsync(lab);

        var db = await Engine.InspectAsync(Stack, "db", remote);
        var site = await Engine.InspectAsync("web", "site", remote);
        Assert.Equal([BackendOnEngine, LabNetworks.Homelab], db.NetworkSettings.Networks.Keys.Order(StringComparer.Ordinal));
        var fromDb = await HttpOverNcAsync(remote, db.ID, site.NetworkSettings.Networks[LabNetworks.Homelab].IPAddress);
        Assert.True(fromDb.ExitCode == 0 && fromDb.Stdout.Contains("hello from busybox", StringComparison.Ordinal), fromDb.ToString());
    }

    [Fact]
    public async Task A_read_only_root_service_writes_its_tmpfs_and_nothing_else()
    {
        // LocalLab's api: [ReadOnlyRoot(Tmpfs = ["/tmp"])], running as 1000:1000, and it serves what it wrote to /tmp.
        Engine.Require();
        var run = await DeployAsync();
        Assert.True(run.ExitCode == 0, run.Output);
        var api = await Engine.InspectAsync("web", "api");
        Assert.True(api.State.Running, api.State.Status);
        Assert.Equal("healthy", api.State.Health.Status);
        Assert.True(api.HostConfig.ReadonlyRootfs);
        Assert.Equal(["/tmp"], api.HostConfig.Tmpfs.Keys);
        Assert.Equal("api-ok", await GetAsync(18081));

        // The service's user writes its tmpfs; root in the container (the owner of /, so no capability needed) cannot
        // write anywhere else, for the file system is read-only, not for want of permission.
        var tmp = await TestEngine.ExecAsync(Engine.Client, api.ID, null, "sh", "-c", "echo probe > /tmp/probe && cat /tmp/probe");
        Assert.True(tmp.ExitCode == 0 && tmp.Stdout.Trim() == "probe", tmp.ToString());
        foreach (var path in new[] { "/probe", "/www/probe", "/etc/probe" })
        {
            var elsewhere = await WriteAsRootAsync(api.ID, path);
            Assert.True(elsewhere.ExitCode != 0, $"{path} was written:\n{elsewhere}");
            Assert.Contains("Read-only file system", elsewhere.Stderr);
        }

        // The same service without [ReadOnlyRoot]: the same write succeeds.
        var writable = await DeployAsync(Changed("api", s => s with { ReadOnlyRoot = null }));
        Assert.True(writable.ExitCode == 0, writable.Output);
        api = await Engine.InspectAsync("web", "api");
        Assert.False(api.HostConfig.ReadonlyRootfs);
        var root = await WriteAsRootAsync(api.ID, "/probe");
        Assert.True(root.ExitCode == 0, root.ToString());
    }

    private Task<ExecResult> WriteAsRootAsync(string containerId, string path) =>
        TestEngine.ExecAsync(Engine.Client, containerId, "0", "sh", "-c", $"echo probe > {path}");

    private async Task DeployOnRemoteAsync(Lab lab)
    {
        var run = await LabRun.InvokeAsync(lab, Env(("DOCKER_HOST", Engine.RemoteHost!)), "deploy", "--root", Root);
        Assert.True(run.ExitCode == 0, run.Output);
    }

    /// <summary>
    /// An HTTP request to port 8080 of <paramref name="address"/> from inside a container, through busybox nc: its
    /// <c>-w 2</c> bounds the connect (a firewall drops, it does not refuse), and httpd closes after answering.
    /// </summary>
    private static Task<ExecResult> HttpOverNcAsync(DockerClient client, string containerId, string address) =>
        TestEngine.ExecAsync(client, containerId, null, "sh", "-c", $"printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 {address} 8080");
}
