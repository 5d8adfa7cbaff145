using EzHomelab.CatalogTests.Support;
using EzHomelab.Rendering;

namespace EzHomelab.CatalogTests;

/// <summary>
/// Each catalog service in the smallest lab that can serve it: the core (Traefik, Authelia, DuckDNS), the service, and
/// what it depends on or sends its traffic through. It must render there too, every stack passing docker-compose and
/// the compose-spec schema, so a template never leans on a neighbour that only FullLab happens to have.
/// </summary>
public sealed class MinimalLabTests
{
    public static TheoryData<string> Services() => FullLabServices.Names();

    [Theory, MemberData(nameof(Services))]
    public async Task A_service_renders_in_a_lab_of_the_core_and_itself(string name)
    {
        var lab = FullLabServices.Minimal(name);
        Assert.Contains(lab.Services, s => s.Name == name);
        Assert.Empty(LabRoutes.Problems(lab));

        using var render = await LabRender.RunAsync(lab, "ezh-catalog-minimal-");
        Assert.True(render.ExitCode == 0, render.Transcript);
        var service = FullLabServices.Get(name);
        var compose = render.Compose(service.Stack);
        Assert.Equal(service.Image, compose.Scalar(name, "image")?.Value);
        foreach (var stack in render.StackNames)
        {
            var schemaErrors = render.ComposeSchemaErrors(stack);
            Assert.True(schemaErrors.Count == 0, $"{stack}/compose.yaml of the lab of '{name}' breaks the compose spec:\n{string.Join('\n', schemaErrors)}");
            var composeErrors = await render.DockerComposeConfigErrorsAsync(stack);
            Assert.True(composeErrors is null, $"docker-compose config -q rejected {stack}/compose.yaml of the lab of '{name}':\n{composeErrors}");
        }
    }

    [Fact]
    public void A_minimal_lab_holds_what_the_service_needs_and_nothing_else()
    {
        var qbittorrent = FullLabServices.Minimal("qbittorrent").Services.Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["authelia", "duckdns", "gluetun", "qbittorrent", "traefik"], qbittorrent);
        var traefik = FullLabServices.Minimal("traefik").Services.Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(FullLabServices.Core, traefik);
    }
}
