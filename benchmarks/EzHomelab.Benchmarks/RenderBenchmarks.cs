using BenchmarkDotNet.Attributes;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;

namespace EzHomelab.Benchmarks;

/// <summary>
/// The runtime side: rendering every stack of the synthetic lab (compose.yaml and .env per stack) from the
/// model its generated code builds. Pure and in memory, so this is the whole cost of <c>render</c>
/// and <c>plan</c> before they touch the disk.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private Lab lab = null!;
    private RuntimeSettings settings = null!;

    [Params(10, 100, 1000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var synthetic = SyntheticLab.Create(Services);
        lab = GeneratedLabModel.Load(synthetic);
        // No secret values: each .env gets the secret's variable without a value, which is all the renderer needs here.
        settings = RuntimeSettings.FromLab(lab);

        if (lab.Services.Count != Services)
            throw new InvalidOperationException($"the generated lab has {lab.Services.Count} services, expected {Services}");
        int expectedStacks = synthetic.Services.Select(s => s.Stack).Distinct().Count();
        int renderedStacks = LabRenderer.Render(lab, settings).Servers.Sum(server => server.Stacks.Count);
        if (renderedStacks != expectedStacks)
            throw new InvalidOperationException($"rendering the {Services}-service lab gave {renderedStacks} stacks, expected {expectedStacks}");
    }

    [Benchmark]
    public RenderedLab RenderAllStacks() => LabRenderer.Render(lab, settings);
}
