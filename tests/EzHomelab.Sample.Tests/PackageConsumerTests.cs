using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Sample.Tests;

/// <summary>
/// The packed EzHomelab, consumed from a folder feed as a user would: the generator must run from
/// analyzers/dotnet/cs of the package (the consumer has no project reference to it).
/// </summary>
public sealed class PackageConsumerTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    private const string LabSource = """
        using EzHomelab;

        namespace TinyLab;

        // No login portal in this lab, so no route asks for a login (EZH0043 would warn, and the build treats warnings as errors).
        [Homelab(Domain = "lab.example.org", Timezone = "Etc/UTC", Email = "owner@example.org", DefaultAccess = Access.Bypass)]
        public partial class Lab;

        [Stack("apps")]
        [Service(Image = "traefik/whoami:v1.10.3")]
        [Route(80)]
        public partial class Whoami;

        [Stack("apps")]
        [Service(Image = "nginx:1.27.4")]
        [Route(80, Subdomain = "web", Access = Access.Bypass)]
        public partial class Web;
        """;

    private const string ProgramSource = "return await EzHomelab.HomelabCli.RunAsync<TinyLab.Lab>(args);\n";

    [Fact]
    public void Package_holds_both_runtimes_and_the_generator_as_an_analyzer()
    {
        AssertPacked();
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net8.0/EzHomelab.dll", entries);
        Assert.Contains("lib/net10.0/EzHomelab.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/EzHomelab.Generators.dll", entries);
        Assert.Contains("build/EzHomelab.targets", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Consumer_builds_from_the_package_and_renders()
    {
        AssertPacked();
        var dir = feed.CreateConsumer("GoodLab", new Dictionary<string, string> { ["Lab.cs"] = LabSource, ["Program.cs"] = ProgramSource });

        var build = await Dotnet(dir, "build", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, $"consumer build failed:\n{build.Output}");
        Assert.True(Directory.Exists(Path.Combine(feed.PackagesDirectory, "ezhomelab", feed.Version)),
            "EzHomelab was not restored from the test feed into the isolated package folder");

        var output = Path.Combine(dir, "out");
        var render = await Dotnet(dir, "run", "--no-build", "--", "render", "--out", output);
        Assert.True(render.ExitCode == 0, $"render failed:\n{render.Output}");

        var composePath = Path.Combine(output, "apps", "compose.yaml");
        Assert.True(File.Exists(composePath), $"no {composePath}:\n{render.Output}");
        Assert.True(File.Exists(Path.Combine(output, "apps", ".env")));
        var compose = new ComposeFile(composePath);
        Assert.Equal(["web", "whoami"], compose.ServiceNames.Order(StringComparer.Ordinal));
        Assert.Equal("Host(`web.lab.example.org`)", compose.Labels("web")["traefik.http.routers.web.rule"]);
        Assert.Equal("Host(`whoami.lab.example.org`)", compose.Labels("whoami")["traefik.http.routers.whoami.rule"]);
        Assert.Equal("traefik/whoami:v1.10.3", compose.Scalar("whoami", "image")?.Value);
        Assert.IsType<YamlMappingNode>(compose.Root["networks"]);

        // Without PublishReadyToRun the build output is left as the compiler and NuGet made it.
        var bin = Path.Combine(dir, "bin", "Debug", "net10.0");
        Assert.False(IsReadyToRun(Path.Combine(bin, "EzHomelab.dll")), "EzHomelab.dll was compiled ahead of time without PublishReadyToRun");
        Assert.False(RuntimeOption(bin, "GoodLab", "System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported").HasValue);
    }

    [Fact]
    public async Task Consumer_with_PublishReadyToRun_builds_its_runner_ahead_of_time_and_it_renders()
    {
        AssertPacked();
        var dir = feed.CreateConsumer("FastLab", new Dictionary<string, string> { ["Lab.cs"] = LabSource, ["Program.cs"] = ProgramSource },
            "<PublishReadyToRun>true</PublishReadyToRun>");

        var build = await Dotnet(dir, "build", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, $"consumer build failed:\n{build.Output}");

        // What `dotnet build` leaves, which `dotnet run` and the apphost run: the lab, EzHomelab and its dependencies
        // hold native code (their IL too), and run-time code generation is off.
        var bin = Path.Combine(dir, "bin", "Debug", "net10.0");
        foreach (var assembly in new[] { "FastLab.dll", "EzHomelab.dll", "YamlDotNet.dll", "System.CommandLine.dll", "Spectre.Console.dll", "CliWrap.dll" })
            Assert.True(IsReadyToRun(Path.Combine(bin, assembly)), $"{assembly} in the build output holds no ReadyToRun code:\n{build.Output}");
        Assert.False(RuntimeOption(bin, "FastLab", "System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported"));

        var output = Path.Combine(dir, "out");
        var render = await Dotnet(dir, "run", "--no-build", "--", "render", "--out", output);
        Assert.True(render.ExitCode == 0, $"render failed:\n{render.Output}");
        var compose = new ComposeFile(Path.Combine(output, "apps", "compose.yaml"));
        Assert.Equal(["web", "whoami"], compose.ServiceNames.Order(StringComparer.Ordinal));
        var plan = await Dotnet(dir, "run", "--no-build", "--", "plan", "--out", output);
        Assert.True(plan.ExitCode == 0 && plan.Output.Contains("No changes:", StringComparison.Ordinal), $"plan after render:\n{plan.Output}");
    }

    /// <summary>True when the assembly carries ReadyToRun (precompiled) code: its CLI header points to a native header.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>A boolean of the runtimeconfig.json's configProperties; null when it is not there.</summary>
    private static bool? RuntimeOption(string bin, string app, string name)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(bin, app + ".runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
    }

    [Fact]
    public async Task Consumer_with_a_duplicate_hostname_fails_to_build_with_EZH0007()
    {
        AssertPacked();
        var broken = LabSource.Replace("[Route(80)]", "[Route(80, Subdomain = \"web\")]", StringComparison.Ordinal);
        Assert.NotEqual(LabSource, broken);
        var dir = feed.CreateConsumer("BrokenLab", new Dictionary<string, string> { ["Lab.cs"] = broken, ["Program.cs"] = ProgramSource });

        var build = await Dotnet(dir, "build", "-nodeReuse:false");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("EZH0007", build.Output);
    }

    private void AssertPacked()
    {
        var pack = feed.PackResult!;
        Assert.True(pack.ExitCode == 0 && File.Exists(feed.PackagePath), $"dotnet pack failed (exit {pack.ExitCode}):\n{pack.Output}");
    }

    private Task<ProcessResult> Dotnet(string dir, params string[] arguments) =>
        ChildProcess.RunAsync(ChildProcess.DotnetHost, arguments, dir, feed.ConsumerEnvironment(), TimeSpan.FromMinutes(10));
}
