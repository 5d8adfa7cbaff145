using System.Reflection;
using System.Runtime.Loader;
using EzHomelab.Model;

namespace EzHomelab.Benchmarks;

/// <summary>
/// The runtime <see cref="Lab"/> exactly as the generated code builds it: the synthetic lab is compiled with the
/// generator, emitted in memory, loaded, and its <c>Definition</c> read — so the render benchmark renders what
/// a real lab would, not a hand-written copy of it.
/// </summary>
public static class GeneratedLabModel
{
    public static Lab Load(SyntheticLab lab)
    {
        var compilation = LabCompilation.Create(lab.Trees, lab.References);
        LabCompilation.CreateDriver(trackSteps: false).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException(
                $"the generated {lab.ServiceCount}-service lab does not compile:{Environment.NewLine}" +
                string.Join(Environment.NewLine, emitted.Diagnostics.Take(20)));

        // EzHomelab itself resolves from the default context, so the Lab type is the one this process uses.
        image.Position = 0;
        var assembly = new AssemblyLoadContext($"synthetic-lab-{lab.ServiceCount}", isCollectible: true).LoadFromStream(image);
        var labClass = assembly.GetType(SyntheticLab.LabClassName)
            ?? throw new InvalidOperationException($"{SyntheticLab.LabClassName} is missing from the compiled lab");
        var definition = labClass.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{SyntheticLab.LabClassName} has no generated public static Definition");
        return definition.GetValue(null) as Lab
            ?? throw new InvalidOperationException($"{SyntheticLab.LabClassName}.Definition is not an {typeof(Lab).FullName}");
    }
}
