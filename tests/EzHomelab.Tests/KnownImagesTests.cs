using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rules;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary>The one image table (Rules/ValueRules.cs) shared by CoreServices and the generator.</summary>
public class KnownImagesTests
{
    [Theory]
    [InlineData("traefik:v3.3.4", nameof(ImageRole.Traefik))]
    [InlineData("docker.io/library/traefik:v3.3.4", nameof(ImageRole.Traefik))]
    [InlineData("ghcr.io/authelia/authelia:4.39.1", nameof(ImageRole.Authelia))]
    [InlineData("authelia/authelia@sha256:0123456789abcdef0123456789abcdef", nameof(ImageRole.Authelia))]
    [InlineData("tecnativa/docker-socket-proxy:0.3.0", nameof(ImageRole.SocketProxy))]
    [InlineData("lscr.io/linuxserver/socket-proxy:1.26.2", nameof(ImageRole.SocketProxy))]
    [InlineData("sablierapp/sablier:1.8.1", nameof(ImageRole.Sablier))]
    [InlineData("ghcr.io/gethomepage/homepage:v1.0.4", nameof(ImageRole.Homepage))]
    [InlineData("lscr.io/linuxserver/duckdns:version-aad9dc1f", nameof(ImageRole.DuckDns))]
    [InlineData("qmcgaw/gluetun:v3.40.0", nameof(ImageRole.Gluetun))]
    [InlineData("louislam/dockge:1.4.2", nameof(ImageRole.Dockge))]
    [InlineData("lscr.io/linuxserver/code-server:4.98.2", nameof(ImageRole.CodeServer))]
    [InlineData("portainer/portainer-ce:2.27.3", nameof(ImageRole.Portainer))]
    [InlineData("jellyfin/jellyfin:10.10.7", nameof(ImageRole.None))]
    [InlineData("registry.local:5000/traefik:v3.3.4", nameof(ImageRole.None))]
    [InlineData("", nameof(ImageRole.None))]
    public void Roles_are_recognised_by_repository_whatever_the_tag_digest_or_default_registry(string image, string role) =>
        Assert.Equal(Enum.Parse<ImageRole>(role), KnownImages.RoleOf(image));

    [Theory]
    [InlineData("traefik:v3.3.4", true)]
    [InlineData("tecnativa/docker-socket-proxy:0.3.0", true)]
    [InlineData("louislam/dockge:1.4.2", true)]
    [InlineData("lscr.io/linuxserver/code-server:4.98.2", true)]
    [InlineData("codercom/code-server:4.98.2", true)]
    [InlineData("portainer/portainer-ce:2.27.3", true)]
    [InlineData("authelia/authelia:4.39.1", false)]
    [InlineData("ghcr.io/gethomepage/homepage:v1.0.4", false)]
    [InlineData("jellyfin/jellyfin:10.10.7", false)]
    public void Admin_uis_are_the_images_that_control_the_lab(string image, bool admin) =>
        Assert.Equal(admin, KnownImages.IsAdminUi(image));

    [Fact]
    public void Core_services_take_every_role_from_the_shared_table()
    {
        var lab = CoreTestLab.Lab();
        var core = CoreServices.On(lab, lab.Core);
        var byRole = new Dictionary<ImageRole, ServiceSpec?>
        {
            [ImageRole.Traefik] = core.Traefik,
            [ImageRole.Authelia] = core.Authelia,
            [ImageRole.SocketProxy] = core.SocketProxy,
            [ImageRole.Sablier] = core.Sablier,
            [ImageRole.Homepage] = core.Homepage,
            [ImageRole.DuckDns] = core.DuckDns,
            [ImageRole.Gluetun] = core.Gluetun,
        };
        foreach (var (role, service) in byRole)
        {
            var expected = lab.Services.Where(s => KnownImages.RoleOf(s.Image) == role).OrderBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault();
            Assert.NotNull(expected);
            Assert.Same(expected, service);
        }
    }

    [Fact]
    public void A_service_named_like_a_role_is_not_that_role_without_the_image()
    {
        var lab = Rendered.OneStack(TestLabs.Service("traefik", "core", "example/proxy:1.0.0"), TestLabs.Service("gluetun", "core", "example/vpn:1.0.0"));
        var core = CoreServices.On(lab, lab.Core);
        Assert.Null(core.Traefik);
        Assert.Null(core.Gluetun);
    }

    [Fact]
    public void A_new_registry_for_a_role_is_recognised_everywhere_at_once()
    {
        // The mirror image of a role goes through the same table: CoreServices has no list of its own.
        var lab = Rendered.OneStack(TestLabs.Service("vpn", "core", "ghcr.io/qdm12/gluetun:v3.40.0"));
        Assert.Equal("vpn", CoreServices.On(lab, lab.Core).Gluetun?.Name);
    }
}
