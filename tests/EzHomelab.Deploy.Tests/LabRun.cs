using System.Collections;
using EzHomelab.Model;

namespace EzHomelab.Deploy.Tests;

/// <summary>One in-process run of the runner, as <c>dotnet run -- ARGS</c> would do it, with captured output.</summary>
public sealed record LabRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<LabRun> InvokeAsync(Lab lab, IDictionary environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await Cli.CommandLine.RunAsync(lab, args, stdout, stderr, environment);
        return new LabRun(code, stdout.ToString(), stderr.ToString());
    }

    public string Output => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
}
