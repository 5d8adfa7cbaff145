using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators.Tests.Infrastructure;

/// <summary>Emits the output compilation and reads a generated <c>Definition</c> back, so tests see the values C# really produces.</summary>
internal static class LabLoader
{
    /// <param name="dependencies">Images of other test assemblies the output references (loaded into the same context).</param>
    public static object Definition(Compilation output, string typeName, params byte[][] dependencies)
    {
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        // The EzHomelab runtime resolves to the copy the test already loaded, so the model types are the same.
        var context = new AssemblyLoadContext("lab-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        foreach (var dependency in dependencies) context.LoadFromStream(new MemoryStream(dependency));
        var assembly = context.LoadFromStream(stream);
        var type = assembly.GetType(typeName, throwOnError: true)!;
        var property = type.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)!;
        return property.GetValue(null)!;
    }

    public static EzHomelab.Model.ServiceSpec Service(Compilation output, string typeName, params byte[][] dependencies) =>
        (EzHomelab.Model.ServiceSpec)Definition(output, typeName, dependencies);

    public static EzHomelab.Model.Lab Lab(Compilation output, string typeName) => (EzHomelab.Model.Lab)Definition(output, typeName);
}
