using System.Collections;
using EzHomelab.Model;

namespace EzHomelab.Tests.Support;

/// <summary>Runs the CLI in-process with captured output and a fake environment.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Invoke(Lab lab, IDictionary? environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Cli.CommandLine.RunAsync(lab, args, stdout, stderr, environment ?? new Hashtable()).GetAwaiter().GetResult();
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
