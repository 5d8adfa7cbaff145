using EzHomelab.Rendering;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary>Whole rendered stacks of the rich lab, reviewed once and then held still.</summary>
public class GoldenFileTests
{
    public static TheoryData<string> Stacks() => new(LabRenderer.Render(TestLabs.Rich(), RuntimeSettings.FromLab(TestLabs.Rich())).Servers[0].Stacks.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Rich_lab_stack_matches_its_golden_files(string stack)
    {
        // Write-once files hold secret values and are never snapshotted (these settings carry none anyway).
        foreach (var file in Rendered.StackFiles(TestLabs.Rich(), stack).Where(f => !f.WriteOnce))
            GoldenFile.AssertMatches(Path.Combine("rich", stack, file.RelativePath == ".env" ? "env" : file.RelativePath), file.Content);
    }
}
