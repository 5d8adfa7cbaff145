using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Tests.Support;

internal static class Rendered
{
    public static IReadOnlyList<RenderedFile> StackFiles(Lab lab, string stack, RuntimeSettings? settings = null)
    {
        var rendered = LabRenderer.Render(lab, settings ?? RuntimeSettings.FromLab(lab));
        return rendered.Servers.SelectMany(s => s.Stacks).Single(s => s.Name == stack).Files;
    }

    public static string ComposeText(Lab lab, string stack, RuntimeSettings? settings = null) =>
        StackFiles(lab, stack, settings).Single(f => f.RelativePath == "compose.yaml").Content;

    public static string EnvText(Lab lab, string stack, RuntimeSettings? settings = null) =>
        StackFiles(lab, stack, settings).Single(f => f.RelativePath == ".env").Content;

    public static YamlMappingNode Compose(Lab lab, string stack, RuntimeSettings? settings = null) =>
        YamlAccess.Parse(ComposeText(lab, stack, settings));

    public static YamlNode ServiceNode(Lab lab, string stack, string service, RuntimeSettings? settings = null) =>
        Compose(lab, stack, settings).At("services", service);

    /// <summary>KEY=VALUE lines of a rendered .env (values as written, quotes included).</summary>
    public static Dictionary<string, string> EnvLines(string envText) =>
        envText.Split('\n').Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    public static Lab OneStack(params ServiceSpec[] services) => new() { Name = "TestLab", Domain = TestLabs.Domain, Services = services };
}
