using System.Collections;
using EzHomelab.Model;
using EzHomelab.Rules;
using MyHomelab;

namespace EzHomelab.Sample.Tests;

/// <summary>
/// Renders samples/HomeLab once, in-process, through the same command line a user runs
/// (<c>render --out DIR</c>), with every secret the lab uses set to a recognisable test value.
/// </summary>
public sealed class RenderedSample : IAsyncLifetime
{
    public static readonly string[] StackNames = ["core", "dashboards", "dockge", "infrastructure", "media", "media-management", "sablier", "vpn"];

    public Lab Lab => HomeLab.Definition;
    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("ezh-sample-render-").FullName;
    public int ExitCode { get; private set; }
    public string StandardOutput { get; private set; } = "";
    public string StandardError { get; private set; } = "";

    /// <summary>Secret name → the test value given to the runner.</summary>
    public IReadOnlyDictionary<string, string> SecretValues { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var secrets = Lab.Services.SelectMany(s => s.SecretEnvironment).Select(e => e.Secret)
            .Concat(Rendering.Secrets.LabSecrets.WidgetKeySecrets(Lab)).Distinct().ToArray();
        SecretValues = secrets.ToDictionary(s => s, s => $"test-value-of-{s}-5f2c91");
        var environment = new Hashtable();
        foreach (var (secret, value) in SecretValues) environment[Naming.SecretVariable(secret)] = value;

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        ExitCode = await Cli.CommandLine.RunAsync(Lab, ["render", "--out", OutputDirectory], stdout, stderr, environment);
        StandardOutput = stdout.ToString();
        StandardError = stderr.ToString();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(OutputDirectory, recursive: true);
        return Task.CompletedTask;
    }

    public string StackDirectory(string stack) => Path.Combine(OutputDirectory, stack);

    public ComposeFile Compose(string stack)
    {
        var path = Path.Combine(StackDirectory(stack), "compose.yaml");
        Assert.True(File.Exists(path), $"render did not write {path} (exit code {ExitCode}).\n{StandardError}");
        return new ComposeFile(path);
    }

    public IEnumerable<ComposeFile> AllComposeFiles => StackNames.Select(Compose);
}
