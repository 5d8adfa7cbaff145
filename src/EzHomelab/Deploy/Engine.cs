using System.Globalization;
using System.Text.Json;

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

/// <summary>Every compose-managed container of one engine at one moment, by project: one look for all stacks.</summary>
public sealed class ContainerSnapshot(IReadOnlyList<ServiceContainer> containers)
{
    private readonly ILookup<string, ServiceContainer> _byProject = containers.ToLookup(c => c.Project, StringComparer.Ordinal);

    /// <summary>The containers of compose project <paramref name="project"/>, as <see cref="Engine.ContainersOfAsync"/> orders them.</summary>
    public IReadOnlyList<ServiceContainer> Of(string project) => Engine.InOrder(_byProject[project]);
}

/// <summary>
/// A server's Docker engine, read through its API (<see cref="EngineApi"/>): containers by compose labels, their state and health, and the
/// external networks. Writes nothing but networks; containers are changed only through compose.
/// </summary>
public sealed class Engine : IDisposable
{
    public const string ProjectLabel = "com.docker.compose.project";
    public const string ServiceLabel = "com.docker.compose.service";
    public const string ConfigHashLabel = "com.docker.compose.config-hash";
    public const string OneOffLabel = "com.docker.compose.oneoff";

    private readonly EngineApi _api;
    // What StartReading started; each is taken by its first consumer.
    private Task<EngineState>? _networksRead;
    private Task<EngineState>? _containersRead;

    private Engine(DockerEndpoint endpoint, EngineApi api, string version)
    {
        Endpoint = endpoint;
        _api = api;
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
        // A missing socket would be reported as "No such file or directory"; say what it means.
        if (uri.Scheme == "unix" && !File.Exists(uri.LocalPath))
            throw new EngineException($"cannot reach the Docker engine at {endpoint.Host} (from {endpoint.Source}): there is no socket at {uri.LocalPath} (is the engine running? set DOCKER_HOST to use another)");
        var api = new EngineApi(uri, timeout);
        Cli.RunTimings.Mark($"engine client for {endpoint.Host} made");
        try
        {
            using var version = Json(await api.SendAsync("GET", "/version", null, cancellationToken).ConfigureAwait(false), "/version");
            Cli.RunTimings.Mark($"engine {endpoint.Host} answered its version");
            return new Engine(endpoint, api, $"{Text(version.RootElement, "Version")} (API {Text(version.RootElement, "ApiVersion")})");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            api.Dispose();
            var reason = e is OperationCanceledException or TimeoutException ? $"no answer within {timeout.TotalSeconds:0} s" : Innermost(e).Message;
            throw new EngineException($"cannot reach the Docker engine at {endpoint.Host} (from {endpoint.Source}): {reason}", e);
        }
    }

