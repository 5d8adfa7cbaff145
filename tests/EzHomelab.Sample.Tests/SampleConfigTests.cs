using EzHomelab.Settings;
using EzHomelab.Tests;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Sample.Tests;

/// <summary>
/// The sample's rendered Traefik, Authelia and Homepage files: valid for the official schemas, and consistent with
/// each other where no schema can look (middlewares, lazy groups, dashboard links, login rules, the Docker socket).
/// </summary>
public sealed class SampleConfigTests(RenderedSample sample) : IClassFixture<RenderedSample>
{
    private const string Domain = MyHomelab.HomeLab.BaseDomain;
    private const string SocketProxy = "dockerproxy";

    private string Rendered(string relativePath) => Path.Combine(sample.OutputDirectory, relativePath);

    private YamlMappingNode Yaml(string relativePath)
    {
        var path = Rendered(relativePath);
        Assert.True(File.Exists(path), $"render did not write {relativePath} (exit code {sample.ExitCode}).\n{sample.StandardError}");
        return YamlAccess.Parse(File.ReadAllText(path));
    }

    /// <summary>The schema each rendered configuration file must satisfy; null for files that have no official schema.</summary>
    private static ConfigSchema? SchemaOf(string relativePath) => relativePath switch
    {
        "core/traefik/traefik.yml" => ConfigSchema.TraefikStatic,
        _ when relativePath.StartsWith("core/traefik/dynamic/", StringComparison.Ordinal) => ConfigSchema.TraefikDynamic,
        "core/authelia/configuration.yml" => ConfigSchema.AutheliaConfiguration,
        "core/authelia/users_database.yml" => ConfigSchema.AutheliaUserDatabase,
        _ => null,
    };

