using EzHomelab.Model;
using EzHomelab.Rules;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary><c>[CapAdd]</c> and <c>[Device]</c>: rendered into compose as docker-compose understands them.</summary>
public class CapabilitiesAndDevicesTests
{
    private static Lab VpnLab() => Rendered.OneStack(
        TestLabs.Service("gluetun", "vpn", "qmcgaw/gluetun:v3.40.0") with
        {
            CapAdd = ["NET_ADMIN", "SYS_MODULE", "NET_ADMIN"],
            Devices = [new DeviceSpec("/dev/net/tun"), new DeviceSpec("/dev/dri/renderD128", "/dev/dri/renderD129", "rw")],
            Environment = [new EnvVar("VPN_SERVICE_PROVIDER", "mullvad")],
        },
        TestLabs.Service("plain", "vpn"));

    [Fact]
    public void Capabilities_and_devices_are_rendered_after_environment_and_volumes()
    {
        var gluetun = Rendered.ServiceNode(VpnLab(), "vpn", "gluetun");
        // A capability declared twice (for example by a base class and the class) is written once.
        Assert.Equal(["NET_ADMIN", "SYS_MODULE"], gluetun.At("cap_add").Strings());
        Assert.Equal(["/dev/net/tun:/dev/net/tun", "/dev/dri/renderD128:/dev/dri/renderD129:rw"], gluetun.At("devices").Strings());
        var keys = gluetun.Keys();
        Assert.True(keys.IndexOf("environment") < keys.IndexOf("cap_add"));
        Assert.Equal(keys.IndexOf("cap_add") + 1, keys.IndexOf("devices"));
    }

    [Fact]
    public void A_service_without_them_has_neither_key()
    {
        var plain = Rendered.ServiceNode(VpnLab(), "vpn", "plain");
        Assert.False(plain.Has("cap_add"));
        Assert.False(plain.Has("devices"));
    }

    [Fact]
    public void Docker_compose_accepts_and_keeps_them()
    {
        if (!DockerComposeTool.IsAvailable()) return;
        var result = DockerComposeTool.Config(Rendered.StackFiles(VpnLab(), "vpn"), quiet: false);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var gluetun = YamlAccess.Parse(result.Stdout).At("services", "gluetun");
        Assert.Equal(["NET_ADMIN", "SYS_MODULE"], gluetun.At("cap_add").Strings().Order(StringComparer.Ordinal));
        Assert.Equal(["/dev/dri/renderD128:/dev/dri/renderD129:rw", "/dev/net/tun:/dev/net/tun"], gluetun.At("devices").Strings().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_compose_spec_schema_accepts_them()
    {
        var errors = ComposeSchema.Errors(Rendered.ComposeText(VpnLab(), "vpn"));
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void The_rich_labs_vpn_client_gets_net_admin_and_the_tun_device()
    {
        var gluetun = Rendered.ServiceNode(TestLabs.Rich(), "downloads", "gluetun");
        Assert.Equal(["NET_ADMIN"], gluetun.At("cap_add").Strings());
        Assert.Equal(["/dev/net/tun:/dev/net/tun"], gluetun.At("devices").Strings());
    }

    [Theory]
    [InlineData("net_admin", null, null, "service 'vpn' (Lab.vpn): [CapAdd(\"net_admin\")] must be an upper-case capability name")]
    [InlineData(null, "dev/net/tun", null, "service 'vpn' (Lab.vpn): [Device(\"dev/net/tun\")] paths must be absolute")]
    [InlineData(null, "/dev/net/tun", "rwx", "service 'vpn' (Lab.vpn): [Device(\"/dev/net/tun\")] permissions 'rwx' must be a subset of 'rwm'")]
    public void Bad_capabilities_and_devices_are_refused_before_anything_is_written(string? capability, string? device, string? permissions, string message)
    {
        var lab = Rendered.OneStack(TestLabs.Service("vpn", "vpn") with
        {
            CapAdd = capability is null ? [] : [capability],
            Devices = device is null ? [] : [new DeviceSpec(device, Permissions: permissions)],
        });
        var root = Path.Combine(Path.GetTempPath(), "ezh-caps-" + Guid.NewGuid().ToString("N"));
        var run = CliRun.Invoke(lab, null, "render", "--out", root);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(root));
    }

    [Theory]
    [InlineData("NET_ADMIN", true)]
    [InlineData("CAP_SYS_TIME", true)]
    [InlineData("ALL", true)]
    [InlineData("net_admin", false)]
    [InlineData("NET ADMIN", false)]
    [InlineData("_NET", false)]
    [InlineData("", false)]
    public void Capability_names_are_upper_case_words(string name, bool valid) =>
        Assert.Equal(valid, ContainerPrivileges.IsValidCapability(name));

    [Theory]
    [InlineData("rwm", true)]
    [InlineData("r", true)]
    [InlineData("mw", true)]
    [InlineData("rr", false)]
    [InlineData("rwx", false)]
    [InlineData("", false)]
    public void Device_permissions_are_a_subset_of_rwm(string permissions, bool valid) =>
        Assert.Equal(valid, ContainerPrivileges.IsValidDevicePermissions(permissions));

    [Theory]
    [InlineData("/dev/net/tun", true)]
    [InlineData("dev/net/tun", false)]
    [InlineData("/dev/a:b", false)]
    [InlineData("/dev/my device", false)]
    public void Device_paths_are_absolute_without_separators(string path, bool valid) =>
        Assert.Equal(valid, ContainerPrivileges.IsValidDevicePath(path));
}
