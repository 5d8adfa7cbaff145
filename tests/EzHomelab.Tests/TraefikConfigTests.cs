using System.Text.Json.Nodes;
using EzHomelab.Model;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

public class TraefikConfigTests
{
    private const string StaticPath = "core/traefik/traefik.yml";

    public static TheoryData<string> Labs() => new("rich", "core", "two-server", "lan-only");

    internal static Lab LabNamed(string name) => name switch
    {
        "rich" => Rich(),
        "core" => CoreTestLab.Lab(),
        "two-server" => MultiServer(),
        "lan-only" => LanOnlyAccessTests.LanLab(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Labs))]
    public void Static_config_validates_against_the_official_schema(string lab)
    {
        var files = TraefikRenderedFiles.Core(LabNamed(lab));
        Assert.Empty(ConfigSchema.TraefikStatic.Errors(files.Text(StaticPath)));
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_dynamic_file_validates_against_the_file_provider_schema(string lab)
    {
        var files = TraefikRenderedFiles.Core(LabNamed(lab));
        Assert.NotEmpty(files.DynamicFiles);
        foreach (var path in files.DynamicFiles)
            Assert.True(ConfigSchema.TraefikDynamic.Errors(files.Text(path)) is { Count: 0 } errors, $"{path}: {string.Join("; ", ConfigSchema.TraefikDynamic.Errors(files.Text(path)))}");
    }

    [Fact]
    public void The_schemas_reject_a_misspelt_key_and_a_wrong_type()
    {
        var files = TraefikRenderedFiles.Core(CoreTestLab.Lab());

        var misspelt = ComposeSchema.ToJson(files.Yaml(StaticPath))!;
        misspelt["entryPoints"]!["web"]!["adress"] = ":80";
        Assert.NotEmpty(ConfigSchema.TraefikStatic.Errors(misspelt));

        var wrongType = ComposeSchema.ToJson(files.Yaml(StaticPath))!;
        wrongType["providers"]!["file"]!["watch"] = "yes";
        Assert.NotEmpty(ConfigSchema.TraefikStatic.Errors(wrongType));

        var badMiddleware = ComposeSchema.ToJson(files.Yaml("core/traefik/dynamic/middlewares.yml"))!;
        badMiddleware["http"]!["middlewares"]!["security-headers"]!["headers"]!["stsSeconds"] = "a year";
        Assert.NotEmpty(ConfigSchema.TraefikDynamic.Errors(badMiddleware));
    }

    [Fact]
    public void Entry_points_redirect_web_to_websecure_with_a_wildcard_certificate()
    {
        var config = TraefikRenderedFiles.Core(CoreTestLab.Lab()).Yaml(StaticPath);
        Assert.Equal(":80", config.At("entryPoints", "web", "address").Str());
        var redirect = config.At("entryPoints", "web", "http", "redirections", "entryPoint");
        Assert.Equal("websecure", redirect.At("to").Str());
        Assert.Equal("https", redirect.At("scheme").Str());
        Assert.Equal("true", redirect.At("permanent").Str());

        Assert.Equal(":443", config.At("entryPoints", "websecure", "address").Str());
        var tls = config.At("entryPoints", "websecure", "http", "tls");
        Assert.Equal("letsencrypt", tls.At("certResolver").Str());
        var domain = Assert.IsType<YamlDotNet.RepresentationModel.YamlSequenceNode>(tls.At("domains")).Children.Single();
        Assert.Equal(Domain, domain.At("main").Str());
        Assert.Equal(["*." + Domain], domain.At("sans").Strings());
    }

    [Fact]
    public void Acme_uses_the_duckdns_dns_challenge_with_the_lab_email_and_no_token()
    {
        var lab = CoreTestLab.Lab();
        var text = TraefikRenderedFiles.Core(lab, CoreTestLab.WithSecrets(lab)).Text(StaticPath);
        var acme = YamlAccess.Parse(text).At("certificatesResolvers", "letsencrypt", "acme");
        Assert.Equal("me@example.org", acme.At("email").Str());
        Assert.Equal("/letsencrypt/acme.json", acme.At("storage").Str());
        Assert.Equal("duckdns", acme.At("dnsChallenge", "provider").Str());
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_an_email_the_acme_account_has_none()
    {
        var lab = CoreTestLab.Lab() with { Email = null };
        var acme = TraefikRenderedFiles.Core(lab).Yaml(StaticPath).At("certificatesResolvers", "letsencrypt", "acme");
        Assert.False(acme.Has("email"));
        Assert.Empty(ConfigSchema.TraefikStatic.Errors(TraefikRenderedFiles.Core(lab).Text(StaticPath)));
    }

    [Fact]
    public void Docker_provider_goes_through_the_socket_proxy_when_there_is_one()
    {
        var withProxy = TraefikRenderedFiles.Core(CoreTestLab.Lab()).Yaml(StaticPath).At("providers", "docker");
        Assert.Equal("tcp://docker-socket-proxy:2375", withProxy.At("endpoint").Str());
        Assert.Equal("false", withProxy.At("exposedByDefault").Str());
        Assert.Equal("traefik-network", withProxy.At("network").Str());

        Assert.DoesNotContain(Rendered.ServiceNode(CoreTestLab.Lab(), "core", "traefik").At("volumes").Strings(), v => v.Contains("docker.sock", StringComparison.Ordinal));

        var withoutProxy = TraefikRenderedFiles.Core(Rich()).Yaml(StaticPath).At("providers", "docker");
        Assert.Equal("unix:///var/run/docker.sock", withoutProxy.At("endpoint").Str());
        Assert.Contains("/var/run/docker.sock:/var/run/docker.sock:ro", Rendered.ServiceNode(Rich(), "core", "traefik").At("volumes").Strings());
    }

    [Fact]
    public void File_provider_watches_the_mounted_dynamic_folder_and_the_dashboard_is_not_insecure()
    {
        var config = TraefikRenderedFiles.Core(CoreTestLab.Lab()).Yaml(StaticPath);
        Assert.Equal("/etc/traefik/dynamic", config.At("providers", "file", "directory").Str());
        Assert.Equal("true", config.At("providers", "file", "watch").Str());
        Assert.Equal("true", config.At("api", "dashboard").Str());
        Assert.False(config.Has("api", "insecure"));
        Assert.Equal("INFO", config.At("log", "level").Str());
        Assert.True(config.Has("accessLog"));
    }

    [Fact]
    public void Sablier_plugin_is_declared_only_when_a_service_is_lazy()
    {
        var lazy = TraefikRenderedFiles.Core(CoreTestLab.Lab());
        var plugin = lazy.Yaml(StaticPath).At("experimental", "plugins", "sablier");
        Assert.Equal("github.com/sablierapp/sablier-traefik-plugin", plugin.At("moduleName").Str());
        Assert.Matches(@"^v\d+\.\d+\.\d+$", plugin.At("version").Str());
        Assert.True(lazy.Has("core/traefik/dynamic/sablier.yml"));

        var eager = CoreTestLab.Lab() is var lab ? lab with { Services = lab.Services.Select(s => s with { LazyStart = null }).ToArray() } : null!;
        var eagerFiles = TraefikRenderedFiles.Core(eager);
        Assert.False(eagerFiles.Yaml(StaticPath).Has("experimental"));
        Assert.False(eagerFiles.Has("core/traefik/dynamic/sablier.yml"));
    }

    [Fact]
    public void Middlewares_file_holds_forward_auth_and_security_headers()
    {
        var middlewares = TraefikRenderedFiles.Core(CoreTestLab.Lab()).Yaml("core/traefik/dynamic/middlewares.yml").At("http", "middlewares");
        var forwardAuth = middlewares.At("authelia", "forwardAuth");
        Assert.Equal("http://authelia:9091/api/authz/forward-auth", forwardAuth.At("address").Str());
        Assert.Equal("true", forwardAuth.At("trustForwardHeader").Str());
        Assert.Equal(["Remote-User", "Remote-Groups", "Remote-Email", "Remote-Name"], forwardAuth.At("authResponseHeaders").Strings());

        var headers = middlewares.At("security-headers", "headers");
        Assert.Equal("31536000", headers.At("stsSeconds").Str());
        foreach (var flag in new[] { "stsIncludeSubdomains", "stsPreload", "contentTypeNosniff", "frameDeny", "browserXssFilter" })
            Assert.Equal("true", headers.At(flag).Str());
        Assert.Equal("strict-origin-when-cross-origin", headers.At("referrerPolicy").Str());
    }

    [Fact]
    public void Tls_options_require_tls_1_2()
    {
        var tls = TraefikRenderedFiles.Core(CoreTestLab.Lab()).Yaml("core/traefik/dynamic/tls.yml");
        Assert.Equal("VersionTLS12", tls.At("tls", "options", "default", "minVersion").Str());
    }

    [Fact]
    public void Sablier_middlewares_carry_url_group_duration_and_display_name()
    {
        var middlewares = TraefikRenderedFiles.Core(CoreTestLab.Lab()).Yaml("core/traefik/dynamic/sablier.yml").At("http", "middlewares");
        Assert.Equal(["sablier-arr", "sablier-docs"], middlewares.Keys());
        var arr = middlewares.At("sablier-arr", "plugin", "sablier");
        Assert.Equal("http://sablier:10000", arr.At("sablierUrl").Str());
        Assert.Equal("arr", arr.At("group").Str());
        Assert.Equal("10m", arr.At("sessionDuration").Str());
        Assert.Equal("Media management", arr.At("dynamic", "displayName").Str());
        Assert.Equal("docs", middlewares.At("sablier-docs", "plugin", "sablier", "dynamic", "displayName").Str());
    }

    [Fact]
    public void Dashboard_is_a_file_router_on_api_internal_behind_login()
    {
        var router = TraefikRenderedFiles.Core(CoreTestLab.Lab()).Yaml("core/traefik/dynamic/dashboard.yml").At("http", "routers", "traefik-dashboard");
        Assert.Equal($"Host(`traefik.{Domain}`)", router.At("rule").Str());
        Assert.Equal("api@internal", router.At("service").Str());
        Assert.Equal(["websecure"], router.At("entryPoints").Strings());
        Assert.Equal(["authelia@file", "security-headers@file"], router.At("middlewares").Strings());
        Assert.Equal("letsencrypt", router.At("tls", "certResolver").Str());
    }

    [Fact]
    public void A_routed_traefik_gets_its_dashboard_on_its_own_host_and_no_label_router()
    {
        var files = TraefikRenderedFiles.Core(Rich());
        var router = files.Yaml("core/traefik/dynamic/dashboard.yml").At("http", "routers", "traefik-dashboard");
        Assert.Equal($"Host(`traefik.{Domain}`)", router.At("rule").Str());
        var labels = Rendered.ServiceNode(Rich(), "core", "traefik").At("labels").StringMap();
        Assert.DoesNotContain(labels.Keys, k => k.StartsWith("traefik.http.", StringComparison.Ordinal));
        Assert.Single(files.Routers(), r => r.Hosts.Contains($"traefik.{Domain}"));
    }

    [Fact]
    public void Traefik_mounts_the_rendered_config_read_only_unless_the_service_mounts_it_itself()
    {
        var traefik = Rendered.ServiceNode(CoreTestLab.Lab(), "core", "traefik");
        var volumes = traefik.At("volumes").Strings();
        Assert.Contains("./traefik:/etc/traefik:ro", volumes);
        Assert.Contains("./traefik/letsencrypt:/letsencrypt", volumes);
        Assert.Contains("traefik-network", traefik.At("networks").Strings());

        // The rich lab mounts ./traefik at /etc/traefik itself: its own mount stays, no second one is added.
        var rich = Rendered.ServiceNode(Rich(), "core", "traefik").At("volumes").Strings();
        Assert.Single(rich, v => v.Split(':')[1] == "/etc/traefik");
        Assert.Contains("./traefik:/etc/traefik", rich);
    }

    [Fact]
    public void Files_land_in_the_traefik_stack_and_only_on_servers_that_run_traefik()
    {
        var rendered = Rendering.LabRenderer.Render(MultiServer(), RuntimeSettings.FromLab(MultiServer()));
        var core = rendered.FindServer("core")!.Stacks.Single(s => s.Name == "core").Files.Select(f => f.RelativePath).ToList();
        Assert.Contains("traefik/traefik.yml", core);
        Assert.Contains("traefik/dynamic/middlewares.yml", core);
        Assert.DoesNotContain(rendered.FindServer("nas")!.Stacks.SelectMany(s => s.Files), f => f.RelativePath.StartsWith("traefik/", StringComparison.Ordinal));
        Assert.All(rendered.Servers.SelectMany(s => s.Stacks).Where(s => s.Name != "core").SelectMany(s => s.Files),
            f => Assert.DoesNotContain("traefik/", f.RelativePath));
    }

    [Fact]
    public void Core_services_are_recognised_by_image_repository_whatever_the_registry_prefix_and_tag()
    {
        Assert.Equal("traefik", EzHomelab.Rules.KnownImages.Repository("docker.io/library/traefik:v3.3.4"));
        Assert.Equal("authelia/authelia", EzHomelab.Rules.KnownImages.Repository("authelia/authelia:4.39.1@sha256:0123"));
        Assert.Equal("lscr.io/linuxserver/duckdns", EzHomelab.Rules.KnownImages.Repository("lscr.io/linuxserver/duckdns:version-aad9dc1f"));
        Assert.Equal("registry.local:5000/traefik", EzHomelab.Rules.KnownImages.Repository("registry.local:5000/traefik"));

        var core = Rendering.CoreServices.On(CoreTestLab.Lab(), CoreTestLab.Lab().Core);
        Assert.Equal(
            ["traefik", "authelia", "docker-socket-proxy", "sablier", "homepage", "duckdns", "gluetun"],
            new[] { core.Traefik, core.Authelia, core.SocketProxy, core.Sablier, core.Homepage, core.DuckDns, core.Gluetun }.Select(s => s?.Name));
    }

    [Fact]
    public void The_overridden_domain_is_used_everywhere_and_the_lab_constant_nowhere()
    {
        const string other = "lab.example.net";
        var lab = CoreTestLab.Lab();
        var files = TraefikRenderedFiles.Core(lab, RuntimeSettings.FromLab(lab, other));
        var tls = files.Yaml(StaticPath).At("entryPoints", "websecure", "http", "tls", "domains");
        var domain = Assert.IsType<YamlDotNet.RepresentationModel.YamlSequenceNode>(tls).Children.Single();
        Assert.Equal(other, domain.At("main").Str());
        Assert.Equal(["*." + other], domain.At("sans").Strings());
        foreach (var (path, file) in files.Files)
            Assert.False(file.Content.Contains(Domain, StringComparison.Ordinal), $"{path} still names {Domain}");
        Assert.All(files.Routers().SelectMany(r => r.Hosts), host => Assert.EndsWith("." + other, host));
    }
}
