using EzHomelab.Model;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary>What the schemas cannot see: references between routers, middlewares and lazy groups across files.</summary>
public class TraefikRoutingTests
{
    public static TheoryData<string> Labs() => TraefikConfigTests.Labs();

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_middleware_a_router_names_is_defined_in_the_dynamic_files(string labName)
    {
        var files = TraefikRenderedFiles.Core(TraefikConfigTests.LabNamed(labName));
        var defined = files.FileMiddlewares();
        var routers = files.Routers();
        Assert.NotEmpty(routers);
        foreach (var router in routers)
            foreach (var middleware in router.Middlewares)
                Assert.True(defined.Contains(middleware), $"router {router.Name} in {router.Origin} names {middleware}, which no dynamic file defines ({string.Join(", ", defined)})");
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_router_sends_security_headers_last(string labName)
    {
        foreach (var router in TraefikRenderedFiles.Core(TraefikConfigTests.LabNamed(labName)).Routers())
            Assert.Equal("security-headers@file", router.Middlewares[^1]);
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_lazy_group_has_a_middleware_and_every_lazy_router_uses_its_own(string labName)
    {
        var lab = TraefikConfigTests.LabNamed(labName);
        var files = TraefikRenderedFiles.Core(lab);
        var defined = files.FileMiddlewares();
        var routers = files.Routers();
        foreach (var service in lab.Services.Where(s => s.IsLazy && lab.ServerOf(s).Name == lab.Core.Name))
        {
            var middleware = $"sablier-{service.LazyStart!.Group}@file";
            Assert.Contains(middleware, defined);
            if (service.Route is null) continue;
            var router = Assert.Single(routers, r => r.Name == service.Name);
            Assert.Contains(middleware, router.Middlewares);
            Assert.Single(router.Middlewares, m => m.StartsWith("sablier-", StringComparison.Ordinal));
        }
        // No starter middleware for a group nobody is in, and no router wakes a service that is not lazy.
        var groups = lab.Services.Where(s => s.IsLazy).Select(s => $"sablier-{s.LazyStart!.Group}@file").ToHashSet();
        Assert.All(defined.Where(m => m.StartsWith("sablier-", StringComparison.Ordinal)), m => Assert.Contains(m, groups));
        foreach (var router in routers.Where(r => r.Middlewares.Any(m => m.StartsWith("sablier-", StringComparison.Ordinal))))
            Assert.True(lab.FindService(router.Name)?.IsLazy, $"router {router.Name} starts a group but its service is not lazy");
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void The_sablier_plugin_is_declared_exactly_when_a_sablier_middleware_exists(string labName)
    {
        var lab = TraefikConfigTests.LabNamed(labName);
        var files = TraefikRenderedFiles.Core(lab);
        var declared = files.Yaml("core/traefik/traefik.yml").Has("experimental", "plugins", "sablier");
        var used = files.FileMiddlewares().Any(m => m.StartsWith("sablier-", StringComparison.Ordinal));
        Assert.Equal(used, declared);
        Assert.Equal(lab.Services.Any(s => s.IsLazy && lab.ServerOf(s).Name == lab.Core.Name), declared);
    }

    [Fact]
    public void Lazy_routers_log_in_before_they_wake_anything()
    {
        var routers = TraefikRenderedFiles.Core(CoreTestLab.Lab()).Routers().ToDictionary(r => r.Name);
        Assert.Equal(["authelia@file", "sablier-arr@file", "security-headers@file"], routers["sonarr"].Middlewares);
        Assert.Equal(["sablier-docs@file", "security-headers@file"], routers["docs"].Middlewares);
        Assert.Equal(["security-headers@file"], routers["jellyfin"].Middlewares);
        Assert.Equal(["security-headers@file"], routers["authelia"].Middlewares);
    }

    [Fact]
    public void The_login_portal_never_asks_for_a_login_even_when_its_route_says_so()
    {
        var lab = CoreTestLab.Lab();
        lab = lab with { Services = lab.Services.Select(s => s.Name == "authelia" ? s with { Route = s.Route! with { Access = Access.TwoFactor } } : s).ToArray() };
        var router = Assert.Single(TraefikRenderedFiles.Core(lab).Routers(), r => r.Name == "authelia");
        Assert.DoesNotContain("authelia@file", router.Middlewares);
    }

    [Fact]
    public void Without_a_portal_routers_still_name_the_login_middleware_and_so_fail_closed()
    {
        var lab = CoreTestLab.Lab();
        lab = lab with { Services = lab.Services.Where(s => s.Name != "authelia").ToArray() };
        var files = TraefikRenderedFiles.Core(lab);
        Assert.DoesNotContain("authelia@file", files.FileMiddlewares());
        Assert.Contains("authelia@file", Assert.Single(files.Routers(), r => r.Name == "dockge").Middlewares);
        Assert.False(files.Has("core/authelia/configuration.yml"));
    }
}
