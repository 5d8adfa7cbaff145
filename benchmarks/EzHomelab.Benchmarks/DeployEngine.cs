using System.Collections;
using System.Diagnostics;
using RunnerCli = EzHomelab.Cli.CommandLine;
using EzHomelab.Model;
using EzHomelab.Rendering.Compose;

namespace EzHomelab.Benchmarks;

/// <summary>
/// What the deploy benchmarks share: the engine (from <c>DOCKER_HOST</c>, which must hold LocalLab's image), the runner
/// in-process, and docker-compose / docker as child processes, the way a shell script runs them.
/// </summary>
public static class DeployEngine
{
    /// <summary>The lab the deploy benchmarks deploy (samples/LocalLab): stacks egress, lazy and web.</summary>
    public static Lab Lab => LocalLab.LocalHomelab.Definition;

    /// <summary>The lab's stacks in the runner's deploy order (its core server has only "apps": by name).</summary>
    public static IReadOnlyList<string> Stacks { get; } = Deploy.DeployOrder.Of(Lab, Lab.Core).Select(s => s.Name).ToArray();

    private static string? _checkedHost;

    /// <summary>The engine's <c>DOCKER_HOST</c>; throws, saying how to get one, unless it answers and has the image.</summary>
    public static string RequireHost()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(host))
            throw new InvalidOperationException($"The deploy benchmarks need a Docker engine holding {LocalLab.LocalHomelab.Image}: set DOCKER_HOST (benchmarks/deploy.sh starts one and builds the image).");
        if (_checkedHost == host) return host;
        var image = Run("docker", ["image", "inspect", "-f", "{{.Id}}", LocalLab.LocalHomelab.Image], Directory.GetCurrentDirectory());
        if (image.ExitCode != 0)
            throw new InvalidOperationException($"The Docker engine at DOCKER_HOST={host} does not answer or lacks {LocalLab.LocalHomelab.Image} (DOCKER_HOST=… scripts/test-image.sh builds it): {image.Output.Trim()}");
        _checkedHost = host;
        return host;
    }

    /// <summary>The environment the runner sees: only what a user's shell would pass that matters here.</summary>
    public static Hashtable RunnerEnvironment(string host) => new() { ["DOCKER_HOST"] = host, ["HOME"] = Path.GetTempPath() };

    /// <summary>One in-process run of the runner, as <c>dotnet LocalLab.dll ARGS</c> would do it, output captured.</summary>
    public static async Task<(int ExitCode, string Output)> RunnerAsync(Lab lab, Hashtable environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await RunnerCli.RunAsync(lab, args, stdout, stderr, environment).ConfigureAwait(false);
        return (code, $"exit {code}\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
    }

    /// <summary>Runs the runner and throws with its output unless it exits 0.</summary>
    public static string Runner(Lab lab, Hashtable environment, params string[] args)
    {
        var (code, output) = RunnerAsync(lab, environment, args).GetAwaiter().GetResult();
        if (code != 0) throw new InvalidOperationException($"runner {string.Join(' ', args)} failed:\n{output}");
        return output;
    }

    /// <summary>
    /// <c>docker-compose -p STACK -f compose.yaml --project-directory FOLDER up -d</c>, run in the stack's folder (as
    /// <c>cd FOLDER &amp;&amp; docker-compose …</c> in a script; v1 reads <c>-f</c> relative to the working directory).
    /// </summary>
    public static void ComposeUp(string stack, string folder, string composeFile = ComposeRenderer.ComposeFileName)
    {
        var result = Run("docker-compose", ["-p", stack, "-f", composeFile, "--project-directory", folder, "up", "-d"], folder);
        if (result.ExitCode != 0) throw new InvalidOperationException($"docker-compose up -d of {stack} in {folder} failed (exit {result.ExitCode}): {result.Output.Trim()}");
    }

    /// <summary>
    /// Polls <c>docker inspect -f '{{.State.Health.Status}}' CONTAINER…</c> every <paramref name="interval"/> (the runner
    /// polls every 250 ms) until every one says healthy, the way a script waits after <c>up -d</c>.
    /// </summary>
    public static void WaitHealthy(IReadOnlyList<string> containers, TimeSpan interval, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = Run("docker", ["inspect", "-f", "{{.State.Health.Status}}", .. containers], Directory.GetCurrentDirectory());
            var states = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (result.ExitCode == 0 && states.Length == containers.Count && states.All(s => s == "healthy")) return;
            if (clock.Elapsed > timeout)
                throw new InvalidOperationException($"{string.Join(", ", containers)} not healthy within {timeout.TotalSeconds:0} s: {result.Output.Trim()}");
            Thread.Sleep(interval);
        }
    }

    /// <summary>The ID of a container (by name), or null when there is none.</summary>
    public static string? ContainerId(string name)
    {
        var result = Run("docker", ["inspect", "-f", "{{.Id}}", name], Directory.GetCurrentDirectory());
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    /// <summary>
    /// A child process with the caller's environment, except what the runner also keeps from compose: another
    /// context or project, and the lab's own variables (TZ, DOMAIN, PUID, PGID), which the stack's .env defines and a
    /// shell's value would override, so that compose sees exactly the configuration the runner deployed.
    /// </summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var variable in ComposeInterpolation.LabVariables.Concat(["DOCKER_CONTEXT", "COMPOSE_PROJECT_NAME", "COMPOSE_FILE"]))
            start.Environment.Remove(variable);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }

    /// <summary>The lab with one service's environment extended, as if its class had been edited and rebuilt.</summary>
    public static Lab WithEnv(Lab lab, string service, string name, string value) =>
        lab with { Services = lab.Services.Select(s => s.Name == service ? s with { Environment = [.. s.Environment, new EnvVar(name, value)] } : s).ToArray() };

    /// <summary>
    /// A new empty folder, under <c>EZH_BENCH_ROOTS</c> when set (benchmarks/deploy.sh sets it and removes it at the end,
    /// also after a benchmark was killed), else under the temp folder; the caller deletes it.
    /// </summary>
    public static string NewRoot(string purpose)
    {
        if (Environment.GetEnvironmentVariable("EZH_BENCH_ROOTS") is not { Length: > 0 } parent)
            return Directory.CreateTempSubdirectory($"ezh-bench-{purpose}-").FullName;
        var root = Path.Combine(parent, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        return root;
    }

    public static void DeleteRoot(string? root)
    {
        if (root is not null && Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
}
