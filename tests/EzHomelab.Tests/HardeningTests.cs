using EzHomelab.Model;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Tests;

/// <summary>
/// Hardened by default: every rendered service drops its capabilities, cannot gain new privileges, rotates its log and
/// is limited in processes, memory and CPU; the exception attributes loosen exactly their part, and docker-compose 1.x
/// and the compose-spec schema accept every form.
/// </summary>
public class HardeningTests
{
    internal static Lab Hardened() => new()
    {
        Name = "HardenedLab",
        Domain = TestLabs.Domain,
        ServiceDefaults = ServiceDefaults.BuiltIn with { Memory = "768m", LogMaxFiles = 5 },
        Services =
        [
            TestLabs.Service("plain", "apps"),
            TestLabs.Service("tuned", "apps") with
            {
                CapAdd = ["CHOWN", "SETUID", "SETGID"],
                Resources = new ResourcesSpec(Cpus: "0.5", MemoryReservation: "1g", Pids: 64),
                Logging = new LoggingSpec("50m", 2),
                ReadOnlyRoot = new ReadOnlyRootSpec(["/tmp", "/run:size=16m"]),
            },
            TestLabs.Service("legacy", "apps") with
            {
                KeepCapabilities = new Exemption("its needs are not known yet"),
                AllowNewPrivileges = new Exemption("its terminal runs sudo"),
                SecurityOptions = [new SecurityOptSpec("apparmor:legacy")],
            },
            TestLabs.Service("home-assistant", "home", "ghcr.io/home-assistant/home-assistant:2025.1.4") with
            {
                Privileged = new Exemption("drives Bluetooth and the USB sticks"),
                HostNamespaces = new HostNamespacesSpec(Network: true, Reason: "discovers devices by mDNS"),
            },
            TestLabs.Service("glances", "home", "nicolargo/glances:4.3.1") with
            {
                HostNamespaces = new HostNamespacesSpec(Pid: true, Ipc: true, Reason: "lists the host's processes"),
                SecurityOptions = [new SecurityOptSpec("seccomp:unconfined", "reads every process's counters")],
                Volumes = [new VolumeSpec("/var/run/docker.sock", "/var/run/docker.sock", ReadOnly: true)],
                AllowDockerSocket = new Exemption("shows the containers' stats"),
            },
        ],
    };

