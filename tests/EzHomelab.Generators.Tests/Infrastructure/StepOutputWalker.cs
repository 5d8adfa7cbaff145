using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators.Tests.Infrastructure;

/// <summary>
/// Walks a pipeline step's output through every field, property and collection, failing on any compiler object
/// that would keep a compilation alive or break caching (symbols, syntax, semantic models, locations…).
/// </summary>
internal static class StepOutputWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Compilation),
        typeof(AttributeData), typeof(Location), typeof(SyntaxReference), typeof(TypedConstant),
    };

    public static void AssertNoCompilerObjects(object? value, string path)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(value, path, visited, 0);
    }

    private static void Walk(object? value, string path, HashSet<object> visited, int depth)
    {
        if (value is null) return;
        var type = value.GetType();
        foreach (var forbidden in Forbidden)
            Assert.False(forbidden.IsAssignableFrom(type), $"step output holds a {forbidden.Name} ({type.FullName}) at {path}");
        if (type.IsPrimitive || type.IsEnum || value is string || value is decimal || value is Type || value is Delegate) return;
        Assert.True(depth < 64, $"step output nests deeper than 64 levels at {path}");
        if (!type.IsValueType && !visited.Add(value)) return;

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items) Walk(item, $"{path}[{i++}]", visited, depth + 1);
        }
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                Walk(field.GetValue(value), path + "." + field.Name, visited, depth + 1);
            }
        }
    }
}
