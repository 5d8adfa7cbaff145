using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Authelia;
using EzHomelab.Rules;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary><c>Access.LanOnly</c>: an Authelia bypass limited to the lab's LAN networks, denied from anywhere else.</summary>
public class LanOnlyAccessTests
{
    private const string ConfigPath = "core/authelia/configuration.yml";
    private static readonly string[] Networks = ["192.168.1.0/24", "fd00::/8"];

    /// <summary>The core test lab with a LAN-only service, a LAN-only external host and its own LAN networks.</summary>
    internal static Lab LanLab()
    {
        var lab = CoreTestLab.Lab();
        return lab with
        {
            Name = "LanLab",
            LanNetworks = Networks,
            Services = lab.Services.Select(s => s.Name == "sonarr" ? s with { Route = s.Route! with { Access = Access.LanOnly } } : s).ToArray(),
            ExternalHosts = lab.ExternalHosts.Select(e => e.Subdomain == "nas" ? e with { Access = Access.LanOnly } : e).ToArray(),
        };
    }

    [Fact]
    public void Rules_run_bypass_then_lan_only_then_two_factor_then_one_factor_and_only_lan_only_rules_name_networks()
    {
        var text = TraefikRenderedFiles.Core(LanLab()).Text(ConfigPath);
        Assert.Empty(ConfigSchema.AutheliaConfiguration.Errors(text));
        var rules = AutheliaConfigTests.Rules(YamlAccess.Parse(text));
        Assert.Equal(
            [
                ("auth", "bypass", false), ("docs", "bypass", false), ("jellyfin", "bypass", false), ("status", "bypass", false),
                ("nas", "bypass", true), ("sonarr", "bypass", true),
                ("home", "two_factor", false), ("torrent", "two_factor", false), ("traefik", "two_factor", false),
                ("dockge", "one_factor", false), ("radarr", "one_factor", false), ("router", "one_factor", false),
            ],
            rules.Select(r => (r.Domains.Single()[..^(Domain.Length + 1)], r.Policy, r.Networks is not null)));
        Assert.All(rules.Where(r => r.Networks is not null), r => Assert.Equal(Networks, r.Networks));
    }

    [Fact]
    public void Without_lan_networks_the_private_ranges_are_used()
    {
        var lab = LanLab() with { LanNetworks = Lab.DefaultLanNetworks };
        var rule = Assert.Single(AutheliaAccessRules.For(lab, Domain), r => r.Host == $"sonarr.{Domain}");
        Assert.Equal("bypass", rule.Policy);
        Assert.Equal(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], rule.Networks);
    }

    [Fact]
    public void A_lan_only_route_keeps_the_login_middleware()
    {
        var routers = TraefikRenderedFiles.Core(LanLab()).Routers();
        Assert.Contains("authelia@file", Assert.Single(routers, r => r.Name == "sonarr").Middlewares);
        Assert.Contains("authelia@file", Assert.Single(routers, r => r.Name == "external-nas").Middlewares);
        Assert.DoesNotContain("authelia@file", Assert.Single(routers, r => r.Name == "jellyfin").Middlewares);
    }

    [Fact]
    public void A_lan_only_lab_default_leaves_the_traefik_dashboard_behind_two_factor()
    {
        var lab = LanLab() with { DefaultAccess = Access.LanOnly };
        var dashboard = Assert.Single(AutheliaAccessRules.For(lab, Domain), r => r.Host == $"traefik.{Domain}");
        Assert.Equal(new AutheliaAccessRule($"traefik.{Domain}", "two_factor"), dashboard);
    }

    [Theory]
    [InlineData("192.168.1.0/24", true)]
    [InlineData("10.0.0.5", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("fd00::/8", true)]
    [InlineData("2001:db8::1/128", true)]
    [InlineData("192.168.1.0/33", false)]
    [InlineData("192.168.1/24", false)]
    [InlineData("10", false)]
    [InlineData("256.1.1.1/8", false)]
    [InlineData("192.168.01.0/24", false)]
    [InlineData("192.168.1.0/", false)]
    [InlineData("192.168.1.0/024", false)]
    [InlineData("fd00::/129", false)]
    [InlineData("lan", false)]
    [InlineData(" 10.0.0.0/8", false)]
    [InlineData("", false)]
    public void The_network_rule_accepts_cidrs_and_single_addresses_only(string network, bool valid) =>
        Assert.Equal(valid, LanNetwork.IsValid(network));

    [Fact]
    public void The_run_time_refuses_an_invalid_or_empty_network_list()
    {
        Assert.Empty(LabRoutes.Problems(LanLab()));
        var problem = Assert.Single(LabRoutes.Problems(LanLab() with { LanNetworks = ["192.168.1.0/24", "192.168.1.0/33"] }));
        Assert.Equal("[Homelab] on LanLab: LanNetworks entry '192.168.1.0/33' must be a CIDR such as 192.168.1.0/24, or one address", problem);
        Assert.Contains("must not be empty", Assert.Single(LabRoutes.Problems(LanLab() with { LanNetworks = [] })));
    }

    [Fact]
    public void A_lan_only_admin_ui_is_refused_unless_acknowledged()
    {
        var dockge = Service("dockge", "infrastructure", "louislam/dockge:1.4.2") with { Route = new RouteSpec(5001, "stacks", Access.LanOnly) };
        var lab = new Lab { Name = "AdminLab", Domain = Domain, Services = [dockge] };
        Assert.Equal([AdminUi.BypassMessage("dockge", dockge.ClassName, "stacks")], LabRoutes.AdminBypassViolations(lab));
        // Through the lab's default too.
        var byDefault = lab with { DefaultAccess = Access.LanOnly, Services = [dockge with { Route = dockge.Route! with { Access = Access.Default } }] };
        Assert.Single(LabRoutes.AdminBypassViolations(byDefault));
        var acknowledged = lab with { Services = [dockge with { Route = dockge.Route! with { AllowBypassOnAdmin = true } }] };
        Assert.Empty(LabRoutes.AdminBypassViolations(acknowledged));
    }
}
