using System.Collections;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace EzHomelab.Deploy.Tests;

/// <summary>
/// The real Docker engine the tests deploy to: <c>EZH_TEST_DOCKER_HOST</c> (scripts/test.sh starts a private one), else
/// <c>DOCKER_HOST</c>. Unreachable, every test that needs it fails (never skips) with the reason.
/// Reads the engine through its own Docker.DotNet client, independent of the code under test. A second engine,
/// <c>EZH_TEST_REMOTE_DOCKER_HOST</c> (in a network namespace of its own, with iptables there), plays a remote server
/// and is the engine with a firewall, which <see cref="ConfinementTests"/> need.
/// </summary>
public sealed class TestEngine : IDisposable
{
    /// <summary>The compose projects the tests deploy: LocalLab's stacks and <see cref="ConfinementTests"/>' own.</summary>
    public static readonly string[] Projects = ["web", "lazy", "egress", ConfinementTests.Stack];

    public TestEngine()
    {
        Host = Environment.GetEnvironmentVariable("EZH_TEST_DOCKER_HOST") is { Length: > 0 } test ? test
            : Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } docker ? docker
            : "unix:///var/run/docker.sock";
        (Client, Problem) = Connect(Host);
        RemoteHost = Environment.GetEnvironmentVariable("EZH_TEST_REMOTE_DOCKER_HOST") is { Length: > 0 } remote ? remote : null;
        if (RemoteHost is not null)
        {
            var (client, problem) = Connect(RemoteHost);
            (Remote, RemoteProblem) = (client, problem ?? "");
        }
        else RemoteProblem = "EZH_TEST_REMOTE_DOCKER_HOST is not set (scripts/test.sh starts a second engine for it)";
    }

    private static (DockerClient Client, string? Problem) Connect(string host)
    {
        var client = new DockerClientConfiguration(new Uri(host)).CreateClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            client.System.PingAsync(timeout.Token).GetAwaiter().GetResult();
            client.Images.InspectImageAsync(LocalLab.LocalHomelab.Image).GetAwaiter().GetResult();
            return (client, null);
        }
        catch (Exception e)
        {
            return (client, $"no Docker engine with {LocalLab.LocalHomelab.Image} at {host}: {e.GetBaseException().Message} (scripts/test.sh starts one and builds the image)");
        }
    }

    public string Host { get; }
    public DockerClient Client { get; }
    public bool Available => Problem is null;
    public string? Problem { get; }

    public string? RemoteHost { get; }
    public DockerClient? Remote { get; }
    public string RemoteProblem { get; } = "";

    /// <summary>Fails the test unless the engine answers and has the test image.</summary>
    public void Require()
    {
        if (!Available) Assert.Fail(Problem);
    }

    /// <summary>Fails the test unless the remote engine answers too.</summary>
    public DockerClient RequireRemote()
    {
        Require();
        if (Remote is null || RemoteProblem.Length > 0) Assert.Fail(RemoteProblem);
        return Remote!;
    }

    /// <summary>The environment the runner sees: only what a user's shell would pass that matters here.</summary>
    public Hashtable RunnerEnvironment(params (string Key, string Value)[] extra)
    {
        var env = new Hashtable { ["DOCKER_HOST"] = Host, ["HOME"] = Path.GetTempPath() };
        foreach (var (key, value) in extra) env[key] = value;
        return env;
    }

    public async Task<IList<ContainerListResponse>> ContainersAsync(string project, DockerClient? on = null) =>
        await (on ?? Client).Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={project}"] = true } },
        });

    public async Task<ContainerInspectResponse> InspectAsync(string project, string service, DockerClient? on = null)
    {
        var container = (await ContainersAsync(project, on)).SingleOrDefault(c => c.Labels["com.docker.compose.service"] == service)
            ?? throw new Xunit.Sdk.XunitException($"no container for {project}/{service}");
        return await (on ?? Client).Containers.InspectContainerAsync(container.ID);
    }

    /// <summary>Runs a command in a running container as <paramref name="user"/> (null: the container's user), as <c>docker exec</c> does.</summary>
    public static async Task<ExecResult> ExecAsync(DockerClient client, string containerId, string? user, params string[] command)
    {
        var created = await client.Exec.ExecCreateContainerAsync(containerId, new ContainerExecCreateParameters
        {
            Cmd = command,
            User = user ?? "",
            AttachStdout = true,
            AttachStderr = true,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var stream = await client.Exec.StartAndAttachContainerExecAsync(created.ID, tty: false, timeout.Token))
        {
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(timeout.Token);
            var inspected = await client.Exec.InspectContainerExecAsync(created.ID, timeout.Token);
            return new ExecResult(inspected.ExitCode, stdout, stderr);
        }
    }

    /// <summary>Start time of every container of the lab's projects, by <c>project/service</c>.</summary>
    public async Task<Dictionary<string, string>> StartTimesAsync()
    {
        var times = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in Projects)
            foreach (var c in await ContainersAsync(project))
            {
                var inspected = await Client.Containers.InspectContainerAsync(c.ID);
                times[$"{project}/{c.Labels["com.docker.compose.service"]}"] = $"{inspected.ID[..12]} {inspected.State.StartedAt}";
            }
        return times;
    }

    /// <summary>Removes every container of the lab's projects, so each test starts from an empty engine.</summary>
    public async Task RemoveAllAsync()
    {
        foreach (var client in new[] { Available ? Client : null, RemoteProblem.Length == 0 ? Remote : null }.OfType<DockerClient>())
            foreach (var project in Projects)
                foreach (var c in await ContainersAsync(project, client))
                    await client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true });
    }

    public void Dispose()
    {
        Client.Dispose();
        Remote?.Dispose();
    }
}

/// <summary>What a command run in a container returned.</summary>
public sealed record ExecResult(long ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<TestEngine>
{
    public const string Name = "engine";
}
