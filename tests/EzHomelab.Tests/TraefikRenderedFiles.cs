using System.Text.RegularExpressions;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Tests;

/// <summary>A router as Traefik will see it, read back from a rendered compose label set or dynamic file.</summary>
internal sealed record RenderedRouter(string Name, string Rule, IReadOnlyList<string> Middlewares, string Origin)
{
    public IReadOnlyList<string> Hosts => HostPattern().Matches(Rule).Select(m => m.Groups[1].Value).ToArray();

    private static Regex HostPattern() => new(@"Host\(`([^`]+)`\)");
}

/// <summary>Everything one server renders, parsed back with a real YAML parser, for cross-file checks.</summary>
internal sealed class TraefikRenderedFiles
{
    private readonly Dictionary<string, RenderedFile> _files;

    public TraefikRenderedFiles(Lab lab, RuntimeSettings settings, string server)
    {
        var rendered = LabRenderer.Render(lab, settings).FindServer(server) ?? throw new ArgumentException($"no server {server}");
        _files = rendered.Stacks.SelectMany(stack => stack.Files.Select(f => (Path: stack.Name + "/" + f.RelativePath, File: f)))
            .ToDictionary(x => x.Path, x => x.File);
    }

    public static TraefikRenderedFiles Core(Lab lab, RuntimeSettings? settings = null) =>
        new(lab, settings ?? RuntimeSettings.FromLab(lab), lab.Core.Name);

    public IReadOnlyDictionary<string, RenderedFile> Files => _files;

    public IEnumerable<string> Paths => _files.Keys;

    public bool Has(string path) => _files.ContainsKey(path);

    public string Text(string path) => Assert.Contains(path, (IDictionary<string, RenderedFile>)_files).Content;

    public YamlMappingNode Yaml(string path) => YamlAccess.Parse(Text(path));

    /// <summary>Paths of the dynamic files (file provider), in name order.</summary>
    public IEnumerable<string> DynamicFiles => _files.Keys.Where(p => p.Contains("/traefik/dynamic/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public IEnumerable<string> ComposeFiles => _files.Keys.Where(p => p.EndsWith("/compose.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>Middlewares defined in the dynamic files, as a router of another provider names them (<c>x@file</c>).</summary>
    public HashSet<string> FileMiddlewares() =>
        DynamicFiles.Select(Yaml).Where(y => y.Has("http", "middlewares"))
            .SelectMany(y => y.At("http", "middlewares").Keys())
            .Select(name => name + "@file").ToHashSet(StringComparer.Ordinal);

    /// <summary>Every router: those declared by docker labels and those in the dynamic files.</summary>
    public List<RenderedRouter> Routers()
    {
        var routers = new List<RenderedRouter>();
        foreach (var path in ComposeFiles)
        {
            var compose = Yaml(path);
            foreach (var service in compose.At("services").Keys())
            {
                var node = compose.At("services", service);
                if (!node.Has("labels")) continue;
                var labels = node.At("labels").StringMap();
                if (labels.GetValueOrDefault("traefik.enable") != "true") continue;
                foreach (var key in labels.Keys.Where(k => k.StartsWith("traefik.http.routers.", StringComparison.Ordinal) && k.EndsWith(".rule", StringComparison.Ordinal)))
                {
                    var name = key["traefik.http.routers.".Length..^".rule".Length];
                    var chain = labels.GetValueOrDefault($"traefik.http.routers.{name}.middlewares");
                    routers.Add(new RenderedRouter(name, labels[key], chain is null ? [] : chain.Split(','), $"{path} ({service})"));
                }
            }
        }
        foreach (var path in DynamicFiles)
        {
            var yaml = Yaml(path);
            if (!yaml.Has("http", "routers")) continue;
            foreach (var name in yaml.At("http", "routers").Keys())
            {
                var router = yaml.At("http", "routers", name);
                // A file-provider router may name its own provider's middlewares without the suffix.
                var chain = router.Has("middlewares") ? router.At("middlewares").Strings().Select(m => m.Contains('@') ? m : m + "@file").ToList() : [];
                routers.Add(new RenderedRouter(name, router.At("rule").Str(), chain, path));
            }
        }
        return routers;
    }
}
