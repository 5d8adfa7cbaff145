using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rules;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary><c>[ExternalHost]</c>: a router per host in the core Traefik's <c>external-hosts.yml</c>, an Authelia rule, a Homepage entry.</summary>
public class ExternalHostTests
{
    private const string ExternalFile = "core/traefik/dynamic/external-hosts.yml";

    private static TraefikRenderedFiles CoreFiles() => TraefikRenderedFiles.Core(CoreTestLab.Lab());

    [Fact]
    public void External_hosts_file_validates_against_the_file_provider_schema()
    {
        var text = CoreFiles().Text(ExternalFile);
        Assert.Empty(ConfigSchema.TraefikDynamic.Errors(text));
        // Guards the check itself: the same file with a misspelt key is rejected.
        Assert.NotEmpty(ConfigSchema.TraefikDynamic.Errors(text.Replace("loadBalancer:", "loadBalancers:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Each_host_gets_a_websecure_router_with_the_certificate_and_a_service_on_its_lan_url()
    {
        var yaml = CoreFiles().Yaml(ExternalFile);
        Assert.Equal(["external-nas", "external-router", "external-status"], yaml.At("http", "routers").Keys());
        var expected = new Dictionary<string, (string Url, string[] Chain)>
        {
            ["nas"] = ("http://192.168.1.10:5000", ["authelia@file", "security-headers@file"]),
            ["router"] = ("https://192.168.1.1", ["authelia@file", "security-headers@file"]),
            ["status"] = ("http://192.168.1.30:3001/", ["security-headers@file"]),
        };
        foreach (var (subdomain, (url, chain)) in expected)
        {
            var router = yaml.At("http", "routers", "external-" + subdomain);
            Assert.Equal($"Host(`{subdomain}.{Domain}`)", router.At("rule").Str());
            Assert.Equal(["websecure"], router.At("entryPoints").Strings());
            Assert.Equal("letsencrypt", router.At("tls", "certResolver").Str());
            Assert.Equal(chain, router.At("middlewares").Strings());
            var service = router.At("service").Str();
            var servers = Assert.IsType<YamlSequenceNode>(yaml.At("http", "services", service, "loadBalancer", "servers"));
            Assert.Equal(url, Assert.Single(servers.Children).At("url").Str());
        }
    }

    [Fact]
    public void Every_middleware_an_external_router_names_is_defined()
    {
        var files = CoreFiles();
        var defined = files.FileMiddlewares();
        var routers = files.Routers().Where(r => r.Origin == ExternalFile).ToList();
        Assert.Equal(3, routers.Count);
        foreach (var router in routers)
            Assert.All(router.Middlewares, m => Assert.Contains(m, defined));
    }

    [Fact]
    public void Authelia_has_one_rule_per_external_host_with_its_policy()
    {
        var lab = CoreTestLab.Lab();
        var config = YamlAccess.Parse(LabRenderer.Render(lab, RuntimeSettings.FromLab(lab)).Servers[0].Stacks
            .Single(s => s.Name == "core").Files.Single(f => f.RelativePath == "authelia/configuration.yml").Content);
        var rules = Assert.IsType<YamlSequenceNode>(config.At("access_control", "rules")).Children
            .Select(r => (Domains: r.At("domain").Strings(), Policy: r.At("policy").Str())).ToList();
        foreach (var (host, policy) in new[] { ($"nas.{Domain}", "two_factor"), ($"router.{Domain}", "one_factor"), ($"status.{Domain}", "bypass") })
        {
            var rule = Assert.Single(rules, r => r.Domains.Contains(host));
            Assert.Equal(policy, rule.Policy);
            Assert.Single(rule.Domains);
        }
    }

    [Fact]
    public void Homepage_lists_hosts_with_a_dashboard_group_and_no_container()
    {
        var services = CoreFiles().Text("dashboards/homepage/services.yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(services));
        var groups = Assert.IsType<YamlSequenceNode>(stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>()
            .ToDictionary(g => ((YamlScalarNode)g.Children.Single().Key).Value!, g => Assert.IsType<YamlSequenceNode>(g.Children.Single().Value));
        var network = Assert.Contains("Network", groups);
        var nas = Assert.Single(network.Children).At("NAS");
        Assert.Equal($"https://nas.{Domain}", nas.At("href").Str());
        Assert.Equal("synology.png", nas.At("icon").Str());
        Assert.Equal("Files", nas.At("description").Str());
        Assert.False(nas.Has("container"));
        // Without a dashboard group a host stays off the dashboard.
        Assert.DoesNotContain("router", services, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_external_hosts_no_file_is_rendered()
    {
        Assert.DoesNotContain(ExternalFile, TraefikRenderedFiles.Core(Rich()).Paths);
    }

    [Fact]
    public void Only_the_core_traefik_serves_external_hosts()
    {
        var lab = CoreTestLab.Lab() with
        {
            Servers = [new ServerSpec("core"), new ServerSpec("nas", "192.168.1.100")],
            Services = [.. CoreTestLab.Lab().Services, Service("traefik-nas", "edge", "traefik:v3.3.4") with { Server = "nas" }],
        };
        var settings = RuntimeSettings.FromLab(lab);
        Assert.Contains(ExternalFile, new TraefikRenderedFiles(lab, settings, "core").Paths);
        var nas = new TraefikRenderedFiles(lab, settings, "nas");
        Assert.Contains("edge/traefik/dynamic/dashboard.yml", nas.Paths);
        Assert.DoesNotContain(nas.Paths, p => p.EndsWith("external-hosts.yml", StringComparison.Ordinal));
    }

    [Fact]
    public void Lab_routes_include_external_hosts_with_the_lab_default_access()
    {
        var routes = LabRoutes.All(CoreTestLab.Lab(), Domain).Where(r => r.External is not null).ToList();
        Assert.Equal(["external-nas", "external-router", "external-status"], routes.Select(r => r.Router));
        Assert.Equal([Access.TwoFactor, Access.OneFactor, Access.Bypass], routes.Select(r => r.Access));
        Assert.All(routes, r => Assert.Null(r.Service));
    }

    [Theory]
    [InlineData("NAS", "http://192.168.1.10:5000", "[ExternalHost(\"NAS\")] on ExtLab: the subdomain must be a lower-case DNS label")]
    [InlineData("nas", "192.168.1.10:5000", "[ExternalHost(\"nas\")] on ExtLab: url '192.168.1.10:5000' must be an absolute http:// or https:// URL")]
    [InlineData("nas", "ftp://192.168.1.10", "url 'ftp://192.168.1.10' must be an absolute")]
    [InlineData("app", "http://192.168.1.10", "[ExternalHost(\"app\")] on ExtLab: host 'app' is already routed")]
    public void Bad_external_hosts_are_refused_before_anything_is_written(string subdomain, string url, string message)
    {
        var lab = new Lab
        {
            Name = "ExtLab",
            Domain = Domain,
            ExternalHosts = [new ExternalHostSpec(subdomain, url)],
            Services = [Service("app", "apps") with { Route = new RouteSpec(80, "app") }],
        };
        var root = Path.Combine(Path.GetTempPath(), "ezh-ext-" + Guid.NewGuid().ToString("N"));
        var run = CliRun.Invoke(lab, null, "render", "--out", root);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Two_external_hosts_on_one_subdomain_are_refused()
    {
        var lab = new Lab
        {
            Name = "ExtLab",
            Domain = Domain,
            ExternalHosts = [new ExternalHostSpec("nas", "http://192.168.1.10"), new ExternalHostSpec("nas", "http://192.168.1.11")],
        };
        Assert.Equal(["[ExternalHost(\"nas\")] on ExtLab: host 'nas' is already routed by another route"], LabRoutes.Problems(lab));
    }

    [Theory]
    [InlineData("http://192.168.1.10:5000", true)]
    [InlineData("https://proxmox.lan:8006/", true)]
    [InlineData("http://nas", true)]
    [InlineData("192.168.1.10:5000", false)]
    [InlineData("ftp://nas", false)]
    [InlineData("http://nas/`) || Host(`evil", false)]
    [InlineData("http://", false)]
    [InlineData("", false)]
    public void External_urls_are_absolute_http_urls(string url, bool valid) =>
        Assert.Equal(valid, ExternalUrl.IsValid(url));
}
