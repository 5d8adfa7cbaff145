using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

public class ComposeRendererTests
{
    private static readonly Lab Lab = Rich();

    [Fact]
    public void Each_stack_gets_a_compose_file_and_a_private_env_file()
    {
        var files = Rendered.StackFiles(Lab, "media");
        var compose = Assert.Single(files, f => f.RelativePath == "compose.yaml");
        var env = Assert.Single(files, f => f.RelativePath == ".env");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, env.Mode);
        Assert.True(env.Sensitive);
        Assert.False(compose.Sensitive);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, compose.Mode);
    }

    [Fact]
    public void Stacks_are_grouped_per_server_in_name_order()
    {
        var rendered = LabRenderer.Render(MultiServer(), RuntimeSettings.FromLab(MultiServer()));
        Assert.Equal(["core", "nas"], rendered.Servers.Select(s => s.Name));
        Assert.Equal(["core", "downloads"], rendered.Servers[0].Stacks.Select(s => s.Name));
        Assert.Equal(["media"], rendered.Servers[1].Stacks.Select(s => s.Name));
    }

    [Fact]
    public void No_top_level_name_or_version()
    {
        foreach (var stack in new[] { "core", "media", "downloads" })
        {
            var compose = Rendered.Compose(Lab, stack);
            Assert.False(compose.Has("name"));
            Assert.False(compose.Has("version"));
            Assert.Equal("services", compose.Keys()[0]);
        }
    }

    [Fact]
    public void Service_keys_follow_the_documented_order()
    {
        var order = new[]
        {
            "image", "container_name", "command", "entrypoint", "user", "restart", "network_mode", "networks", "pid", "ipc", "ports", "environment", "volumes",
            "cap_drop", "cap_add", "devices", "privileged", "security_opt", "read_only", "tmpfs", "labels", "depends_on", "healthcheck", "logging", "pids_limit", "deploy",
        };
        var labs = new[] { (Lab, new[] { "core", "media", "downloads" }), (HardeningTests.Hardened(), new[] { "apps", "home" }) };
        foreach (var (lab, stacks) in labs)
            foreach (var stack in stacks)
            foreach (var service in Rendered.Compose(lab, stack).At("services").Keys())
            {
                var keys = Rendered.ServiceNode(lab, stack, service).Keys();
                Assert.All(keys, k => Assert.Contains(k, order));
                Assert.Equal(keys.OrderBy(k => Array.IndexOf(order, k)), keys);
            }
    }

    [Fact]
    public void Image_container_name_command_entrypoint_and_user_are_written()
    {
        var qbit = Rendered.ServiceNode(Lab, "downloads", "qbittorrent");
        Assert.Equal("lscr.io/linuxserver/qbittorrent:5.0.4", qbit.At("image").Str());
        Assert.Equal("qbittorrent", qbit.At("container_name").Str());
        Assert.Equal(["--webui-port=8080", "--profile=/config"], qbit.At("command").Strings());
        Assert.Equal("1000:1000", qbit.At("user").Str());
        var init = Rendered.ServiceNode(Lab, "downloads", "init");
        Assert.Equal(["sh", "-c"], init.At("entrypoint").Strings());
        Assert.Equal("download-janitor", Rendered.ServiceNode(Lab, "downloads", "janitor").At("container_name").Str());
    }

    [Theory]
    [InlineData("jellyfin", "media", "unless-stopped")] // default, always on
    [InlineData("sonarr", "media", "no")]               // default, lazy
    [InlineData("init", "downloads", "no")]
    [InlineData("janitor", "downloads", "on-failure")]
    public void Restart_policy(string service, string stack, string expected)
    {
        Assert.Equal(expected, Rendered.ServiceNode(Lab, stack, service).At("restart").Str());
    }

    [Fact]
    public void Restart_no_is_quoted_so_yaml_11_readers_keep_the_string()
    {
        Assert.Contains("restart: \"no\"", Rendered.ComposeText(Lab, "media"));
        var lab = Rendered.OneStack(Service("a", "s") with { Restart = Restart.Always }, Service("b", "s") with { Restart = Restart.UnlessStopped });
        Assert.Equal("always", Rendered.ServiceNode(lab, "s", "a").At("restart").Str());
        Assert.Equal("unless-stopped", Rendered.ServiceNode(lab, "s", "b").At("restart").Str());
    }

    [Fact]
    public void Every_service_with_its_own_network_joins_homelab_and_routed_ones_traefik()
    {
        Assert.Equal(["homelab-network", "traefik-network"], Rendered.ServiceNode(Lab, "media", "jellyfin").At("networks").Strings());
        Assert.Equal(["homelab-network"], Rendered.ServiceNode(Lab, "media", "postgres").At("networks").Strings());
    }

    [Fact]
    public void External_networks_are_declared_only_when_used_and_local_networks_are_declared_plain()
    {
        var downloads = Rendered.Compose(Lab, "downloads");
        Assert.Equal(["homelab-network", "traefik-network", "vpn-internal"], downloads.At("networks").Keys());
        Assert.Equal("true", downloads.At("networks", "traefik-network", "external").Str());
        Assert.Equal("true", downloads.At("networks", "homelab-network", "external").Str());
        Assert.Empty(downloads.At("networks", "vpn-internal").Keys());

        var lab = Rendered.OneStack(Service("worker", "jobs"));
        Assert.Equal(["homelab-network"], Rendered.Compose(lab, "jobs").At("networks").Keys());
    }

    [Fact]
    public void Ports_are_quoted_short_syntax_with_host_ip_and_protocol()
    {
        Assert.Equal(["80:80", "443:443"], Rendered.ServiceNode(Lab, "core", "traefik").At("ports").Strings());
        Assert.Equal(["127.0.0.1:6881:6881/udp"], Rendered.ServiceNode(Lab, "downloads", "gluetun").At("ports").Strings());
        Assert.Contains("- \"80:80\"", Rendered.ComposeText(Lab, "core"));
    }

    [Fact]
    public void Volumes_bind_named_and_read_only_and_named_ones_are_declared()
    {
        var media = Rendered.Compose(Lab, "media");
        Assert.Equal(["./jellyfin/config:/config", "/mnt/media:/media:ro", "jellyfin-cache:/cache"], media.At("services", "jellyfin", "volumes").Strings());
        Assert.Equal(["jellyfin-cache", "pgdata"], media.At("volumes").Keys());
        Assert.False(Rendered.Compose(Lab, "core").Has("volumes"));
    }

    [Fact]
    public void Route_labels_name_router_and_service_after_the_service_and_target_the_container_port()
    {
        var lab = Rendered.OneStack(Service("web", "site") with { Route = new RouteSpec(3000, "www"), Ports = [new PortSpec(8443, 443)] });
        var labels = Rendered.ServiceNode(lab, "site", "web").At("labels").StringMap();
        Assert.Equal("true", labels["traefik.enable"]);
        Assert.Equal("traefik-network", labels["traefik.docker.network"]);
        Assert.Equal("Host(`www.example.duckdns.org`)", labels["traefik.http.routers.web.rule"]);
        Assert.Equal("websecure", labels["traefik.http.routers.web.entrypoints"]);
        Assert.Equal("letsencrypt", labels["traefik.http.routers.web.tls.certresolver"]);
        Assert.Equal("authelia@file,security-headers@file", labels["traefik.http.routers.web.middlewares"]);
        Assert.Equal("web", labels["traefik.http.routers.web.service"]);
        Assert.Equal("3000", labels["traefik.http.services.web.loadbalancer.server.port"]);
    }

    [Fact]
    public void Path_prefixes_extend_the_rule()
    {
        var labels = Rendered.ServiceNode(Lab, "media", "sonarr").At("labels").StringMap();
        Assert.Equal("Host(`sonarr.example.duckdns.org`) && (PathPrefix(`/api`) || PathPrefix(`/feed`))", labels["traefik.http.routers.sonarr.rule"]);
    }

    [Theory]
    [InlineData(Access.Default, Access.TwoFactor, "authelia@file,security-headers@file")]
    [InlineData(Access.Default, Access.Bypass, "security-headers@file")]
    [InlineData(Access.Bypass, Access.TwoFactor, "security-headers@file")]
    [InlineData(Access.OneFactor, Access.Bypass, "authelia@file,security-headers@file")]
    [InlineData(Access.TwoFactor, Access.Bypass, "authelia@file,security-headers@file")]
    public void Authelia_middleware_unless_the_effective_access_is_bypass(Access routeAccess, Access labDefault, string? expected)
    {
        var lab = Rendered.OneStack(Service("web", "site") with { Route = new RouteSpec(80, "web", routeAccess) }) with { DefaultAccess = labDefault };
        var labels = Rendered.ServiceNode(lab, "site", "web").At("labels").StringMap();
        Assert.Equal(expected, labels.GetValueOrDefault("traefik.http.routers.web.middlewares"));
    }

    [Fact]
    public void Lazy_services_get_sablier_labels_and_the_group_middleware_after_authelia()
    {
        var labels = Rendered.ServiceNode(Lab, "media", "sonarr").At("labels").StringMap();
        Assert.Equal("true", labels["sablier.enable"]);
        Assert.Equal("arr", labels["sablier.group"]);
        Assert.Equal("authelia@file,sablier-arr@file,security-headers@file", labels["traefik.http.routers.sonarr.middlewares"]);

        var bypassLazy = Rendered.OneStack(Service("docs", "site") with { Route = new RouteSpec(80, "docs", Access.Bypass), LazyStart = new LazyStartSpec("docs") });
        Assert.Equal("sablier-docs@file,security-headers@file", Rendered.ServiceNode(bypassLazy, "site", "docs").At("labels").StringMap()["traefik.http.routers.docs.middlewares"]);
    }

    [Fact]
    public void Dashboard_labels_with_href_when_routed()
    {
        var labels = Rendered.ServiceNode(Lab, "media", "jellyfin").At("labels").StringMap();
        Assert.Equal("Media", labels["homepage.group"]);
        Assert.Equal("Jellyfin", labels["homepage.name"]);
        Assert.Equal("jellyfin.png", labels["homepage.icon"]);
        Assert.Equal("Movies and TV", labels["homepage.description"]);
        Assert.Equal("https://jellyfin.example.duckdns.org", labels["homepage.href"]);

        var unrouted = Rendered.OneStack(Service("backup", "ops") with { Dashboard = new DashboardSpec("Ops", "Backup") });
        var plain = Rendered.ServiceNode(unrouted, "ops", "backup").At("labels").StringMap();
        Assert.False(plain.ContainsKey("homepage.href"));
        Assert.False(plain.ContainsKey("homepage.icon"));
        Assert.False(plain.ContainsKey("traefik.enable"));
    }

    [Fact]
    public void User_labels_come_last_and_override_generated_ones()
    {
        var labels = Rendered.ServiceNode(Lab, "media", "sonarr").At("labels");
        var keys = labels.Keys();
        Assert.Equal(["com.example.note", "homepage.name"], keys[^2..]);
        Assert.Equal("Sonarr TV", labels.StringMap()["homepage.name"]);
        Assert.Single(keys, k => k == "homepage.name");
    }

    [Fact]
    public void Dollars_in_labels_are_escaped_for_compose()
    {
        Assert.Equal("cost: $$5 # cheap", Rendered.ServiceNode(Lab, "media", "sonarr").At("labels").StringMap()["com.example.note"]);
    }

    [Fact]
    public void Egress_service_uses_the_target_network_stack_and_waits_for_its_health()
    {
        var qbit = Rendered.ServiceNode(Lab, "downloads", "qbittorrent");
        Assert.Equal("service:gluetun", qbit.At("network_mode").Str());
        Assert.False(qbit.Has("networks"));
        Assert.False(qbit.Has("ports"));
        Assert.Equal("service_healthy", qbit.At("depends_on", "gluetun", "condition").Str());
        var labels = qbit.At("labels").StringMap();
        Assert.DoesNotContain(labels.Keys, k => k.StartsWith("traefik.", StringComparison.Ordinal));
        Assert.Equal("https://torrent.example.duckdns.org", labels["homepage.href"]);
    }

    [Fact]
    public void Egress_route_moves_to_the_target_with_the_egress_service_name_and_port()
    {
        var gluetun = Rendered.ServiceNode(Lab, "downloads", "gluetun");
        Assert.Equal(["homelab-network", "traefik-network", "vpn-internal"], gluetun.At("networks").Strings());
        var labels = gluetun.At("labels").StringMap();
        Assert.Equal("Host(`torrent.example.duckdns.org`)", labels["traefik.http.routers.qbittorrent.rule"]);
        Assert.Equal("qbittorrent", labels["traefik.http.routers.qbittorrent.service"]);
        Assert.Equal("8080", labels["traefik.http.services.qbittorrent.loadbalancer.server.port"]);
        Assert.Equal("authelia@file,security-headers@file", labels["traefik.http.routers.qbittorrent.middlewares"]);
    }

    [Fact]
    public void Egress_target_without_healthcheck_is_waited_for_as_started()
    {
        var lab = Rendered.OneStack(Service("vpn", "dl"), Service("client", "dl") with { EgressThrough = "vpn" });
        Assert.Equal("service_started", Rendered.ServiceNode(lab, "dl", "client").At("depends_on", "vpn", "condition").Str());
        Assert.False(Rendered.ServiceNode(lab, "dl", "vpn").Has("labels"));
        Assert.Equal(["homelab-network"], Rendered.ServiceNode(lab, "dl", "vpn").At("networks").Strings());
    }

    [Fact]
    public void Depends_on_uses_the_long_form_and_only_lists_services_of_the_same_stack()
    {
        var sonarr = Rendered.ServiceNode(Lab, "media", "sonarr");
        Assert.Equal(["postgres"], sonarr.At("depends_on").Keys()); // traefik lives in the core stack
        Assert.Equal("service_healthy", sonarr.At("depends_on", "postgres", "condition").Str());
        Assert.Equal("service_completed_successfully", Rendered.ServiceNode(Lab, "downloads", "janitor").At("depends_on", "init", "condition").Str());
        var lab = Rendered.OneStack(Service("db", "s"), Service("app", "s") with { DependsOn = [new DependencySpec("db")] });
        Assert.Equal("service_started", Rendered.ServiceNode(lab, "s", "app").At("depends_on", "db", "condition").Str());
    }

    [Fact]
    public void Healthcheck_one_element_runs_in_a_shell_several_are_exec_form()
    {
        var authelia = Rendered.ServiceNode(Lab, "core", "authelia").At("healthcheck");
        Assert.Equal(["CMD-SHELL", "wget -q --spider http://localhost:9091/api/health || exit 1"], authelia.At("test").Strings());
        Assert.Equal("30s", authelia.At("interval").Str());
        Assert.Equal("5s", authelia.At("timeout").Str());
        Assert.Equal("3", authelia.At("retries").Str());
        Assert.Equal("20s", authelia.At("start_period").Str());
        Assert.Equal(["CMD", "pg_isready", "-U", "postgres"], Rendered.ServiceNode(Lab, "media", "postgres").At("healthcheck", "test").Strings());

        var explicitForm = Rendered.OneStack(Service("a", "s") with { Healthcheck = new HealthcheckSpec(["CMD", "true"]) });
        var check = Rendered.ServiceNode(explicitForm, "s", "a").At("healthcheck");
        Assert.Equal(["CMD", "true"], check.At("test").Strings());
        Assert.False(check.Has("retries"));
        Assert.False(check.Has("interval"));
    }

    [Fact]
    public void Resources_and_gpu_reservations()
    {
        var deploy = Rendered.ServiceNode(Lab, "media", "jellyfin").At("deploy", "resources");
        Assert.Equal("2", deploy.At("limits", "cpus").Str());
        Assert.Equal("4G", deploy.At("limits", "memory").Str());
        Assert.Equal("0.5", deploy.At("reservations", "cpus").Str());
        Assert.Equal("512M", deploy.At("reservations", "memory").Str());
        var device = Assert.Single(((YamlDotNet.RepresentationModel.YamlSequenceNode)deploy.At("reservations", "devices")).Children);
        Assert.Equal("nvidia", device.At("driver").Str());
        Assert.Equal("all", device.At("count").Str());
        Assert.Equal(["gpu"], device.At("capabilities").Strings());

        // Without [Resources] the lab's default limits apply (HardeningTests has the details); a GPU is still reserved.
        var postgres = Rendered.ServiceNode(Lab, "media", "postgres").At("deploy", "resources");
        Assert.Equal(["cpus", "memory"], postgres.At("limits").Keys());
        Assert.Equal("1", ((YamlDotNet.RepresentationModel.YamlSequenceNode)postgres.At("reservations", "devices")).Children[0].At("count").Str());
        Assert.Equal(["limits"], Rendered.ServiceNode(Lab, "core", "traefik").At("deploy", "resources").Keys());
    }

    [Fact]
    public void Lab_variables_stay_interpolated_and_env_defines_exactly_those_used()
    {
        var sonarr = Rendered.ServiceNode(Lab, "media", "sonarr").At("environment").StringMap();
        Assert.Equal("${PUID}", sonarr["PUID"]);
        Assert.Equal("${TZ}", sonarr["TZ"]);
        Assert.Equal("https://jellyfin.${DOMAIN}", Rendered.ServiceNode(Lab, "media", "jellyfin").At("environment").StringMap()["JELLYFIN_PublishedServerUrl"]);

        Assert.Equal(["DOMAIN", "TZ", "PUID", "PGID"], Rendered.EnvLines(Rendered.EnvText(Lab, "media")).Keys);
        var core = Rendered.EnvLines(Rendered.EnvText(Lab, "core"));
        Assert.Equal(["DOMAIN", "TZ"], core.Keys);
        Assert.Equal("example.duckdns.org", core["DOMAIN"]);
        Assert.Equal("Europe/Berlin", core["TZ"]);
        // Secrets are files now: a stack that only uses secrets has nothing in its .env.
        Assert.Empty(Rendered.EnvLines(Rendered.EnvText(Lab, "downloads")));
    }

    [Fact]
    public void Other_dollars_in_env_values_are_escaped_and_a_double_dollar_stays_one_literal_dollar()
    {
        // ${OTHER} names no lab variable (the generator and the runner refuse it); the renderer keeps it literal.
        var lab = Rendered.OneStack(Service("a", "s") with { Environment = [new EnvVar("X", "$HOME ${OTHER} ${DOMAIN} $${TZ} 5$ $$")] });
        Assert.Equal("$$HOME $${OTHER} ${DOMAIN} $${TZ} 5$$ $$", Rendered.ServiceNode(lab, "s", "a").At("environment").StringMap()["X"]);
        Assert.Equal(["DOMAIN"], Rendered.EnvLines(Rendered.EnvText(lab, "s")).Keys);
    }

    [Fact]
    public void Secrets_are_mounted_files_referenced_by_path_and_their_values_live_only_in_those_files()
    {
        const string secret = "s3cr3t-Value!";
        var settings = RuntimeSettings.FromLab(Lab) with
        {
            Secrets = new SecretValues(new Dictionary<string, string> { ["db-password"] = secret }),
        };
        var files = Rendered.StackFiles(Lab, "media", settings);
        var compose = files.Single(f => f.RelativePath == "compose.yaml").Content;
        var postgres = YamlAccess.Parse(compose).At("services", "postgres");
        Assert.Equal("/run/secrets/db-password", postgres.At("environment", "POSTGRES_PASSWORD_FILE").Str());
        Assert.False(postgres.At("environment").Has("POSTGRES_PASSWORD"));
        Assert.Contains("./secrets/db-password:/run/secrets/db-password:ro", postgres.At("volumes").Strings());
        var file = files.Single(f => f.RelativePath == "secrets/db-password");
        Assert.Equal(secret, file.Content);
        Assert.True(file.Sensitive && file.WriteOnce);
        Assert.All(files.Where(f => f != file), f => Assert.DoesNotContain(secret, f.Content));
        Assert.DoesNotContain(secret, file.ToString());
    }

    [Fact]
    public void Dockge_urls_list_the_stack_routes()
    {
        Assert.Equal(["https://jellyfin.example.duckdns.org", "https://sonarr.example.duckdns.org"], Rendered.Compose(Lab, "media").At("x-dockge", "urls").Strings());
        Assert.False(Rendered.Compose(Rendered.OneStack(Service("worker", "jobs")), "jobs").Has("x-dockge"));
    }

    [Fact]
    public void Domain_override_changes_hosts_in_labels()
    {
        var settings = RuntimeSettings.FromLab(Lab, domain: "lab.example.net");
        var labels = Rendered.ServiceNode(Lab, "media", "jellyfin", settings).At("labels").StringMap();
        Assert.Equal("Host(`jellyfin.lab.example.net`)", labels["traefik.http.routers.jellyfin.rule"]);
        Assert.Equal("DOMAIN=lab.example.net", Rendered.EnvText(Lab, "media", settings).Split('\n')[1]);
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var first = LabRenderer.Render(Lab, RuntimeSettings.FromLab(Lab));
        var second = LabRenderer.Render(Rich(), RuntimeSettings.FromLab(Rich()));
        Assert.Equal(
            first.Servers.SelectMany(s => s.Stacks).SelectMany(s => s.Files).Select(f => f.Content),
            second.Servers.SelectMany(s => s.Stacks).SelectMany(s => s.Files).Select(f => f.Content));
    }
}