    [Fact]
    public void A_service_without_hardening_attributes_gets_the_whole_baseline()
    {
        var plain = Rendered.ServiceNode(TestLabs.Rich(), "media", "postgres");
        Assert.Equal(["ALL"], plain.At("cap_drop").Strings());
        Assert.False(plain.Has("cap_add"));
        Assert.Equal(["no-new-privileges:true"], plain.At("security_opt").Strings());
        Assert.Equal("json-file", plain.At("logging", "driver").Str());
        Assert.Equal(new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "3" }, plain.At("logging", "options").StringMap());
        Assert.Equal("1024", plain.At("pids_limit").Str());
        Assert.Equal("1.0", plain.At("deploy", "resources", "limits", "cpus").Str());
        Assert.Equal("1g", plain.At("deploy", "resources", "limits", "memory").Str());
        Assert.False(plain.Has("privileged"));
        Assert.False(plain.Has("read_only"));
        Assert.False(plain.Has("pid"));
    }

    [Fact]
    public void Every_service_of_the_rich_labs_is_limited_and_rotates_its_log()
    {
        foreach (var lab in new[] { TestLabs.Rich(), TestLabs.MultiServer(), CoreTestLab.Lab() })
            foreach (var server in Rendering.LabRenderer.Render(lab, Settings.RuntimeSettings.FromLab(lab)).Servers)
                foreach (var stack in server.Stacks)
                {
                    var compose = YamlAccess.Parse(stack.Files.Single(f => f.RelativePath == "compose.yaml").Content);
                    foreach (var name in compose.At("services").Keys())
                    {
                        var service = compose.At("services", name);
                        Assert.True(service.Has("pids_limit"), $"{stack.Name}/{name} has no pids_limit");
                        Assert.True(service.Has("logging", "options", "max-size"), $"{stack.Name}/{name} does not rotate its log");
                        Assert.True(service.Has("deploy", "resources", "limits", "memory"), $"{stack.Name}/{name} has no memory limit");
                        Assert.True(service.Has("deploy", "resources", "limits", "cpus"), $"{stack.Name}/{name} has no CPU limit");
                        Assert.Contains("no-new-privileges:true", service.At("security_opt").Strings());
                        Assert.Equal(["ALL"], service.At("cap_drop").Strings());
                    }
                }
    }

    [Fact]
    public void Declared_capabilities_limits_log_rotation_and_a_read_only_root_are_the_class_s_own()
    {
        var tuned = Rendered.ServiceNode(Hardened(), "apps", "tuned");
        Assert.Equal(["ALL"], tuned.At("cap_drop").Strings());
        Assert.Equal(["CHOWN", "SETUID", "SETGID"], tuned.At("cap_add").Strings());
        Assert.Equal("64", tuned.At("pids_limit").Str());
        Assert.Equal("0.5", tuned.At("deploy", "resources", "limits", "cpus").Str());
        // The lab's 768m default is below the service's own 1g reservation, which Docker would refuse.
        Assert.Equal("1g", tuned.At("deploy", "resources", "limits", "memory").Str());
        Assert.Equal("1g", tuned.At("deploy", "resources", "reservations", "memory").Str());
        Assert.Equal(new Dictionary<string, string> { ["max-size"] = "50m", ["max-file"] = "2" }, tuned.At("logging", "options").StringMap());
        Assert.Equal("true", tuned.At("read_only").Str());
        Assert.Equal(["/tmp", "/run:size=16m"], tuned.At("tmpfs").Strings());
    }

    [Fact]
    public void The_lab_s_defaults_replace_the_built_in_ones_one_property_at_a_time()
    {
        var plain = Rendered.ServiceNode(Hardened(), "apps", "plain");
        Assert.Equal("768m", plain.At("deploy", "resources", "limits", "memory").Str());
        Assert.Equal("1.0", plain.At("deploy", "resources", "limits", "cpus").Str());
        Assert.Equal("1024", plain.At("pids_limit").Str());
        Assert.Equal(new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "5" }, plain.At("logging", "options").StringMap());
    }

    [Fact]
    public void Log_options_are_strings_as_Docker_requires()
    {
        var options = (YamlMappingNode)Rendered.ServiceNode(Hardened(), "apps", "plain").At("logging", "options");
        foreach (var value in options.Children.Values.Cast<YamlScalarNode>())
            Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, value.Style);
    }

    [Fact]
    public void Each_exception_loosens_exactly_its_part()
    {
        var legacy = Rendered.ServiceNode(Hardened(), "apps", "legacy");
        Assert.False(legacy.Has("cap_drop"));
        Assert.Equal(["apparmor:legacy"], legacy.At("security_opt").Strings());
        Assert.True(legacy.Has("pids_limit"));

        var homeAssistant = Rendered.ServiceNode(Hardened(), "home", "home-assistant");
        Assert.Equal("true", homeAssistant.At("privileged").Str());
        Assert.False(homeAssistant.Has("cap_drop")); // privileged has every capability, whatever cap_drop says
        Assert.Equal(["no-new-privileges:true"], homeAssistant.At("security_opt").Strings());
        Assert.Equal("host", homeAssistant.At("network_mode").Str());
        Assert.False(homeAssistant.Has("networks"));

        var glances = Rendered.ServiceNode(Hardened(), "home", "glances");
        Assert.Equal("host", glances.At("pid").Str());
        Assert.Equal("host", glances.At("ipc").Str());
        Assert.Equal(["no-new-privileges:true", "seccomp:unconfined"], glances.At("security_opt").Strings());
        Assert.Equal(["ALL"], glances.At("cap_drop").Strings());
    }

    [Fact]
    public void A_host_network_service_alone_leaves_the_stack_without_networks()
    {
        var lab = Rendered.OneStack(TestLabs.Service("home-assistant", "home") with { HostNamespaces = new HostNamespacesSpec(Network: true, Reason: "mDNS") });
        var compose = Rendered.Compose(lab, "home");
        Assert.False(compose.Has("networks"));
        Assert.Empty(Rendering.Compose.ComposeRenderer.ExternalNetworks(lab, lab.StacksOn(lab.Core)[0]));
    }

    [Fact]
    public void The_reasons_are_written_above_the_service()
    {
        var text = Rendered.ComposeText(Hardened(), "home");
        var aboveGlances = text[text.IndexOf("services:", StringComparison.Ordinal)..text.IndexOf("  glances:", StringComparison.Ordinal)];
        Assert.Contains("  # Mounts the Docker socket itself: shows the containers' stats\n", aboveGlances);
        Assert.Contains("  # Shares the host's PID and IPC namespaces: lists the host's processes\n", aboveGlances);
        Assert.Contains("  # seccomp:unconfined: reads every process's counters\n", aboveGlances);
        var aboveHomeAssistant = text[text.IndexOf("  glances:", StringComparison.Ordinal)..text.IndexOf("  home-assistant:", StringComparison.Ordinal)];
        Assert.Contains("  # Runs privileged: drives Bluetooth and the USB sticks\n", aboveHomeAssistant);
        Assert.Contains("  # Shares the host's network namespace: discovers devices by mDNS\n", aboveHomeAssistant);
        var apps = Rendered.ComposeText(Hardened(), "apps");
        Assert.Contains("  # Keeps Docker's default capabilities: its needs are not known yet\n  # Without no-new-privileges: its terminal runs sudo\n  legacy:", apps);
    }

    [Fact]
    public void A_reason_on_several_lines_stays_one_comment_line()
    {
        var lab = Rendered.OneStack(TestLabs.Service("web", "web") with { Privileged = new Exemption("first\nsecond") });
        var text = Rendered.ComposeText(lab, "web");
        Assert.Contains("  # Runs privileged: first second\n  web:", text);
        Assert.Equal("true", YamlAccess.Parse(text).At("services", "web", "privileged").Str());
    }

    [Fact]
    public void Docker_compose_accepts_and_keeps_every_hardening_key()
    {
        if (!DockerComposeTool.IsAvailable()) return;
        foreach (var stack in new[] { "apps", "home" })
        {
            var result = DockerComposeTool.Config(Rendered.StackFiles(Hardened(), stack), quiet: false);
            Assert.True(result.ExitCode == 0, result.Stderr);
        }
        var apps = YamlAccess.Parse(DockerComposeTool.Config(Rendered.StackFiles(Hardened(), "apps"), quiet: false).Stdout);
        var tuned = apps.At("services", "tuned");
        Assert.Equal("64", tuned.At("pids_limit").Str());
        Assert.Equal(["ALL"], tuned.At("cap_drop").Strings());
        Assert.Equal(["no-new-privileges:true"], tuned.At("security_opt").Strings());
        Assert.Equal("true", tuned.At("read_only").Str());
        Assert.Equal("2", tuned.At("logging", "options", "max-file").Str());
        var home = YamlAccess.Parse(DockerComposeTool.Config(Rendered.StackFiles(Hardened(), "home"), quiet: false).Stdout);
        Assert.Equal("host", home.At("services", "home-assistant", "network_mode").Str());
        Assert.Equal("host", home.At("services", "glances", "pid").Str());
    }

    [Theory]
    [InlineData("apps")]
    [InlineData("home")]
    public void The_compose_spec_schema_accepts_every_hardening_key(string stack)
    {
        var errors = ComposeSchema.Errors(Rendered.ComposeText(Hardened(), stack));
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [InlineData("/var/run/docker.sock", true)]
    [InlineData("/run/docker.sock", true)]
    [InlineData("/run/user/1000/docker.sock", true)]
    [InlineData("/var/run", true)]
    [InlineData("/var/run/", true)]
    [InlineData("/run", true)]
    [InlineData("/var", true)]
    [InlineData("/", true)]
    [InlineData("/var/lib/docker", false)]
    [InlineData("/var/run/docker.sock.bak", false)]
    [InlineData("./docker.sock", false)]
    [InlineData("docker-sock", false)]
    public void Mounts_that_hand_over_the_Docker_socket(string source, bool exposes) =>
        Assert.Equal(exposes, Rules.DockerSocket.IsExposedBy(source));

    [Theory]
    [InlineData("seccomp:unconfined", true)]
    [InlineData("seccomp=unconfined", true)]
    [InlineData("apparmor:unconfined", true)]
    [InlineData("APPARMOR=Unconfined", true)]
    [InlineData("label:disable", true)]
    [InlineData("systempaths=unconfined", true)]
    [InlineData("apparmor:my-profile", false)]
    [InlineData("seccomp:/etc/docker/seccomp.json", false)]
    [InlineData("label:type:svirt_apache_t", false)]
    [InlineData("no-new-privileges:true", false)]
    public void Options_that_turn_a_confinement_off(string option, bool unconfining) =>
        Assert.Equal(unconfining, Rules.Hardening.IsUnconfining(option));

    [Theory]
    [InlineData("512M", 512L * 1024 * 1024)]
    [InlineData("2g", 2L * 1024 * 1024 * 1024)]
    [InlineData("128mb", 128L * 1024 * 1024)]
    [InlineData("64k", 64L * 1024)]
    [InlineData("1000", 1000L)]
    public void Memory_quantities_compare_by_bytes(string value, long bytes)
    {
        Assert.True(Rules.ResourceQuantity.TryGetBytes(value, out var parsed));
        Assert.Equal(bytes, parsed);
    }
}
