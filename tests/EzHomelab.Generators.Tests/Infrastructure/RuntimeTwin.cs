using EzHomelab.Rendering;

namespace EzHomelab.Generators.Tests.Infrastructure;

/// <summary>
/// The twin check for rules that live both in the generator and in the runner: the run time's
/// <see cref="LabRoutes.Problems"/> must refuse, once, exactly the lab a diagnostic case reports, and accept
/// its corrected form.
/// </summary>
internal static class RuntimeTwin
{
    public static void AssertRefusesWhatTheGeneratorReports(DiagnosticCase c)
    {
        var trigger = GeneratorHarness.Run(c.Trigger);
        Assert.NotEmpty(trigger.WithId(c.Id));
        var refused = LabRoutes.Problems(LabLoader.Lab(trigger.Output, "Lab.MyLab")).ToList();
        Assert.True(refused.Count == 1, $"the run time should refuse the lab that {c.Id} reports once, got: [{string.Join("; ", refused)}]");

        var valid = GeneratorHarness.Run(c.Valid);
        valid.AssertClean();
        Assert.Empty(LabRoutes.Problems(LabLoader.Lab(valid.Output, "Lab.MyLab")));
    }
}
