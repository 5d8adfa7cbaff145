using CliWrap;
using CliWrap.Buffered;
using EzHomelab.Rendering.Compose;

namespace EzHomelab.Deploy;

/// <summary>What one compose call did; <see cref="Output"/> is compose's own stderr and stdout (it never sees a secret value).</summary>
public sealed record ComposeResult(int ExitCode, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The last lines of compose's output on one line (<c> | </c> between them), for a one-line failure report. Each
    /// line once: v1 prints an error for a service twice.
    /// </summary>
    public string Tail(int lines = 4) => string.Join(" | ", Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).TakeLast(lines));
}

/// <summary>
/// Docker Compose, run through CliWrap: v2 (<c>docker compose</c>) when the docker CLI has it, else v1
/// (<c>docker-compose</c>). Always with an explicit project name (the stack's), file and project directory, and
/// <c>DOCKER_HOST</c> set to the server's endpoint.
/// </summary>
public sealed class ComposeCli
{
    private static readonly SemaphoreSlim DetectLock = new(1, 1);
    private static ComposeCli? _detected;

    private ComposeCli(string program, IReadOnlyList<string> prefix, string version)
    {
        Program = program;
        Prefix = prefix;
        Version = version;
    }

    public string Program { get; }
    private IReadOnlyList<string> Prefix { get; }

    /// <summary>What <c>version</c> printed, e.g. <c>docker-compose version 1.29.2, build unknown</c>.</summary>
    public string Version { get; }

    public bool IsV1 => Program != "docker";

    /// <summary>Finds compose once per process: v2 first, then v1.</summary>
    /// <exception cref="EngineException">Neither is installed.</exception>
    public static async Task<ComposeCli> DetectAsync(CancellationToken cancellationToken)
    {
        await DetectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_detected is not null) return _detected;
            foreach (var (program, prefix) in new[] { ("docker", new[] { "compose" }), ("docker-compose", Array.Empty<string>()) })
            {
                try
                {
                    var result = await CliWrap.Cli.Wrap(program).WithArguments([.. prefix, "version"])
                        .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
                    if (result.ExitCode == 0)
                        return _detected = new ComposeCli(program, prefix, result.StandardOutput.Split('\n')[0].Trim());
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // Not installed: try the next one.
                }
            }
            throw new EngineException("Docker Compose is not installed: neither `docker compose` (v2) nor `docker-compose` (v1) runs (Debian: apt-get install docker-compose)");
        }
        finally
        {
            DetectLock.Release();
        }
    }

    /// <summary><c>up</c>: <paramref name="start"/> false creates the containers without starting them (<c>--no-start</c>).</summary>
    public Task<ComposeResult> UpAsync(DockerEndpoint endpoint, string project, string folder, IReadOnlyList<string>? services, bool start, CancellationToken cancellationToken)
    {
        List<string> args = start ? ["up", "-d", "--remove-orphans"] : ["up", "--no-start", "--remove-orphans"];
        if (services is not null) args.AddRange(services);
        return RunAsync(endpoint, project, folder, args, cancellationToken);
    }

    /// <summary><c>down</c>: stops and removes the project's containers and its own networks; volumes only when asked.</summary>
    public Task<ComposeResult> DownAsync(DockerEndpoint endpoint, string project, string folder, bool volumes, CancellationToken cancellationToken) =>
        RunAsync(endpoint, project, folder, volumes ? ["down", "--remove-orphans", "--volumes"] : ["down", "--remove-orphans"], cancellationToken);

    /// <summary>
    /// What compose's environment changes: the endpoint, and without the variables the stack's <c>.env</c> defines (the
    /// lab's: DOMAIN, TZ, PUID, PGID and its <c>[Variable]</c>s). Compose lets the caller's environment win over <c>.env</c>,
    /// so a shell's <c>TZ</c> or <c>MEDIA_DIR</c> would otherwise leak into the containers. The file is read rather than
    /// the lab asked, because a rollback or a <c>down</c> runs compose with the stack's previous files.
    /// </summary>
    internal static Dictionary<string, string?> EnvironmentFor(DockerEndpoint endpoint, string folder)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOCKER_HOST"] = endpoint.Host,
            // The endpoint is already resolved; a context would override DOCKER_HOST for v2.
            ["DOCKER_CONTEXT"] = null,
            ["COMPOSE_PROJECT_NAME"] = null,
            ["COMPOSE_FILE"] = null,
        };
        foreach (var variable in ComposeInterpolation.LabVariables) environment[variable] = null;
        var envFile = Path.Combine(folder, ComposeRenderer.EnvFileName);
        try
        {
            if (File.Exists(envFile))
                foreach (var variable in Settings.EnvFile.Parse(File.ReadAllText(envFile), envFile).Values.Keys)
                    environment.TryAdd(variable, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Settings.SettingsException)
        {
            // Not ours to judge here: compose reads the file itself and reports what is wrong with it.
        }
        return environment;
    }

    private async Task<ComposeResult> RunAsync(DockerEndpoint endpoint, string project, string folder, IReadOnlyList<string> verb, CancellationToken cancellationToken)
    {
        var args = new List<string>(Prefix) { "--ansi", "never", "-p", project, "-f", ComposeRenderer.ComposeFileName, "--project-directory", folder };
        args.AddRange(verb);
        var environment = EnvironmentFor(endpoint, folder);
        var started = DateTime.UtcNow;
        try
        {
            var result = await CliWrap.Cli.Wrap(Program).WithArguments(args).WithWorkingDirectory(folder).WithEnvironmentVariables(environment)
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            return new ComposeResult(result.ExitCode, (result.StandardError + "\n" + result.StandardOutput).Trim(), DateTime.UtcNow - started);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new EngineException($"cannot run {Program}: {e.Message}", e);
        }
    }
}