    /// <summary>Every container of compose project <paramref name="project"/> (one-off <c>run</c> containers excluded), inspected.</summary>
    public async Task<IReadOnlyList<ServiceContainer>> ContainersOfAsync(string project, CancellationToken cancellationToken) =>
        InOrder(await ListAndInspectAsync($"{ProjectLabel}={project}", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Every compose-managed container (one-off <c>run</c> containers excluded), inspected: one list call for all
    /// projects. The first call after <see cref="StartReading"/> returns what that read (or throws what it threw).
    /// </summary>
    public Task<ContainerSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var read = Interlocked.Exchange(ref _containersRead, null);
        // Already read in the background (the usual case): no await, so the caller's await completes at once.
        if (read is { IsCompletedSuccessfully: true }) return Task.FromResult(new ContainerSnapshot(read.Result.Containers));
        return Later(read, cancellationToken);

        async Task<ContainerSnapshot> Later(Task<EngineState>? read, CancellationToken cancellationToken) =>
            new(read is null ? await ListAndInspectAsync(ProjectLabel, cancellationToken).ConfigureAwait(false) : (await read.ConfigureAwait(false)).Containers);
    }

    /// <summary>
    /// Starts reading the networks and every compose-managed container, in the background, for the next
    /// <see cref="EnsureNetworksAsync"/> and <see cref="SnapshotAsync"/>: the runner renders and plans meanwhile. Only
    /// while nothing changes them (the runner calls compose later).
    /// </summary>
    public void StartReading(CancellationToken cancellationToken)
    {
        if (_networksRead is not null || _containersRead is not null) return;
        var read = ReadStateAsync(cancellationToken);
        _networksRead = read;
        _containersRead = read;
    }

    private sealed record EngineState(HashSet<string> Networks, List<ServiceContainer> Containers);

    private async Task<EngineState> ReadStateAsync(CancellationToken cancellationToken)
    {
        byte[] networks;
        try
        {
            networks = await _api.SendAsync("GET", "/networks", null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EngineApiException or IOException or TimeoutException)
        {
            throw Failed(e);
        }
        return new EngineState(NetworkNames(networks), await ListAndInspectAsync(ProjectLabel, cancellationToken).ConfigureAwait(false));
    }

    internal static IReadOnlyList<ServiceContainer> InOrder(IEnumerable<ServiceContainer> containers) =>
        containers.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The containers carrying <paramref name="labelFilter"/> (<c>key</c> or <c>key=value</c>), inspected.</summary>
    private async Task<List<ServiceContainer>> ListAndInspectAsync(string labelFilter, CancellationToken cancellationToken)
    {
        // The engine's filter syntax: {"label":{"key=value":true}}.
        var filters = System.Text.Encoding.UTF8.GetString(CompactJson(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("label");
            json.WriteBoolean(labelFilter, true);
            json.WriteEndObject();
            json.WriteEndObject();
        }));
        var path = $"/containers/json?all=1&filters={Uri.EscapeDataString(filters)}";
        byte[] list;
        try
        {
            list = await _api.SendAsync("GET", path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EngineApiException or IOException or TimeoutException)
        {
            throw Failed(e);
        }
        var ids = new List<string>();
        using (var listed = Json(list, "/containers/json"))
            foreach (var item in listed.RootElement.EnumerateArray())
                if (!(Label(item, "Labels", OneOffLabel) is { } oneOff && oneOff.Equals("true", StringComparison.OrdinalIgnoreCase)))
                    ids.Add(Text(item, "Id") ?? "");
        var containers = new List<ServiceContainer>();
        foreach (var id in ids)
        {
            byte[] inspected;
            try
            {
                inspected = await _api.SendAsync("GET", InspectPath(id), null, cancellationToken).ConfigureAwait(false);
            }
            catch (EngineApiException e) when (e.Status == EngineApiException.NotFound)
            {
                continue; // gone between the list and the inspect
            }
            catch (Exception e) when (e is EngineApiException or IOException or TimeoutException)
            {
                throw Failed(e);
            }
            containers.Add(Container(inspected, id));
        }
        Cli.RunTimings.Mark($"containers with label {labelFilter} listed and inspected");
        return containers;
    }

    /// <summary>The container's current state; null when it is gone.</summary>
    public async Task<ServiceContainer?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return Container(await _api.SendAsync("GET", InspectPath(id), null, cancellationToken).ConfigureAwait(false), id);
        }
        catch (EngineApiException e) when (e.Status == EngineApiException.NotFound)
        {
            return null;
        }
        catch (Exception e) when (e is EngineApiException or IOException or TimeoutException)
        {
            throw Failed(e);
        }
    }

    private static string InspectPath(string id) => $"/containers/{Uri.EscapeDataString(id)}/json";

