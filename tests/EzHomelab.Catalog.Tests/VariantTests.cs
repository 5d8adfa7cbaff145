using EzHomelab.CatalogTests.Support;
using EzHomelab.Rendering;

namespace EzHomelab.CatalogTests;

/// <summary>
/// The VPN over WireGuard instead of OpenVPN: a lab's class deriving from <c>Catalog.GluetunWireGuard</c>. FullLab holds
/// the OpenVPN flavour (one lab has one VPN client), so this lab takes FullLab's qBittorrent and this class as its Gluetun.
/// </summary>
public sealed class VariantTests
{
    [Fact]
    public async Task Gluetun_over_WireGuard_reads_its_private_key_from_a_secret_file_and_carries_no_OpenVPN_setting()
    {
        var minimal = FullLabServices.Minimal("qbittorrent");
        var lab = minimal with { Services = minimal.Services.Select(s => s.Name == "gluetun" ? WireGuardVpn.Definition : s).ToArray() };
        Assert.Empty(LabRoutes.Problems(lab));

        using var render = await LabRender.RunAsync(lab, "ezh-catalog-wireguard-");
        Assert.True(render.ExitCode == 0, render.Transcript);
        var vpn = render.Compose("vpn");
        var environment = vpn.Environment("gluetun");
        Assert.Equal("wireguard", environment["VPN_TYPE"]);
        Assert.Equal("mullvad", environment["VPN_SERVICE_PROVIDER"]);
        Assert.Equal("Sweden", environment["SERVER_COUNTRIES"]);
        Assert.Equal("/run/secrets/wireguard-private-key", environment["WIREGUARD_PRIVATE_KEY_SECRETFILE"]);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("OPENVPN_", StringComparison.Ordinal));
        Assert.DoesNotContain(environment.Keys, key => key == "WIREGUARD_PRIVATE_KEY");
        // Everything else is the shared base's: the tunnel's capabilities, the device and the image's own healthcheck.
        Assert.Equal(FullLabServices.Get("gluetun").CapAdd, WireGuardVpn.Definition.CapAdd);
        Assert.True(vpn.Has("gluetun", "healthcheck"));
        // qBittorrent's [Egress<GluetunBase>] found this class: its route sits on the VPN client.
        Assert.Contains("traefik.http.routers.qbittorrent.rule", vpn.Labels("gluetun").Keys);
        var key = render.SecretValues["wireguard-private-key"];
        Assert.Equal(key, File.ReadAllText(Path.Combine(render.StackDirectory("vpn"), "secrets", "wireguard-private-key")));
        Assert.DoesNotContain(key, File.ReadAllText(Path.Combine(render.StackDirectory("vpn"), "compose.yaml")));
    }
}

/// <summary>The lab the variant is declared in (a service belongs to one); the test takes only its service.</summary>
[Homelab(Domain = "wireguard.example.org", Timezone = "Europe/Stockholm", Email = "admin@example.org")]
public partial class WireGuardLab;

/// <summary>As a user writes it: the provider, the country and the tunnel address, nothing else.</summary>
[Env("VPN_SERVICE_PROVIDER", "mullvad")]
[Env("SERVER_COUNTRIES", "Sweden")]
[Env("WIREGUARD_ADDRESSES", "10.64.222.21/32")]
public partial class WireGuardVpn : EzHomelab.Catalog.GluetunWireGuard;