    [Fact]
    public void Every_traefik_and_authelia_file_validates_against_its_official_schema()
    {
        var yamlFiles = Directory.GetFiles(sample.OutputDirectory, "*.y*ml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(sample.OutputDirectory, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();
        var checkedFiles = yamlFiles.Where(f => SchemaOf(f) is not null).ToList();
        Assert.Equal(
            ["core/authelia/configuration.yml", "core/authelia/users_database.yml", "core/traefik/dynamic/dashboard.yml",
             "core/traefik/dynamic/external-hosts.yml", "core/traefik/dynamic/middlewares.yml", "core/traefik/dynamic/sablier.yml",
             "core/traefik/dynamic/tls.yml", "core/traefik/traefik.yml"],
            checkedFiles);
        // Everything else is a compose file (checked by SampleRenderTests) or Homepage's, which publishes no schema.
        Assert.All(yamlFiles.Except(checkedFiles), f =>
            Assert.True(f.EndsWith("/compose.yaml", StringComparison.Ordinal) || f.StartsWith("dashboards/homepage/", StringComparison.Ordinal), $"{f} is checked by no schema"));

        var failures = checkedFiles
            .Select(f => (File: f, Errors: SchemaOf(f)!.Errors(File.ReadAllText(Rendered(f)))))
            .Where(r => r.Errors.Count > 0)
            .Select(r => $"{r.File}:\n  {string.Join("\n  ", r.Errors)}");
        Assert.True(!failures.Any(), string.Join('\n', failures));
    }

    // The schema check above can fail: the sample's own files, each with one value of the wrong type, are rejected.
    [Fact]
    public void The_schemas_reject_the_sample_files_with_one_wrong_value()
    {
        var traefik = ComposeSchema.ToJson(Yaml("core/traefik/traefik.yml"))!;
        Assert.Empty(ConfigSchema.TraefikStatic.Errors(traefik));
        traefik["providers"]!["file"]!["watch"] = "yes";
        Assert.NotEmpty(ConfigSchema.TraefikStatic.Errors(traefik));

        var authelia = ComposeSchema.ToJson(Yaml("core/authelia/configuration.yml"))!;
        Assert.Empty(ConfigSchema.AutheliaConfiguration.Errors(authelia));
        authelia["access_control"]!["default_policy"] = "allow_everyone";
        Assert.NotEmpty(ConfigSchema.AutheliaConfiguration.Errors(authelia));
    }

    [Fact]
    public void Every_middleware_a_router_names_is_defined()
    {
        var files = TraefikRenderedFiles.Core(sample.Lab);
        var defined = files.FileMiddlewares();
        var routers = files.Routers();
        Assert.Equal(10, routers.Count);
        foreach (var router in routers)
            foreach (var middleware in router.Middlewares)
                Assert.True(defined.Contains(middleware), $"router {router.Name} ({router.Origin}) names {middleware}; defined: {string.Join(", ", defined)}");
    }

    [Fact]
    public void Every_lazy_group_has_a_middleware_and_every_lazy_router_uses_it()
    {
        var lazy = sample.Lab.Services.Where(s => s.LazyStart is not null).ToDictionary(s => s.Name, s => s.LazyStart!.Group);
        Assert.Equal(["prowlarr", "radarr", "sonarr"], lazy.Keys.Order(StringComparer.Ordinal));

        var middlewares = Yaml("core/traefik/dynamic/sablier.yml").At("http", "middlewares");
        foreach (var group in lazy.Values.Distinct())
        {
            var sablier = middlewares.At($"sablier-{group}", "plugin", "sablier");
            Assert.Equal(group, sablier.At("group").Str());
            Assert.Equal($"http://sablier:10000", sablier.At("sablierUrl").Str());
        }

        foreach (var router in TraefikRenderedFiles.Core(sample.Lab).Routers())
        {
            var starters = router.Middlewares.Where(m => m.StartsWith("sablier-", StringComparison.Ordinal)).ToList();
            if (lazy.TryGetValue(router.Name, out var group))
                Assert.Equal([$"sablier-{group}@file"], starters);
            else
                Assert.True(starters.Count == 0, $"{router.Name} is not lazy but names {string.Join(", ", starters)}");
        }
    }

    [Fact]
    public void Every_homepage_link_is_a_routed_host()
    {
        var routed = TraefikRenderedFiles.Core(sample.Lab).Routers().SelectMany(r => r.Hosts).ToHashSet(StringComparer.Ordinal);
        var services = new YamlStream();
        services.Load(new StringReader(File.ReadAllText(Rendered("dashboards/homepage/services.yaml"))));
        var hrefs = new List<string>();
        // services.yaml: a list of groups, each a one-key mapping to a list of one-key entries.
        foreach (var group in Assert.IsType<YamlSequenceNode>(services.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
            foreach (var entry in group.Children.Values.Cast<YamlSequenceNode>().SelectMany(list => list.Children).Cast<YamlMappingNode>())
                foreach (var fields in entry.Children.Values.Cast<YamlMappingNode>())
                    if (fields.Has("href")) hrefs.Add(fields.At("href").Str());

        Assert.Contains($"https://nas.{Domain}", hrefs);
        Assert.Equal(10, hrefs.Count);
        foreach (var href in hrefs)
        {
            var uri = new Uri(href);
            Assert.Equal("https", uri.Scheme);
            Assert.True(routed.Contains(uri.Host), $"Homepage links to {href}, which no router serves");
        }
    }

    [Fact]
    public void Widgets_read_their_api_keys_through_homepage_file_placeholders()
    {
        var services = new YamlStream();
        services.Load(new StringReader(File.ReadAllText(Rendered("dashboards/homepage/services.yaml"))));
        var widgets = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var group in Assert.IsType<YamlSequenceNode>(services.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
            foreach (var entry in group.Children.Values.Cast<YamlSequenceNode>().SelectMany(list => list.Children).Cast<YamlMappingNode>())
                foreach (var fields in entry.Children.Values.Cast<YamlMappingNode>())
                    if (fields.Has("widget")) widgets.Add(fields.At("widget", "type").Str(), fields.At("widget"));

        Assert.Equal(["jellyfin", "prowlarr", "radarr", "sonarr"], widgets.Keys.Order(StringComparer.Ordinal));
        foreach (var (type, widget) in widgets)
        {
            var variable = "HOMEPAGE_FILE_" + type.ToUpperInvariant() + "_API_KEY";
            Assert.Equal("{{" + variable + "}}", widget.At("key").Str());
            Assert.Equal("/run/secrets/" + type + "-api-key", Yaml("dashboards/compose.yaml").At("services", "homepage", "environment", variable).Str());
        }
        Assert.Equal("http://sonarr:8989", widgets["sonarr"].At("url").Str());
    }

    [Fact]
    public void Every_routed_host_is_matched_by_exactly_one_authelia_rule_with_the_routes_policy()
    {
        var accessControl = Yaml("core/authelia/configuration.yml").At("access_control");
        Assert.Equal("deny", accessControl.At("default_policy").Str());
        var rules = Assert.IsType<YamlSequenceNode>(accessControl.At("rules")).Children.Select(rule =>
        {
            var domain = rule.At("domain");
            return (Domains: domain is YamlSequenceNode ? domain.Strings() : [domain.Str()], Policy: rule.At("policy").Str());
        }).ToList();

        // What the sample declares: the portal and Jellyfin open, everything else (the NAS too) behind two factors.
        var expected = new Dictionary<string, string>
        {
            ["auth"] = "bypass", ["jellyfin"] = "bypass",
            ["dockge"] = "two_factor", ["homepage"] = "two_factor", ["nas"] = "two_factor", ["prowlarr"] = "two_factor",
            ["qbittorrent"] = "two_factor", ["radarr"] = "two_factor", ["sonarr"] = "two_factor", ["traefik"] = "two_factor",
        }.ToDictionary(kv => $"{kv.Key}.{Domain}", kv => kv.Value);

        var hosts = TraefikRenderedFiles.Core(sample.Lab).Routers().Select(r => Assert.Single(r.Hosts)).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), hosts.Order(StringComparer.Ordinal));
        foreach (var host in hosts)
        {
            var matching = rules.Where(r => r.Domains.Any(d => Matches(d, host))).ToList();
            Assert.True(matching.Count == 1, $"{host} is matched by {matching.Count} rules");
            Assert.Equal(expected[host], matching[0].Policy);
        }
    }

    private static bool Matches(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Only_dockge_sablier_and_the_proxy_mount_the_docker_socket()
    {
        var mounting = new List<string>();
        foreach (var compose in sample.AllComposeFiles)
            foreach (var service in compose.ServiceNames)
                if (compose.Service(service).Has("volumes")
                    && compose.Service(service).At("volumes").Strings().Any(v => v.StartsWith("/var/run/docker.sock:", StringComparison.Ordinal)))
                    mounting.Add(service);
        Assert.Equal([SocketProxy, "dockge", "sablier"], mounting.Order(StringComparer.Ordinal));

        // Traefik and Homepage read the Docker API through the proxy instead.
        Assert.Equal($"tcp://{SocketProxy}:2375", Yaml("core/traefik/traefik.yml").At("providers", "docker", "endpoint").Str());
        var docker = Yaml("dashboards/homepage/docker.yaml");
        var entry = Assert.Single(docker.Children.Values);
        Assert.Equal(SocketProxy, entry.At("host").Str());
        Assert.False(entry.Has("socket"));
        // The proxy itself only reads: POST stays off.
        Assert.Equal("0", sample.Compose("infrastructure").Environment(SocketProxy)["POST"]);
    }

    [Fact]
    public void The_compose_file_says_why_each_service_mounts_the_socket()
    {
        string CommentAbove(string service)
        {
            var lines = File.ReadAllLines(Path.Combine(sample.StackDirectory(sample.Lab.FindService(service)!.Stack), "compose.yaml"));
            var at = Array.IndexOf(lines, $"  {service}:");
            Assert.True(at > 0, $"no entry for {service}");
            var comment = lines[..at].Reverse().TakeWhile(l => l.TrimStart().StartsWith('#')).Reverse().Select(l => l.Trim().TrimStart('#').Trim());
            return string.Join(' ', comment);
        }
        Assert.Contains("starts and stops containers", CommentAbove("dockge"));
        Assert.Contains("starts and stops containers", CommentAbove("sablier"));
        Assert.Contains("Traefik and Homepage", CommentAbove(SocketProxy));
        // Services that do not touch the socket carry no such comment.
        var core = File.ReadAllLines(Path.Combine(sample.StackDirectory("core"), "compose.yaml"));
        Assert.DoesNotContain(core, l => l.Contains("Docker socket", StringComparison.Ordinal));
    }

    [Fact]
    public void Duckdns_updates_the_subdomain_of_the_lab_domain()
    {
        Assert.Equal("example", sample.Compose("core").Environment("duckdns")["SUBDOMAINS"]);
    }

    [Fact]
    public async Task An_overridden_domain_changes_the_duckdns_subdomain()
    {
        var folder = Directory.CreateTempSubdirectory("ezh-sample-domain-").FullName;
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var environment = new System.Collections.Hashtable { [RuntimeSettingsLoader.DomainVariable] = "other.duckdns.org" };
            var exit = await Cli.CommandLine.RunAsync(sample.Lab, ["render", "--out", folder], stdout, stderr, environment);
            Assert.True(exit == 0, stderr.ToString());
            var core = new ComposeFile(Path.Combine(folder, "core", "compose.yaml"));
            Assert.Equal("other", core.Environment("duckdns")["SUBDOMAINS"]);
            Assert.Equal("Host(`auth.other.duckdns.org`)", core.Labels("authelia")["traefik.http.routers.authelia.rule"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_subdomains_the_duckdns_class_sets_itself_wins()
    {
        var lab = sample.Lab with
        {
            Services = sample.Lab.Services.Select(s => s.Name == "duckdns"
                ? s with { Environment = [.. s.Environment, new Model.EnvVar("SUBDOMAINS", "mine,other")] }
                : s).ToArray(),
        };
        var core = Rendering.LabRenderer.Render(lab, RuntimeSettings.FromLab(lab)).Servers.Single().Stacks.Single(s => s.Name == "core");
        var compose = YamlAccess.Parse(core.Files.Single(f => f.RelativePath == "compose.yaml").Content);
        Assert.Equal("mine,other", compose.At("services", "duckdns", "environment", "SUBDOMAINS").Str());
    }

    [Theory]
    [InlineData("example.duckdns.org", "example")]
    [InlineData("Home.DuckDNS.org", "home")]
    [InlineData("lab.me.duckdns.org", "me")]
    [InlineData("example.org", null)]
    [InlineData("duckdns.org", null)]
    public void The_duckdns_subdomain_is_the_label_before_duckdns_org(string domain, string? expected) =>
        Assert.Equal(expected, Rendering.Compose.ComposeRenderer.DuckDnsSubdomain(domain));
}
