using System.Collections;
using System.Text.RegularExpressions;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary><c>EZH_TRACE_TIMINGS</c>: where a run spends its time, on stderr, and nothing else changes.</summary>
public sealed class RunTimingsTests : IDisposable
{
    private const string Secret = "trace-secret-value-7";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-timings-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    private static Hashtable Env(bool trace)
    {
        var env = new Hashtable
        {
            ["EZH_SECRET_DB_PASSWORD"] = Secret,
            ["EZH_SECRET_AUTHELIA_JWT"] = Secret + "-jwt",
            ["EZH_SECRET_WIREGUARD_KEY"] = Secret + "-wg",
            ["EZH_SECRET_DUCKDNS_TOKEN"] = Secret + "-duckdns",
            ["EZH_ADMIN_PASSWORD"] = Secret + "-admin",
        };
        if (trace) env["EZH_TRACE_TIMINGS"] = "1";
        return env;
    }

    [Fact]
    public void Tracing_adds_one_stderr_line_per_step_and_changes_nothing_else()
    {
        var lab = TestLabs.Rich();
        Assert.Equal(0, CliRun.Invoke(lab, Env(trace: false), "render", "--root", Root).ExitCode);
        var plain = CliRun.Invoke(lab, Env(trace: false), "plan", "--root", Root);
        var traced = CliRun.Invoke(lab, Env(trace: true), "plan", "--root", Root);

        Assert.Equal(plain.ExitCode, traced.ExitCode);
        Assert.Equal(plain.Stdout, traced.Stdout);
        var timings = traced.StderrLines.Where(l => l.StartsWith("timing:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(plain.StderrLines, traced.StderrLines.Where(l => !l.StartsWith("timing:", StringComparison.Ordinal)));
        Assert.DoesNotContain(plain.StderrLines, l => l.StartsWith("timing:", StringComparison.Ordinal));

        var steps = timings.Select(l => Regex.Match(l, @"^timing: +\d+\.\d ms \(\+-?\d+\.\d\) cpu \d+ ms \(\+-?\d+\) (.+)$")).ToArray();
        Assert.All(steps, (m, i) => Assert.True(m.Success, $"not a timing line: {timings[i]}"));
        Assert.Equal(["main (runtime started)", "command line parsed", "names checked, settings loaded", "secrets read", "rendered", "planned", "plan written", "done"],
            steps.Select(m => m.Groups[1].Value));
        Assert.DoesNotContain(Secret, traced.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("")]
    public void Tracing_is_off_unless_asked(string value)
    {
        var env = Env(trace: false);
        env["EZH_TRACE_TIMINGS"] = value;
        var run = CliRun.Invoke(TestLabs.Rich(), env, "plan", "--root", Root);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("timing:", run.Stderr, StringComparison.Ordinal);
    }
}
