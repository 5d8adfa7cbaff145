using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Authelia;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

public class AutheliaConfigTests
{
    private const string ConfigPath = "core/authelia/configuration.yml";

    public static TheoryData<string> Labs() => TraefikConfigTests.Labs();

    private static YamlMappingNode Config(Lab lab, RuntimeSettings? settings = null) =>
        TraefikRenderedFiles.Core(lab, settings).Yaml(ConfigPath);

    [Theory]
    [MemberData(nameof(Labs))]
    public void Configuration_validates_against_the_official_4_39_schema(string lab)
    {
        var text = TraefikRenderedFiles.Core(TraefikConfigTests.LabNamed(lab)).Text(ConfigPath);
        Assert.Empty(ConfigSchema.AutheliaConfiguration.Errors(text));
    }

    [Fact]
    public void The_schema_rejects_an_unknown_policy_and_a_legacy_key()
    {
        var json = ComposeSchema.ToJson(Config(CoreTestLab.Lab()))!;
        json["access_control"]!["default_policy"] = "allow";
        Assert.NotEmpty(ConfigSchema.AutheliaConfiguration.Errors(json));

        var legacy = ComposeSchema.ToJson(Config(CoreTestLab.Lab()))!;
        legacy["server"]!["port"] = 9091;   // 4.37's key, replaced by server.address
        Assert.NotEmpty(ConfigSchema.AutheliaConfiguration.Errors(legacy));
    }

    [Fact]
    public void Layout_is_the_4_39_one_with_local_storage_and_a_file_notifier()
    {
        var config = Config(CoreTestLab.Lab());
        Assert.Equal("tcp://:9091/", config.At("server", "address").Str());
        Assert.Equal("info", config.At("log", "level").Str());
        Assert.Equal(Domain, config.At("totp", "issuer").Str());
        Assert.True(config.Has("identity_validation", "reset_password"));
        Assert.Equal("/config/users_database.yml", config.At("authentication_backend", "file", "path").Str());
        Assert.Equal("argon2", config.At("authentication_backend", "file", "password", "algorithm").Str());
        Assert.Equal("argon2id", config.At("authentication_backend", "file", "password", "argon2", "variant").Str());
        Assert.Equal("/config/db.sqlite3", config.At("storage", "local", "path").Str());
        Assert.Equal("/config/notification.txt", config.At("notifier", "filesystem", "filename").Str());
        Assert.True(config.Has("regulation", "max_retries"));
    }

    [Fact]
    public void No_secret_key_is_written_inline()
    {
        var config = Config(CoreTestLab.Lab());
        Assert.False(config.Has("identity_validation", "reset_password", "jwt_secret"));
        Assert.False(config.Has("session", "secret"));
        Assert.False(config.Has("storage", "encryption_key"));
        Assert.False(config.Has("jwt_secret"));
    }

