using System.Collections;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using EzHomelab.Model;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Rules;
using EzHomelab.Sample.Tests;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;

namespace EzHomelab.CatalogTests.Support;

/// <summary>
/// One lab rendered in-process through the command line a user runs (<c>render --out DIR</c>), with every secret the
/// lab reads given a recognisable test value and the admin password supplied, so that a leak can be searched for.
/// </summary>
public sealed class LabRender : IDisposable
{
    public const string AdminPassword = "test-admin-password-0c41d7";

    private LabRender(Lab lab, string outputDirectory, int exitCode, string stdout, string stderr, IReadOnlyDictionary<string, string> secretValues)
    {
        Lab = lab;
        OutputDirectory = outputDirectory;
        ExitCode = exitCode;
        StandardOutput = stdout;
        StandardError = stderr;
        SecretValues = secretValues;
    }

    public Lab Lab { get; }
    public string OutputDirectory { get; }
    public int ExitCode { get; }
    public string StandardOutput { get; }
    public string StandardError { get; }

    /// <summary>Secret name → the test value given to the runner (<c>EZH_SECRET_*</c>).</summary>
    public IReadOnlyDictionary<string, string> SecretValues { get; }

    public string Transcript => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";

    public static async Task<LabRender> RunAsync(Lab lab, string tempPrefix)
    {
        var secrets = lab.Services.SelectMany(s => LabSecrets.Of(lab, s)).Select(u => u.Secret)
            .Concat(LabSecrets.WidgetKeySecrets(lab)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        // Each value is unique and long enough that finding it anywhere else is a leak, not a coincidence.
        var values = secrets.ToDictionary(s => s, s => $"test-value-of-{s}-5f2c91", StringComparer.Ordinal);
        var environment = new Hashtable { [RuntimeSettingsLoader.AdminPasswordVariable] = AdminPassword };
        foreach (var (secret, value) in values) environment[Naming.SecretVariable(secret)] = value;

        var output = Directory.CreateTempSubdirectory(tempPrefix).FullName;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Cli.CommandLine.RunAsync(lab, ["render", "--out", output], stdout, stderr, environment);
        return new LabRender(lab, output, exit, stdout.ToString(), stderr.ToString(), values);
    }

    public void Dispose()
    {
        if (Directory.Exists(OutputDirectory)) Directory.Delete(OutputDirectory, recursive: true);
    }

    /// <summary>The stacks render wrote, by name (single-server labs: one folder per stack).</summary>
    public IReadOnlyList<string> StackNames =>
        Lab.Services.Select(s => s.Stack).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public string StackDirectory(string stack) => Path.Combine(OutputDirectory, stack);

    public ComposeFile Compose(string stack)
    {
        var path = Path.Combine(StackDirectory(stack), "compose.yaml");
        Assert.True(File.Exists(path), $"render did not write {path}\n{Transcript}");
        return new ComposeFile(path);
    }

    /// <summary>Every file under the output, relative to it with '/', except the runner's own bookkeeping folder.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.GetFiles(OutputDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(OutputDirectory, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".ezhomelab/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();

    /// <summary>Files whose job is to hold secrets: the <c>secrets/</c> files and Authelia's users database (a hash).</summary>
    public static bool HoldsSecrets(string relativePath) =>
        relativePath.Split('/').Contains("secrets") || relativePath.EndsWith("/users_database.yml", StringComparison.Ordinal);

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(OutputDirectory, relativePath));

    /// <summary>
    /// Errors of <c>docker-compose config -q</c> on a stack (empty when it passes). A file identical to one already
    /// accepted (the same core stack in many one-service labs) is not checked again: compose's answer cannot differ.
    /// </summary>
    public async Task<string?> DockerComposeConfigErrorsAsync(string stack)
    {
        var directory = StackDirectory(stack);
        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            File.ReadAllText(Path.Combine(directory, "compose.yaml")) + "\0" + File.ReadAllText(Path.Combine(directory, ".env")))));
        if (AcceptedByCompose.ContainsKey(key)) return null;
        var result = await ChildProcess.RunAsync("docker-compose", ["-f", "compose.yaml", "-p", "ezh-catalog", "config", "-q"],
            directory, timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0) return result.Output;
        AcceptedByCompose.TryAdd(key, true);
        return null;
    }

    private static readonly ConcurrentDictionary<string, bool> AcceptedByCompose = new(StringComparer.Ordinal);

    /// <summary>Schema errors of a stack's compose.yaml against the vendored compose-spec schema.</summary>
    public IReadOnlyList<string> ComposeSchemaErrors(string stack) =>
        ConfigSchema.ComposeSpec.Errors(File.ReadAllText(Path.Combine(StackDirectory(stack), "compose.yaml")));
}
