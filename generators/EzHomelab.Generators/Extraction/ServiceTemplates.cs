using EzHomelab.Generators.Emission;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators.Extraction;

/// <summary>
/// The generated <c>Template</c> of an abstract service class (a catalog class): the service its attributes describe, as
/// a <c>ServiceSpec</c>. A lab class deriving from one in a referenced assembly gets its <c>Definition</c> as
/// <c>Base.Template with { … }</c>, only its differences written out, instead of the whole spec again — a catalog lab's
/// generated code is then a few lines per service, which is what its build pays to compile.
/// <para>
/// The derived class's generator rebuilds the base's spec from the base's attributes to know what differs, so it uses a
/// template only if the same version of this generator wrote it: another version may merge or default differently.
/// </para>
/// </summary>
internal static class ServiceTemplates
{
    public const string MemberName = "Template";

    private const string GeneratedCode = "System.CodeDom.Compiler.GeneratedCodeAttribute";

    /// <summary>The class is abstract and itself declares a static <c>Template</c> that this version of the generator emitted.</summary>
    public static bool HasUsableTemplate(INamedTypeSymbol type)
    {
        if (!type.IsAbstract) return false;
        foreach (var member in type.GetMembers(MemberName))
        {
            if (member is not IPropertySymbol { IsStatic: true } property) continue;
            foreach (var attribute in property.GetAttributes())
                if (attribute.AttributeClass?.ToDisplayString() == GeneratedCode
                    && attribute.ConstructorArguments.Length == 2
                    && attribute.ConstructorArguments[0].Value as string == GeneratedFile.Tool
                    && attribute.ConstructorArguments[1].Value as string == GeneratedFile.Version)
                    return true;
        }
        return false;
    }
}
