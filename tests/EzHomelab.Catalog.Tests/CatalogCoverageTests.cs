using System.Reflection;

namespace EzHomelab.CatalogTests;

/// <summary>
/// The catalog's shape: every template is abstract, names its service, pins its image, and samples/FullLab derives
/// exactly one service from each, so every other catalog test (which walks FullLab) covers the whole catalog.
/// </summary>
public sealed class CatalogCoverageTests
{
    private static readonly Type[] Templates = typeof(EzHomelab.Catalog).GetNestedTypes(BindingFlags.Public)
        .Where(t => t.GetCustomAttribute<ServiceAttribute>(inherit: false) is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> TemplateNames() => new(Templates.Select(t => t.Name));

    [Fact]
    public void The_catalog_has_templates() => Assert.NotEmpty(Templates);

    [Theory, MemberData(nameof(TemplateNames))]
    public void A_template_is_abstract_and_names_its_service(string template)
    {
        var type = Templates.Single(t => t.Name == template);
        Assert.True(type.IsAbstract, $"Catalog.{template} must be abstract: a template is a service only through a lab's class");
        var service = type.GetCustomAttribute<ServiceAttribute>(inherit: false)!;
        Assert.False(string.IsNullOrEmpty(service.Name), $"Catalog.{template} must set [Service(Name = ...)]");
    }

    [Theory, MemberData(nameof(TemplateNames))]
    public void FullLab_derives_exactly_one_service_from_each_template(string template)
    {
        var type = Templates.Single(t => t.Name == template);
        var derived = typeof(FullLab.Lab).Assembly.GetTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t)).ToArray();
        Assert.True(derived.Length == 1, $"samples/FullLab has {derived.Length} classes deriving from Catalog.{template}: {string.Join(", ", derived.Select(d => d.Name))}");
        Assert.Contains(FullLab.Lab.Definition.Services, s => s.ClassName == derived[0].FullName);
    }

    [Fact]
    public void Every_FullLab_service_pins_its_image_to_a_version()
    {
        var unpinned = FullLab.Lab.Definition.Services
            .Where(s => !IsPinned(s.Image))
            .Select(s => $"{s.Name}: {s.Image}")
            .ToArray();
        Assert.True(unpinned.Length == 0, "images without a version tag: " + string.Join("; ", unpinned));
    }

    /// <summary>A tag that names a version: present, not <c>latest</c>, not a variable (digests also count as pinned).</summary>
    private static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal)) return true;
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.IndexOf(':');
        if (colon < 0) return false;
        var tag = lastSegment[(colon + 1)..];
        return tag.Length > 0 && tag != "latest" && !tag.Contains('$') && tag.Any(char.IsDigit);
    }
}
