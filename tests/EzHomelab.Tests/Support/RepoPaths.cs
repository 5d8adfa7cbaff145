using System.Reflection;

namespace EzHomelab.Tests.Support;

/// <summary>Finds the repository (a folder holding EzHomelab.sln) and the test data it holds.</summary>
internal static class RepoPaths
{
    public static string RepoRoot { get; } = Find();

    /// <summary>A vendored upstream JSON Schema under <c>tests/schemas</c> (see its README.md).</summary>
    public static string Schema(params string[] parts) => Path.Combine([RepoRoot, "tests", "schemas", .. parts]);

    private static string Find()
    {
        // Tests may run from an artifacts folder outside the checkout: fall back to the root recorded at build time.
        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, recorded, Directory.GetCurrentDirectory() })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EzHomelab.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Cannot find the repository root (EzHomelab.sln) above {AppContext.BaseDirectory} or {recorded}.");
    }
}
