namespace EzHomelab.Tests.Support;

/// <summary>
/// Whole-output snapshots committed under tests/EzHomelab.Tests/Golden. They are rewritten only with
/// UPDATE_SNAPSHOTS=1 (never under CI=true); otherwise a missing or different file fails the test.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string relativePath, string actual)
    {
        var path = Path.Combine(RepoPaths.RepoRoot, "tests", "EzHomelab.Tests", "Golden", relativePath);
        bool ci = Environment.GetEnvironmentVariable("CI") == "true";
        bool update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" && !ci;
        var expected = File.Exists(path) ? File.ReadAllText(path) : null;
        if (update && expected != actual)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(expected is not null, $"Golden file {path} is missing; run the tests with UPDATE_SNAPSHOTS=1 to create it, review it, and commit it.");
        Assert.Equal(expected, actual);
    }
}
