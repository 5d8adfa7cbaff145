using EzHomelab.CatalogTests.Support;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Compose;
using EzHomelab.Settings;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.CatalogTests;

/// <summary>
/// Every catalog database sits on an internal network it shares only with the app(s) that depend on it, and joins no
/// lab network: no route out, unreachable from other stacks.
/// </summary>
public class CatalogNetworkTests
{
    private static bool IsDatabase(ServiceSpec s) =>
        s.Image.StartsWith("postgres:", StringComparison.Ordinal) || s.Image.StartsWith("mariadb:", StringComparison.Ordinal) || s.Image.StartsWith("mongo:", StringComparison.Ordinal);

    public static TheoryData<string> Databases() => new(FullLabServices.Lab.Services.Where(IsDatabase).Select(s => s.Name));

    [Fact]
    public void The_catalog_has_databases() => Assert.True(FullLabServices.Lab.Services.Count(IsDatabase) >= 7);

    [Theory, MemberData(nameof(Databases))]
    public void A_database_is_confined_to_internal_networks_shared_only_with_its_apps(string name)
    {
        var lab = FullLabServices.Lab;
        var db = FullLabServices.Get(name);
        Assert.NotEmpty(db.Networks);
        Assert.Equal(db.Networks, db.InternalNetworks);
        Assert.True(ComposeRenderer.IsConfined(lab, db), $"{name} would join a lab network");
        var apps = lab.Services.Where(s => s.DependsOn.Any(d => d.Service == name)).Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(apps);
        var sharing = lab.Services.Where(s => s != db && s.Networks.Intersect(db.Networks).Any()).Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(apps, sharing);
    }

    [Theory, MemberData(nameof(Databases))]
    public void The_rendered_stack_declares_the_database_network_internal(string name)
    {
        var lab = FullLabServices.Lab;
        var db = FullLabServices.Get(name);
        var rendered = LabRenderer.Render(lab, RuntimeSettings.FromLab(lab));
        var text = rendered.Servers.SelectMany(s => s.Stacks).Single(s => s.Name == db.Stack).Files.Single(f => f.RelativePath == "compose.yaml").Content;
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var service = (YamlMappingNode)((YamlMappingNode)root["services"])[name];
        Assert.Equal(db.Networks, ((YamlSequenceNode)service["networks"]).Select(n => ((YamlScalarNode)n).Value));
        foreach (var network in db.Networks)
            Assert.Equal("true", ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)root["networks"])[network])["internal"]).Value);
    }
}
