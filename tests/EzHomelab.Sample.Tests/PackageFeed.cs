namespace EzHomelab.Sample.Tests;

/// <summary>
/// Packs src/EzHomelab, exactly as <c>dotnet pack</c> does for a release, into a private folder feed with a
/// version of its own, so a consumer can only get this build (never a stale copy from a package cache).
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("ezh-package-test-").FullName;
    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");
    /// <summary>An empty package folder: the consumer's restore extracts EzHomelab from the feed, nothing else.</summary>
    public string PackagesDirectory => Path.Combine(WorkDirectory, "packages");
    public string Version { get; } = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    public ProcessResult? PackResult { get; private set; }

    public string PackagePath => Path.Combine(FeedDirectory, $"EzHomelab.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);
        PackResult = await ChildProcess.RunAsync(ChildProcess.DotnetHost,
            ["pack", Path.Combine(RepositoryLayout.RepoRoot, "src", "EzHomelab"), "-c", "Release", "-o", FeedDirectory,
             "--artifacts-path", Path.Combine(WorkDirectory, "build"), $"-p:Version={Version}", "-nodeReuse:false"],
            RepositoryLayout.RepoRoot, ChildProcess.CleanDotnetEnvironment(), TimeSpan.FromMinutes(15));
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(WorkDirectory, recursive: true); }
        catch (IOException) { } // a build server may still hold a file for a moment; the temp folder is harmless
        return Task.CompletedTask;
    }

    /// <summary>Writes a consumer project (NuGet.config with the feed, csproj, sources) into a new folder.</summary>
    /// <param name="properties">More MSBuild properties for the project, as XML (e.g. <c>&lt;PublishReadyToRun&gt;true&lt;/PublishReadyToRun&gt;</c>).</param>
    public string CreateConsumer(string name, IReadOnlyDictionary<string, string> sources, string properties = "")
    {
        var dir = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(dir);
        // Stops MSBuild from importing props/targets of whatever folder the temp directory sits in.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "NuGet.config"), NuGetConfig());
        File.WriteAllText(Path.Combine(dir, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EzHomelab" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        foreach (var (file, text) in sources) File.WriteAllText(Path.Combine(dir, file), text);
        return dir;
    }

    public Dictionary<string, string?> ConsumerEnvironment()
    {
        var environment = ChildProcess.CleanDotnetEnvironment();
        environment["NUGET_PACKAGES"] = PackagesDirectory;
        return environment;
    }

    // The feed first; the default sources stay (no <clear/>) for EzHomelab's own dependencies. The machine's
    // package folder, when there is one, is offered as a read-only source too, so restore works offline.
    private string NuGetConfig()
    {
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var machineSource = Directory.Exists(machinePackages)
            ? $"""    <add key="machine-packages" value="{machinePackages}" />{"\n"}""" : "";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ezhomelab-under-test" value="{FeedDirectory}" />
            {machineSource}  </packageSources>
            </configuration>
            """;
    }
}
