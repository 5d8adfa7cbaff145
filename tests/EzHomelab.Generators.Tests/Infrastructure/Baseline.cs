using System.Runtime.CompilerServices;

namespace EzHomelab.Generators.Tests.Infrastructure;

/// <summary>
/// Golden files under Baselines/{Test}/{Hint}.txt. They are written only when UPDATE_SNAPSHOTS=1; otherwise a
/// missing or different file fails (always under CI=true, where UPDATE_SNAPSHOTS is ignored).
/// </summary>
internal static class Baseline
{
    public static void Verify(string test, string hintName, string actual)
    {
        var directory = Path.Combine(ProjectDirectory(), "Baselines", test);
        var path = Path.Combine(directory, hintName + ".txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        bool update = !ci && Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";

        if (update)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with UPDATE_SNAPSHOTS=1 (not under CI) to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
            Assert.Fail($"{path} differs from the generated {hintName} (rerun with UPDATE_SNAPSHOTS=1 if the change is intended):\n{FirstDifference(expected, actual)}");
    }

    /// <summary>Every golden file of a test must still be produced: a stale one fails too.</summary>
    public static void VerifyNoStaleFiles(string test, IEnumerable<string> hintNames)
    {
        var directory = Path.Combine(ProjectDirectory(), "Baselines", test);
        if (!Directory.Exists(directory)) return;
        var expected = hintNames.Select(h => h + ".txt").ToHashSet(StringComparer.Ordinal);
        var stale = Directory.GetFiles(directory).Select(Path.GetFileName).Where(f => !expected.Contains(f!)).ToList();
        Assert.True(stale.Count == 0, $"stale golden files in {directory}: {string.Join(", ", stale)}");
    }

    /// <summary>The test project's folder, found from this source file's own path (Infrastructure/ is one level down).</summary>
    private static string ProjectDirectory([CallerFilePath] string thisFile = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, ".."));

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al) return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
        }
        return "(only line endings differ)";
    }
}