    [Fact]
    public void Session_cookie_covers_the_domain_with_the_portal_and_landing_urls()
    {
        var cookie = Assert.IsType<YamlSequenceNode>(Config(CoreTestLab.Lab()).At("session", "cookies")).Children.Single();
        Assert.Equal(Domain, cookie.At("domain").Str());
        Assert.Equal($"https://auth.{Domain}", cookie.At("authelia_url").Str());
        Assert.Equal($"https://home.{Domain}", cookie.At("default_redirection_url").Str());

        // Without a routed start page, a login without a target lands on the bare domain.
        var rich = Assert.IsType<YamlSequenceNode>(Config(Rich()).At("session", "cookies")).Children.Single();
        Assert.Equal($"https://{Domain}", rich.At("default_redirection_url").Str());
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_routed_host_is_matched_by_exactly_one_rule_whose_policy_is_the_routes_access(string labName)
    {
        var lab = TraefikConfigTests.LabNamed(labName);
        var settings = RuntimeSettings.FromLab(lab);
        var rules = Rules(Config(lab, settings));
        Assert.Equal("deny", Config(lab, settings).At("access_control", "default_policy").Str());

        var routers = lab.Servers.SelectMany(s => new TraefikRenderedFiles(lab, settings, s.Name).Routers()).ToList();
        Assert.NotEmpty(routers);
        foreach (var router in routers)
        {
            var host = Assert.Single(router.Hosts);
            var matching = rules.Where(r => r.Domains.Any(d => Matches(d, host))).ToList();
            var rule = Assert.Single(matching);
            var (policy, lanOnly) = ExpectedPolicy(lab, router.Name, host);
            Assert.Equal(policy, rule.Policy);
            Assert.Equal(lanOnly ? lab.LanNetworks : null, rule.Networks);
            // What Traefik does and what Authelia enforces agree: login middleware iff the rule is not an unconditional
            // bypass (Authelia decides a LAN-only host by the client's network).
            Assert.Equal(rule.Policy != "bypass" || rule.Networks is not null, router.Middlewares.Contains("authelia@file"));
        }
    }

    [Fact]
    public void Rules_run_bypass_then_two_factor_then_one_factor_with_one_host_each()
    {
        var rules = Rules(Config(CoreTestLab.Lab()));
        Assert.All(rules, r => Assert.Single(r.Domains));
        var policies = rules.Select(r => r.Policy).ToList();
        Assert.Equal(policies.OrderBy(p => p switch { "bypass" => 0, "two_factor" => 1, _ => 2 }), policies);
        Assert.Equal(
            [
                ("auth", "bypass"), ("docs", "bypass"), ("jellyfin", "bypass"), ("status", "bypass"),
                ("home", "two_factor"), ("nas", "two_factor"), ("sonarr", "two_factor"), ("torrent", "two_factor"), ("traefik", "two_factor"),
                ("dockge", "one_factor"), ("radarr", "one_factor"), ("router", "one_factor"),
            ],
            rules.Select(r => (r.Domains[0][..^(Domain.Length + 1)], r.Policy)));
    }

    [Fact]
    public void The_portal_is_bypassed_even_without_a_route_of_its_own()
    {
        var lab = CoreTestLab.Lab();
        lab = lab with { Services = lab.Services.Select(s => s.Name == "authelia" ? s with { Route = null } : s).ToArray() };
        var rules = AutheliaAccessRules.For(lab, Domain);
        Assert.Contains(new AutheliaAccessRule($"auth.{Domain}", "bypass"), rules);
    }

    [Fact]
    public void Authelia_mounts_the_rendered_configuration_read_only()
    {
        var volumes = Rendered.ServiceNode(CoreTestLab.Lab(), "core", "authelia").At("volumes").Strings();
        Assert.Equal(
            [
                "./authelia/config:/config", "./authelia/configuration.yml:/config/configuration.yml:ro", "./authelia/users_database.yml:/config/users_database.yml",
                "./secrets/authelia-jwt-secret:/run/secrets/authelia-jwt-secret:ro", "./secrets/authelia-session-secret:/run/secrets/authelia-session-secret:ro",
                "./secrets/authelia-storage-encryption-key:/run/secrets/authelia-storage-encryption-key:ro",
            ],
            volumes);
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void No_secret_value_appears_in_any_file_that_is_not_marked_sensitive(string labName)
    {
        var lab = TraefikConfigTests.LabNamed(labName);
        var settings = CoreTestLab.WithSecrets(lab);
        var values = settings.Secrets.Names.Select(n => { settings.Secrets.TryGet(n, out var v); return v; }).ToList();
        Assert.NotEmpty(values);
        var files = LabRenderer.Render(lab, settings).Servers.SelectMany(s => s.Stacks.SelectMany(st => st.Files.Select(f => (Path: $"{s.Name}/{st.Name}/{f.RelativePath}", File: f)))).ToList();
        foreach (var (path, file) in files.Where(f => !f.File.Sensitive))
            foreach (var value in values)
                Assert.False(file.Content.Contains(value, StringComparison.Ordinal), $"{path} contains the value of a secret");
        // The search can find them: the values are where they belong.
        var sensitive = string.Concat(files.Where(f => f.File.Sensitive).Select(f => f.File.Content));
        Assert.All(values, v => Assert.Contains(v, sensitive));
    }

    [Fact]
    public void The_overridden_domain_drives_cookies_issuer_and_rules()
    {
        const string other = "lab.example.net";
        var lab = CoreTestLab.Lab();
        var text = TraefikRenderedFiles.Core(lab, RuntimeSettings.FromLab(lab, other)).Text(ConfigPath);
        Assert.DoesNotContain(Domain, text);
        var config = YamlAccess.Parse(text);
        Assert.Equal(other, config.At("totp", "issuer").Str());
        Assert.All(Rules(config).SelectMany(r => r.Domains), d => Assert.EndsWith("." + other, d));
    }

    internal sealed record Rule(IReadOnlyList<string> Domains, string Policy, IReadOnlyList<string>? Networks);

    internal static List<Rule> Rules(YamlMappingNode config) =>
        Assert.IsType<YamlSequenceNode>(config.At("access_control", "rules")).Children
            .Select(r => new Rule(
                r.At("domain") is YamlSequenceNode list ? list.Strings() : [r.At("domain").Str()],
                r.At("policy").Str(),
                r.Has("networks") ? r.At("networks").Strings() : null))
            .ToList();

    /// <summary>Authelia's domain matching: exact (case-insensitive), or <c>*.</c> for any subdomain.</summary>
    private static bool Matches(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);

    /// <summary>The access the lab declares for a router, read from the model directly (not through the renderer's helpers).</summary>
    private static (string Policy, bool LanOnly) ExpectedPolicy(Lab lab, string router, string host)
    {
        Access access;
        if (lab.ExternalHosts.FirstOrDefault(e => "external-" + e.Subdomain == router) is { } external)
        {
            access = external.Access == Access.Default ? lab.DefaultAccess : external.Access;
        }
        else if (router == "traefik-dashboard")
        {
            var traefik = lab.Services.Single(s => s.Image.StartsWith("traefik:", StringComparison.Ordinal));
            access = traefik.Route?.Access ?? Access.Default;
            if (access == Access.Default) access = lab.DefaultAccess is Access.Bypass or Access.LanOnly ? Access.TwoFactor : lab.DefaultAccess;
        }
        else
        {
            var service = lab.FindService(router) ?? throw new InvalidOperationException($"no service for router {router} ({host})");
            access = service.Image.StartsWith("authelia/", StringComparison.Ordinal) ? Access.Bypass : service.Route!.Access;
            if (access == Access.Default) access = lab.DefaultAccess;
        }
        return (access switch { Access.Bypass or Access.LanOnly => "bypass", Access.OneFactor => "one_factor", _ => "two_factor" }, access == Access.LanOnly);
    }
}
