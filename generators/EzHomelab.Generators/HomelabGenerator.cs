using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators;

/// <summary>Placeholder so the skeleton builds; replaced by the real pipeline.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class HomelabGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context) { }
}