    /// <summary>A container as the engine's inspect answer describes it.</summary>
    private static ServiceContainer Container(byte[] inspected, string id)
    {
        using var document = Json(inspected, "/containers/{id}/json");
        var root = document.RootElement;
        var state = Child(root, "State");
        var health = state is { } s ? Child(s, "Health") : null;
        var healthStatus = health is { } h ? Text(h, "Status") : null;
        DateTimeOffset? started = DateTimeOffset.TryParse(state is { } st ? Text(st, "StartedAt") : null, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1
            ? at : null;
        string? healthLog = null;
        if (health is { } withLog && Child(withLog, "Log") is { ValueKind: JsonValueKind.Array } log && log.GetArrayLength() > 0)
            healthLog = Text(log[log.GetArrayLength() - 1], "Output")?.Trim();
        return new ServiceContainer(
            Text(root, "Id") ?? id, (Text(root, "Name") ?? "").TrimStart('/'),
            Label(root, "Config", ProjectLabel) ?? "", Label(root, "Config", ServiceLabel) ?? "",
            (state is { } a ? Text(a, "Status") : null) ?? "unknown", string.IsNullOrEmpty(healthStatus) || healthStatus == "none" ? null : healthStatus,
            Label(root, "Config", ConfigHashLabel), started, Number(root, "RestartCount"), state is { } b ? Number(b, "ExitCode") : 0, healthLog);
    }

    /// <summary>The last lines the container wrote (stdout and stderr), for failure reports.</summary>
    public async Task<string> LogTailAsync(string id, int lines, CancellationToken cancellationToken)
    {
        try
        {
            var body = await _api.SendAsync("GET",
                $"/containers/{Uri.EscapeDataString(id)}/logs?stdout=1&stderr=1&tail={lines.ToString(CultureInfo.InvariantCulture)}", null, cancellationToken).ConfigureAwait(false);
            var (stdout, stderr) = LogStream.Split(body);
            return (stdout + stderr).Trim();
        }
        catch (Exception e) when (e is EngineApiException or IOException or TimeoutException)
        {
            return "";
        }
    }

    /// <summary>
    /// Creates each bridge network that does not exist yet; returns the names it created. The existing ones are what
    /// <see cref="StartReading"/> read, the first time after it.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureNetworksAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var existing = Interlocked.Exchange(ref _networksRead, null) is { } read
            ? (await read.ConfigureAwait(false)).Networks
            : NetworkNames(await Guarded(_api.SendAsync("GET", "/networks", null, cancellationToken)).ConfigureAwait(false));
        var created = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Where(n => !existing.Contains(n)))
        {
            var request = CompactJson(json =>
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteBoolean("CheckDuplicate", true);
                json.WriteString("Driver", "bridge");
                json.WriteEndObject();
            });
            await Guarded(_api.SendAsync("POST", "/networks/create", request, cancellationToken)).ConfigureAwait(false);
            created.Add(name);
        }
        Cli.RunTimings.Mark("networks checked");
        return created;
    }

    private static HashSet<string> NetworkNames(byte[] body)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var networks = Json(body, "/networks");
        foreach (var network in networks.RootElement.EnumerateArray())
            if (Text(network, "Name") is { } name) names.Add(name);
        return names;
    }

    public void Dispose()
    {
        // A background read nobody asked for: its failure (the connection closes under it) is of no interest.
        var read = Interlocked.Exchange(ref _containersRead, null) ?? Interlocked.Exchange(ref _networksRead, null);
        read?.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _api.Dispose();
    }

    private static JsonDocument Json(byte[] body, string what)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new IOException($"the engine's answer to {what} is not JSON: {e.Message}", e);
        }
    }

    private static byte[] CompactJson(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) write(json);
        return stream.ToArray();
    }

    private static JsonElement? Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null ? child : null;

    private static string? Text(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    private static long Number(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var value) ? value : 0;

    /// <summary>A label of a list item (<c>Labels</c>) or an inspected container (<c>Config.Labels</c>).</summary>
    private static string? Label(JsonElement element, string where, string key)
    {
        var labels = Child(element, where);
        if (labels is { } config && where == "Config") labels = Child(config, "Labels");
        return labels is { } map ? Text(map, key) : null;
    }

    /// <summary>The engine's answer; its failure as an <see cref="EngineException"/> naming the endpoint.</summary>
    private async Task<byte[]> Guarded(Task<byte[]> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception e) when (e is EngineApiException or IOException or TimeoutException)
        {
            throw Failed(e);
        }
    }

    private EngineException Failed(Exception e) =>
        new($"the Docker engine at {Endpoint.Host} failed: {(e is EngineApiException api ? api.Body.Trim() is { Length: > 0 } body ? body : api.Message : Innermost(e).Message)}", e);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}

/// <summary>
/// A container's log as the engine sends it without a TTY: frames of an 8-byte header (stream 1 = stdout, 2 = stderr;
/// three zero bytes; the length, big-endian) and the bytes written.
/// </summary>
internal static class LogStream
{
    public static (string Stdout, string Stderr) Split(ReadOnlySpan<byte> body)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        while (body.Length >= 8 && body[0] is 0 or 1 or 2 && body[1] == 0 && body[2] == 0 && body[3] == 0)
        {
            int length = (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body[4..8]), (uint)(body.Length - 8));
            (body[0] == 2 ? stderr : stdout).Write(body.Slice(8, length));
            body = body[(8 + length)..];
        }
        // Not framed (a container with a TTY): the rest is its output as written.
        stdout.Write(body);
        return (System.Text.Encoding.UTF8.GetString(stdout.ToArray()), System.Text.Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
