namespace EzHomelab.Sample.Tests;

/// <summary>Where the repository and its vendored test data are, found from the test assembly's location.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding EzHomelab.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The compose-spec JSON Schema vendored under tests/schemas (see its README.md).</summary>
    public static string ComposeSchemaPath => Path.Combine(RepoRoot, "tests", "schemas", "compose-go", "compose-spec.json");

    private static string FindRoot()
    {
        var builtAt = typeof(RepositoryLayout).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "EzHomelab.RepoRoot")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, builtAt })
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EzHomelab.sln")))
                    return dir.FullName;
        throw new InvalidOperationException(
            $"No EzHomelab.sln above {AppContext.BaseDirectory} or {builtAt}: the tests must run from a build of the repository.");
    }
}
