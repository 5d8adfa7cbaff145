using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rules;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>An admin UI is never left without a login, unless its route says so explicitly.</summary>
public sealed class AdminUiTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-admin-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    private static Lab LabWith(ServiceSpec service, Access defaultAccess = Access.TwoFactor) => new()
    {
        Name = "AdminLab",
        Domain = Domain,
        DefaultAccess = defaultAccess,
        Services = [service, Service("jellyfin", "media", "jellyfin/jellyfin:10.10.7") with { Route = new RouteSpec(8096, "watch", Access.Bypass) }],
    };

    private static ServiceSpec Dockge(Access access, bool acknowledged = false) =>
        Service("dockge", "infrastructure", "louislam/dockge:1.4.2") with { Route = new RouteSpec(5001, "stacks", access, AllowBypassOnAdmin: acknowledged) };

    private CliRun Render(Lab lab) => CliRun.Invoke(lab, null, "render", "--out", Root);

    private void AssertRefused(Lab lab, string service, string route)
    {
        var run = Render(lab);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains($"service '{service}'", line);
        Assert.Contains($"[Route] '{route}'", line);
        Assert.Contains("AllowBypassOnAdmin", line);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void A_known_admin_image_with_a_bypass_route_is_refused_before_anything_is_written() =>
        AssertRefused(LabWith(Dockge(Access.Bypass)), "dockge", "stacks");

    [Fact]
    public void The_acknowledgement_on_the_route_allows_it()
    {
        var run = Render(LabWith(Dockge(Access.Bypass, acknowledged: true)));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(Path.Combine(Root, "infrastructure", "compose.yaml")));
    }

    [Fact]
    public void A_bypass_lab_default_counts_as_bypass()
    {
        AssertRefused(LabWith(Dockge(Access.Default), Access.Bypass), "dockge", "stacks");
        Assert.Equal(0, Render(LabWith(Dockge(Access.OneFactor), Access.Bypass)).ExitCode);
    }

    [Fact]
    public void A_service_marked_admin_is_refused_and_the_same_service_unmarked_is_not()
    {
        var app = Service("grafana", "monitoring", "grafana/grafana:11.5.2") with { Route = new RouteSpec(3000, "grafana", Access.Bypass) };
        AssertRefused(LabWith(app with { IsAdmin = true }), "grafana", "grafana");
        Assert.Empty(LabRoutes.AdminBypassViolations(LabWith(app)));
    }

    [Fact]
    public void A_bypass_traefik_dashboard_is_refused_but_the_default_dashboard_is_safe_in_a_bypass_lab()
    {
        var routed = Service("traefik", "core", "traefik:v3.3.4") with { Route = new RouteSpec(8080, "proxy", Access.Bypass) };
        AssertRefused(LabWith(routed), "traefik", "proxy");
        // Without a route the dashboard is never bypass, whatever the lab's default.
        Assert.Empty(LabRoutes.AdminBypassViolations(LabWith(Service("traefik", "core", "traefik:v3.3.4"), Access.Bypass)));
    }

    [Fact]
    public void An_unrouted_admin_ui_and_the_login_portal_are_not_violations()
    {
        var lab = LabWith(Service("socket-proxy", "infrastructure", "tecnativa/docker-socket-proxy:0.3.0"), Access.Bypass);
        // The portal is bypass by necessity, even when someone marks it [Admin].
        var portal = Service("authelia", "core", "authelia/authelia:4.39.1") with { Route = new RouteSpec(9091, "auth", Access.Bypass), IsAdmin = true };
        Assert.Empty(LabRoutes.AdminBypassViolations(lab with { Services = [.. lab.Services, portal] }));
    }

    [Fact]
    public void The_rule_is_the_shared_one()
    {
        Assert.True(AdminUi.RefusesBypass(markedAdmin: false, "louislam/dockge:1.4.2", effectiveBypass: true, allowBypassOnAdmin: false));
        Assert.False(AdminUi.RefusesBypass(markedAdmin: false, "louislam/dockge:1.4.2", effectiveBypass: true, allowBypassOnAdmin: true));
        Assert.False(AdminUi.RefusesBypass(markedAdmin: false, "louislam/dockge:1.4.2", effectiveBypass: false, allowBypassOnAdmin: false));
        Assert.True(AdminUi.RefusesBypass(markedAdmin: true, "example/app:1.0.0", effectiveBypass: true, allowBypassOnAdmin: false));
        Assert.False(AdminUi.RefusesBypass(markedAdmin: false, "example/app:1.0.0", effectiveBypass: true, allowBypassOnAdmin: false));
        Assert.Equal(
            "service 'dockge' (Lab.Dockge): [Route] 'stacks' has no login (bypass) but the service is an admin UI; use Access.OneFactor or Access.TwoFactor, or set AllowBypassOnAdmin = true on its [Route] to accept the risk",
            AdminUi.BypassMessage("dockge", "Lab.Dockge", "stacks"));
    }

    [Fact]
    public void The_test_labs_have_no_violations()
    {
        Assert.Empty(LabRoutes.Problems(Rich()));
        Assert.Empty(LabRoutes.Problems(CoreTestLab.Lab()));
    }
}
