using System.Reflection;
using EzHomelab.Generators.Extraction;
using EzHomelab.Generators.Syntax;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// The syntactic reader type-checks literal arguments against its own table of our attributes; this keeps that
/// table in step with the public attributes (a new attribute, parameter or property must be added to both).
/// </summary>
public class AttributeShapeTests
{
    private static readonly Dictionary<Type, ParameterType> Types = new()
    {
        [typeof(string)] = ParameterType.String,
        [typeof(int)] = ParameterType.Int,
        [typeof(bool)] = ParameterType.Bool,
        [typeof(string[])] = ParameterType.StringArray,
        [typeof(Type)] = ParameterType.Type,
        [typeof(Access)] = ParameterType.Access,
        [typeof(Restart)] = ParameterType.Restart,
        [typeof(DependencyCondition)] = ParameterType.Condition,
        [typeof(Protocol)] = ParameterType.Protocol,
        [typeof(SecretForm)] = ParameterType.SecretForm,
        [typeof(SecretSupply)] = ParameterType.SecretSupply,
    };

    public static IEnumerable<object[]> Kinds() =>
        Enum.GetNames<AttributeKind>().Where(k => k != nameof(AttributeKind.None)).Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Table_matches_the_public_attribute(string kindName)
    {
        var kind = Enum.Parse<AttributeKind>(kindName);
        var shape = AttributeShape.ForKind(kind);
        Assert.True(shape is not null, $"the syntactic reader has no shape for {kind}");
        var type = kind switch
        {
            AttributeKind.DependsOnGeneric => typeof(DependsOnAttribute<>),
            AttributeKind.EgressGeneric => typeof(EgressAttribute<>),
            _ => typeof(ServiceAttribute).Assembly.GetType("EzHomelab." + kind + "Attribute", throwOnError: true)!,
        };

        var constructor = Assert.Single(type.GetConstructors());
        var parameters = constructor.GetParameters();
        Assert.Equal(parameters.Select(p => (p.Name!, Types[p.ParameterType])), shape!.Parameters);
        Assert.Equal(parameters.Length > 0 && parameters[^1].IsDefined(typeof(ParamArrayAttribute)), shape.LastIsParams);

        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => (p.Name, Types[p.PropertyType]))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        Assert.Equal(settable, shape.Properties.OrderBy(p => p.Name, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(typeof(Access), nameof(ParameterType.Access))]
    [InlineData(typeof(Restart), nameof(ParameterType.Restart))]
    [InlineData(typeof(DependencyCondition), nameof(ParameterType.Condition))]
    [InlineData(typeof(Protocol), nameof(ParameterType.Protocol))]
    [InlineData(typeof(SecretForm), nameof(ParameterType.SecretForm))]
    [InlineData(typeof(SecretSupply), nameof(ParameterType.SecretSupply))]
    public void Enum_members_match(Type enumType, string parameterTypeName)
    {
        var parameterType = Enum.Parse<ParameterType>(parameterTypeName);
        foreach (var name in Enum.GetNames(enumType))
        {
            Assert.True(AttributeShape.TryGetEnumMember(parameterType, enumType.Name, name, out int value), $"{enumType.Name}.{name} is missing");
            Assert.Equal((int)Enum.Parse(enumType, name), value);
        }
        Assert.False(AttributeShape.TryGetEnumMember(parameterType, enumType.Name, "NotAMember", out _));
    }
}
