namespace EzHomelab.Sample.Tests;

/// <summary>Where the repository and the team's shared folder are, found from the test assembly's location.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding EzHomelab.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared folder next to the checkout (schemas, facts).</summary>
    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string ComposeSchemaPath => Path.Combine(SharedFolder, "schemas", "compose-go", "compose-spec.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EzHomelab.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No EzHomelab.sln above {AppContext.BaseDirectory}: the tests must run from a build of the repository.");
    }
}
