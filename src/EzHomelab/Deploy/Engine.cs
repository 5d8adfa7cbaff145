using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace EzHomelab.Deploy;

/// <summary>The engine could not be reached or answered with an error. The message is one line naming the endpoint.</summary>
public sealed class EngineException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One compose-managed container as the engine reports it.</summary>
/// <param name="State">Docker's state: <c>created</c>, <c>running</c>, <c>restarting</c>, <c>exited</c>, <c>paused</c>, <c>dead</c>.</param>
/// <param name="Health">The healthcheck's status (<c>starting</c>, <c>healthy</c>, <c>unhealthy</c>); null without a healthcheck.</param>
/// <param name="ConfigHash">Compose's <c>com.docker.compose.config-hash</c>: changes exactly when compose would recreate it.</param>
public sealed record ServiceContainer(
    string Id, string Name, string Project, string Service, string State, string? Health, string? ConfigHash,
    DateTimeOffset? StartedAt, long RestartCount, long ExitCode, string? HealthOutput)
{
    public bool IsRunning => State == "running";
}

/// <summary>
/// A server's Docker engine, read through Docker.DotNet: containers by compose labels, their state and health, and the
/// external networks. Writes nothing but networks; containers are changed only through compose.
/// </summary>
public sealed class Engine : IDisposable
{
    public const string ProjectLabel = "com.docker.compose.project";
    public const string ServiceLabel = "com.docker.compose.service";
    public const string ConfigHashLabel = "com.docker.compose.config-hash";
    public const string OneOffLabel = "com.docker.compose.oneoff";

    private readonly DockerClient _client;

    private Engine(DockerEndpoint endpoint, DockerClient client, string version)
    {
        Endpoint = endpoint;
        _client = client;
        Version = version;
    }

    public DockerEndpoint Endpoint { get; }

    /// <summary>The engine's version and API version, e.g. <c>20.10.24 (API 1.41)</c>.</summary>
    public string Version { get; }

    /// <summary>Connects and asks the engine's version, within <paramref name="timeout"/>.</summary>
    /// <exception cref="EngineException">Unreachable, refused, not an engine, or an endpoint scheme the client cannot use.</exception>
    public static async Task<Engine> ConnectAsync(DockerEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(endpoint.Host, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "npipe"))
            throw new EngineException($"Docker endpoint '{endpoint.Host}' (from {endpoint.Source}) is not supported: use unix:// or tcp:// (for ssh://, forward the remote socket or expose it on tcp://)");
        // Docker.DotNet reports a missing socket as "Cannot assign requested address"; say what it means.
        if (uri.Scheme == "unix" && !File.Exists(uri.LocalPath))
            throw new EngineException($"cannot reach the Docker engine at {endpoint.Host} (from {endpoint.Source}): there is no socket at {uri.LocalPath} (is the engine running? set DOCKER_HOST to use another)");
        var client = new DockerClientConfiguration(uri, defaultTimeout: timeout).CreateClient();
        Cli.RunTimings.Mark($"engine client for {endpoint.Host} made");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var version = await client.System.GetVersionAsync(deadline.Token).ConfigureAwait(false);
            Cli.RunTimings.Mark($"engine {endpoint.Host} answered its version");
            return new Engine(endpoint, client, $"{version.Version} (API {version.APIVersion})");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            var reason = e is OperationCanceledException or TimeoutException ? $"no answer within {timeout.TotalSeconds:0} s" : Innermost(e).Message;
            throw new EngineException($"cannot reach the Docker engine at {endpoint.Host} (from {endpoint.Source}): {reason}", e);
        }
    }

    /// <summary>Every container of compose project <paramref name="project"/> (one-off <c>run</c> containers excluded), inspected.</summary>
    public async Task<IReadOnlyList<ServiceContainer>> ContainersOfAsync(string project, CancellationToken cancellationToken)
    {
        var listed = await Guard(() => _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ProjectLabel}={project}"] = true } },
        }, cancellationToken)).ConfigureAwait(false);
        var containers = new List<ServiceContainer>();
        foreach (var item in listed.Where(c => !(c.Labels.TryGetValue(OneOffLabel, out var oneOff) && oneOff.Equals("true", StringComparison.OrdinalIgnoreCase))))
            if (await InspectAsync(item.ID, cancellationToken).ConfigureAwait(false) is { } container) containers.Add(container);
        Cli.RunTimings.Mark($"containers of {project} listed and inspected");
        return containers.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The container's current state; null when it is gone.</summary>
    public async Task<ServiceContainer?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        ContainerInspectResponse inspected;
        try
        {
            inspected = await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            throw Failed(e);
        }
        var labels = inspected.Config?.Labels ?? new Dictionary<string, string>();
        string? Label(string key) => labels.TryGetValue(key, out var value) ? value : null;
        var state = inspected.State;
        DateTimeOffset? started = DateTimeOffset.TryParse(state?.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1
            ? at : null;
        var healthLog = state?.Health?.Log?.LastOrDefault()?.Output?.Trim();
        return new ServiceContainer(
            inspected.ID, inspected.Name.TrimStart('/'), Label(ProjectLabel) ?? "", Label(ServiceLabel) ?? "",
            state?.Status ?? "unknown", string.IsNullOrEmpty(state?.Health?.Status) || state.Health.Status == "none" ? null : state.Health.Status,
            Label(ConfigHashLabel), started, inspected.RestartCount, state?.ExitCode ?? 0, healthLog);
    }

    /// <summary>The last lines the container wrote (stdout and stderr), for failure reports.</summary>
    public async Task<string> LogTailAsync(string id, int lines, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await _client.Containers.GetContainerLogsAsync(id, tty: false,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
            return (stdout + stderr).Trim();
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            return "";
        }
    }

    /// <summary>Creates each bridge network that does not exist yet; returns the names it created.</summary>
    public async Task<IReadOnlyList<string>> EnsureNetworksAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var existing = (await Guard(() => _client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken)).ConfigureAwait(false))
            .Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var created = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Where(n => !existing.Contains(n)))
        {
            await Guard(() => _client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = name, Driver = "bridge", CheckDuplicate = true }, cancellationToken)).ConfigureAwait(false);
            created.Add(name);
        }
        Cli.RunTimings.Mark("networks checked");
        return created;
    }

    public void Dispose() => _client.Dispose();

    private async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException)
        {
            throw Failed(e);
        }
    }

    private EngineException Failed(Exception e) =>
        new($"the Docker engine at {Endpoint.Host} failed: {(e is DockerApiException api ? api.ResponseBody?.Trim() is { Length: > 0 } body ? body : api.Message : Innermost(e).Message)}", e);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
