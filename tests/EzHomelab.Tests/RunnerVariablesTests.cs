using System.Text.RegularExpressions;
using EzHomelab.Rules;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

public class RunnerVariablesTests
{
    /// <summary>
    /// The runner warns about every EZH_ name it does not read, except the tools' names: so every EZH_ variable a script,
    /// test or benchmark of the repository reads must be on that list (or be one the runner reads), or a run of the
    /// tests would warn about its own configuration.
    /// </summary>
    [Fact]
    public void Every_ezh_variable_the_repositorys_tools_read_is_a_tool_or_runner_variable()
    {
        var read = new Regex(@"GetEnvironmentVariable\(\s*""(EZH_[A-Z0-9_]+)""|\$\{?(EZH_[A-Z0-9_]+)");
        var files = Directory.EnumerateFiles(RepoPaths.RepoRoot, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sh", StringComparison.Ordinal) || f.EndsWith("/.ci/run", StringComparison.Ordinal))
            .Where(f => !Regex.IsMatch(Path.GetRelativePath(RepoPaths.RepoRoot, f), @"(^|/)(bin|obj|artifacts|\.git)/"));
        var names = files.SelectMany(f => read.Matches(File.ReadAllText(f)).Select(m => (Name: m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, File: f)))
            .ToList();
        Assert.Contains(names, n => n.Name == "EZH_TEST_DOCKER_HOST");
        var unlisted = names.Where(n => !RunnerVariables.IsToolVariable(n.Name) && !RunnerVariables.Settings.Contains(n.Name)
                && !n.Name.StartsWith(RunnerVariables.SecretPrefix, StringComparison.Ordinal) && !n.Name.StartsWith(RunnerVariables.DockerHostPrefix, StringComparison.Ordinal))
            .Select(n => $"{n.Name} ({Path.GetRelativePath(RepoPaths.RepoRoot, n.File)})").Distinct().ToList();
        Assert.True(unlisted.Count == 0, $"add these to RunnerVariables.ToolVariables, or name them EZH_TEST_*: {string.Join(", ", unlisted)}");
    }

    [Theory]
    [InlineData("deploi", "deploy")]
    [InlineData("plna", "plan")]
    [InlineData("REDNER", "render")]
    [InlineData("frobnicate", null)]
    [InlineData("d", null)]
    public void The_nearest_name_is_a_few_edits_away_or_none(string typed, string? expected) =>
        Assert.Equal(expected, NearestName.Of(typed, ["render", "plan", "deploy", "status", "down"]));

    [Fact]
    public void Ties_go_to_the_first_name_in_ordinal_order() =>
        Assert.Equal("abd", NearestName.Of("abc", ["abe", "abd"]));
}
