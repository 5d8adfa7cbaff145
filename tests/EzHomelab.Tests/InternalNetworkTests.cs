using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>
/// <c>[Network(Internal = true)]</c>: the stack declares the network <c>internal: true</c>, a service confined to internal
/// networks joins no lab network, and one that is routed, publishes a port or names a lab network keeps its way out.
/// </summary>
public class InternalNetworkTests
{
    private static Lab AppWithDatabase() => Rendered.OneStack(
        Service("app", "apps") with { Route = new RouteSpec(80, "app"), Networks = ["app-backend"], InternalNetworks = ["app-backend"] },
        Service("app-db", "apps", "postgres:17.6-alpine") with { Networks = ["app-backend"], InternalNetworks = ["app-backend"] },
        Service("worker", "apps") with { Networks = ["homelab-network", "app-backend"], InternalNetworks = ["app-backend"] },
        Service("cache", "apps", "redis:8.2.1") with { Networks = ["app-backend", "plain"], InternalNetworks = ["app-backend"] },
        Service("broker", "apps", "eclipse-mosquitto:2.0.22") with { Networks = ["app-backend"], InternalNetworks = ["app-backend"], Ports = [new PortSpec(1883, 1883)] });

    [Fact]
    public void The_stack_declares_the_network_internal_and_leaves_the_others_plain()
    {
        var compose = Rendered.Compose(AppWithDatabase(), "apps");
        Assert.Equal(["homelab-network", "traefik-network", "app-backend", "plain"], compose.At("networks").Keys());
        Assert.Equal(["internal"], compose.At("networks", "app-backend").Keys());
        Assert.Equal("true", compose.At("networks", "app-backend", "internal").Str());
        Assert.Empty(compose.At("networks", "plain").Keys());
        Assert.Equal("true", compose.At("networks", "homelab-network", "external").Str());
    }

    [Fact]
    public void A_service_on_internal_networks_only_joins_no_lab_network()
    {
        var compose = Rendered.Compose(AppWithDatabase(), "apps");
        Assert.Equal(["app-backend"], compose.At("services", "app-db", "networks").Strings());
        // Routed: Traefik reaches it and it reaches out; naming the lab network keeps it; so does another network, or a published port.
        Assert.Equal(["homelab-network", "traefik-network", "app-backend"], compose.At("services", "app", "networks").Strings());
        Assert.Equal(["homelab-network", "app-backend"], compose.At("services", "worker", "networks").Strings());
        Assert.Equal(["homelab-network", "app-backend", "plain"], compose.At("services", "cache", "networks").Strings());
        Assert.Equal(["homelab-network", "app-backend"], compose.At("services", "broker", "networks").Strings());
        Assert.True(IsConfined("app-db"));
        Assert.False(IsConfined("app"));
    }

    private static bool IsConfined(string service)
    {
        var lab = AppWithDatabase();
        return EzHomelab.Rendering.Compose.ComposeRenderer.IsConfined(lab, lab.FindService(service)!);
    }

    [Fact]
    public void A_stack_of_confined_services_only_declares_no_lab_network()
    {
        var lab = Rendered.OneStack(Service("db", "data", "postgres:17.6-alpine") with { Networks = ["data"], InternalNetworks = ["data"] });
        var compose = Rendered.Compose(lab, "data");
        Assert.Equal(["data"], compose.At("networks").Keys());
        Assert.Empty(EzHomelab.Rendering.Compose.ComposeRenderer.ExternalNetworks(lab, lab.StacksOn(lab.Core).Single()));
    }

    [Fact]
    public void Docker_compose_and_the_compose_spec_schema_accept_an_internal_network()
    {
        var files = Rendered.StackFiles(AppWithDatabase(), "apps");
        Assert.Empty(ComposeSchema.Errors(files.Single(f => f.RelativePath == "compose.yaml").Content));
        if (!DockerComposeTool.IsAvailable()) return;
        var result = DockerComposeTool.Config(files, quiet: true);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Fact]
    public void The_runner_refuses_services_of_a_stack_that_disagree_or_an_internal_lab_network()
    {
        var lab = Rendered.OneStack(
            Service("app", "apps") with { Networks = ["app-backend"] },
            Service("app-db", "apps") with { Networks = ["app-backend"], InternalNetworks = ["app-backend"] },
            Service("other", "others") with { Networks = ["app-backend"] },
            Service("wide", "others") with { Networks = ["homelab-network"], InternalNetworks = ["homelab-network"] },
            Service("stray", "others") with { InternalNetworks = ["nowhere"] });
        var problems = LabRoutes.Problems(lab).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("service 'app' (Lab.app): [Network(\"app-backend\")] is internal for service 'app-db'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("service 'wide' (Lab.wide): [Network(\"homelab-network\", Internal = true)]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("service 'stray' (Lab.stray): internal network 'nowhere' is not one of its [Network]s", StringComparison.Ordinal));
        // Another stack's network of the same name is its own.
        Assert.DoesNotContain(problems, p => p.Contains("'other'", StringComparison.Ordinal));
        Assert.Empty(LabRoutes.Problems(AppWithDatabase()));
    }
}
