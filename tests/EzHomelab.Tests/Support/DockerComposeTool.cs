using System.Diagnostics;
using EzHomelab.Rendering;

namespace EzHomelab.Tests.Support;

/// <summary>
/// Runs the real <c>docker-compose</c> (v1, Debian's package) on rendered stacks, in a fresh folder with a clean
/// environment so nothing from the test machine leaks into interpolation. A missing binary fails the test
/// (under CI always; elsewhere unless EZH_ALLOW_NO_DOCKER_COMPOSE=1 is set).
/// </summary>
internal static class DockerComposeTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static readonly string? Binary = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, "docker-compose")).FirstOrDefault(File.Exists);

    /// <summary>True when the binary is there; false only when its absence is explicitly allowed; otherwise fails the test.</summary>
    public static bool IsAvailable()
    {
        if (Binary is not null) return true;
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail("docker-compose is required under CI=true (apt-get install -y docker-compose).");
        if (Environment.GetEnvironmentVariable("EZH_ALLOW_NO_DOCKER_COMPOSE") == "1") return false;
        Assert.Fail("docker-compose is missing: apt-get install -y docker-compose (or set EZH_ALLOW_NO_DOCKER_COMPOSE=1 to skip this check locally).");
        return false;
    }

    /// <summary><c>docker-compose -f compose.yaml -p test config [-q]</c> on one stack's files.</summary>
    public static Result Config(IReadOnlyList<RenderedFile> stackFiles, bool quiet)
    {
        var folder = Directory.CreateTempSubdirectory("ezh-compose-");
        try
        {
            foreach (var file in stackFiles)
            {
                var path = Path.Combine(folder.FullName, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
            }
            var start = new ProcessStartInfo(Binary!)
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-f", "compose.yaml", "-p", "test", "config" }) start.ArgumentList.Add(arg);
            if (quiet) start.ArgumentList.Add("-q");
            start.Environment.Clear();
            start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
            start.Environment["HOME"] = folder.FullName;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(); Assert.Fail("docker-compose config timed out"); }
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
