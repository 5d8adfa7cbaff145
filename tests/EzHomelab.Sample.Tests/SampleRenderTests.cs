using System.Text.Json;
using EzHomelab.Rules;
using EzHomelab.Tests.Support;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Sample.Tests;

/// <summary>The sample lab, rendered: valid for docker-compose and the compose spec, and it says what the seed lab means.</summary>
public sealed class SampleRenderTests(RenderedSample sample) : IClassFixture<RenderedSample>
{
    private const string Domain = MyHomelab.HomeLab.BaseDomain;

    // Loaded once: the library registers a schema by its $id process-wide and refuses a second registration.
    private static readonly Lazy<JsonSchema> ComposeSchema = new(() => JsonSchema.FromFile(RepositoryLayout.ComposeSchemaPath));

    public static TheoryData<string> Stacks() => new(RenderedSample.StackNames);

    [Fact]
    public void Render_writes_one_folder_per_stack_with_compose_file_and_env_file()
    {
        Assert.True(sample.ExitCode == 0, $"render exited {sample.ExitCode}\nstdout:\n{sample.StandardOutput}\nstderr:\n{sample.StandardError}");
        var folders = Directory.GetDirectories(sample.OutputDirectory).Select(Path.GetFileName)
            .Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(RenderedSample.StackNames, folders);
        foreach (var stack in RenderedSample.StackNames)
        {
            Assert.True(File.Exists(Path.Combine(sample.StackDirectory(stack), "compose.yaml")), $"{stack}/compose.yaml missing");
            Assert.True(File.Exists(Path.Combine(sample.StackDirectory(stack), ".env")), $"{stack}/.env missing");
        }
    }

    [Fact]
    public void Generated_model_holds_every_service_of_the_seed_lab_in_its_stack()
    {
        var byStack = sample.Lab.Services.GroupBy(s => s.Stack)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["authelia", "duckdns", "traefik"], byStack["core"]);
        Assert.Equal(["dockge"], byStack["dockge"]);
        Assert.Equal(["sablier"], byStack["sablier"]);
        Assert.Equal(["dockerproxy"], byStack["infrastructure"]);
        Assert.Equal(["homepage"], byStack["dashboards"]);
        Assert.Equal(["jellyfin"], byStack["media"]);
        Assert.Equal(["prowlarr", "radarr", "sonarr"], byStack["media-management"]);
        Assert.Equal(["gluetun", "qbittorrent"], byStack["vpn"]);
        Assert.Equal(RenderedSample.StackNames, byStack.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Domain, sample.Lab.Domain);
        Assert.Equal(Access.TwoFactor, sample.Lab.DefaultAccess);
    }

    [Fact]
    public void Every_image_is_pinned_to_a_version()
    {
        foreach (var service in sample.Lab.Services)
            Assert.True(ImageReference.Check(service.Image) == ImageReference.Verdict.Valid, $"{service.Name}: image '{service.Image}' is not pinned to a version");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Stack_passes_docker_compose_config(string stack)
    {
        var result = await DockerCompose(stack, "config", "-q");
        Assert.True(result.ExitCode == 0, $"docker-compose config -q rejected {stack}/compose.yaml:\n{result.Output}");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Stack_matches_the_compose_specification_schema(string stack)
    {
        var results = ComposeSchema.Value.Evaluate(sample.Compose(stack).ToJson(), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(results.IsValid, $"{stack}/compose.yaml breaks the compose spec:\n{string.Join('\n', errors)}");
    }

    // The two checks above must be able to fail: the same file with a plain `no` (a boolean for YAML 1.1)
    // and an unknown key is rejected by both.
    [Fact]
    public async Task Both_checkers_reject_a_broken_compose_file()
    {
        var dir = Directory.CreateTempSubdirectory("ezh-sample-broken-").FullName;
        try
        {
            var path = Path.Combine(dir, "compose.yaml");
            File.WriteAllText(path, "services:\n  web:\n    image: \"nginx:1.27.4\"\n    restart: no\n    restart_policy_typo: always\n");
            var schemaResult = ComposeSchema.Value.Evaluate(new ComposeFile(path).ToJson(), new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.False(schemaResult.IsValid);
            var compose = await ChildProcess.RunAsync("docker-compose", ["-f", "compose.yaml", "-p", "ezh-broken", "config", "-q"], dir);
            Assert.NotEqual(0, compose.ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Compose_resolves_lab_variables_from_the_stack_env_file()
    {
        var result = await DockerCompose("media-management", "config");
        Assert.True(result.ExitCode == 0, result.Output);
        var resolved = new YamlStream();
        resolved.Load(new StringReader(result.StandardOutput));
        var env = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)resolved.Documents[0].RootNode)["services"])["sonarr"])["environment"];
        Assert.Equal("1000", ((YamlScalarNode)env["PUID"]).Value);
        Assert.Equal("1000", ((YamlScalarNode)env["PGID"]).Value);
        Assert.Equal("Europe/Berlin", ((YamlScalarNode)env["TZ"]).Value);
    }

    [Fact]
    public void Qbittorrent_uses_gluetuns_network_and_its_route_moves_to_gluetun()
    {
        var vpn = sample.Compose("vpn");
        Assert.Equal("service:gluetun", vpn.Scalar("qbittorrent", "network_mode")?.Value);
        Assert.Empty(vpn.Networks("qbittorrent"));
        Assert.False(vpn.Has("qbittorrent", "ports"), "qbittorrent publishes ports although its network belongs to gluetun");
        Assert.DoesNotContain(vpn.Labels("qbittorrent").Keys, k => k.StartsWith("traefik.", StringComparison.Ordinal));

        var gluetun = vpn.Labels("gluetun");
        Assert.Equal($"Host(`qbittorrent.{Domain}`)", gluetun["traefik.http.routers.qbittorrent.rule"]);
        Assert.Equal("8080", gluetun["traefik.http.services.qbittorrent.loadbalancer.server.port"]);
        Assert.Contains("traefik-network", vpn.Networks("gluetun"));
    }

    [Fact]
    public void Gluetun_gets_the_capability_and_the_tun_device_it_needs()
    {
        var vpn = sample.Compose("vpn");
        Assert.Equal(["NET_ADMIN", "NET_RAW", "CHOWN"], Strings(vpn.Service("gluetun"), "cap_add"));
        Assert.Equal(["/dev/net/tun:/dev/net/tun"], Strings(vpn.Service("gluetun"), "devices"));
        // Only the VPN client holds network privileges; the torrent client shares its network stack instead and keeps
        // only what the LinuxServer init needs.
        Assert.Equal(LinuxServerCapabilities, Strings(vpn.Service("qbittorrent"), "cap_add"));
        Assert.False(vpn.Has("qbittorrent", "devices"));
    }

    // The sample's two overrides (Vpn.cs, Media.cs) change what they name and nothing else: every other setting of the
    // service is still the catalog's.
    [Fact]
    public void The_samples_overrides_replace_only_what_they_name()
    {
        var vpn = sample.Compose("vpn");
        var gluetun = vpn.Environment("gluetun");
        Assert.Equal("protonvpn", gluetun["VPN_SERVICE_PROVIDER"]);
        Assert.Equal("Switzerland", gluetun["SERVER_COUNTRIES"]);
        // Catalog.Gluetun's own: the tunnel type and the credentials it reads, each replaced key still in its place.
        Assert.Equal(["TZ", "VPN_SERVICE_PROVIDER", "VPN_TYPE", "SERVER_COUNTRIES", "OPENVPN_USER_SECRETFILE", "OPENVPN_PASSWORD_SECRETFILE"],
            vpn.Service("gluetun").At("environment").Keys());
        Assert.Equal("openvpn", gluetun["VPN_TYPE"]);
        Assert.StartsWith("qmcgaw/gluetun:", vpn.Scalar("gluetun", "image")?.Value);
        Assert.True(vpn.Has("gluetun", "healthcheck"), "Catalog.Gluetun's healthcheck is gone");

        var media = sample.Compose("media");
        var limits = media.Service("jellyfin").At("deploy", "resources", "limits");
        Assert.Equal("6g", limits.At("memory").Str());
        // What [Resources] does not name keeps Catalog.Jellyfin's (2 CPUs), or the lab's default (1024 processes) where the catalog sets none.
        Assert.Equal("2.0", limits.At("cpus").Str());
        Assert.Equal("1024", media.Scalar("jellyfin", "pids_limit")?.Value);
        Assert.Equal(["./jellyfin/config:/config", "./jellyfin/cache:/cache", "${MEDIA_DIR}:/media:ro"], media.Service("jellyfin").At("volumes").Strings());
        Assert.True(media.Has("jellyfin", "healthcheck"), "Catalog.Jellyfin's healthcheck is gone");
    }

    private static readonly string[] LinuxServerCapabilities = ["CHOWN", "FOWNER", "DAC_OVERRIDE", "SETUID", "SETGID", "KILL"];

    private static string[] Strings(YamlMappingNode service, string key) =>
        Assert.IsType<YamlSequenceNode>(service[key]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_service_is_hardened_and_holds_only_the_capabilities_its_class_names(string stack)
    {
        var compose = sample.Compose(stack);
        foreach (var name in compose.ServiceNames)
        {
            var service = compose.Service(name);
            var spec = sample.Lab.FindService(name)!;
            Assert.Equal(["ALL"], Strings(service, "cap_drop"));
            Assert.Equal(["no-new-privileges:true"], Strings(service, "security_opt"));
            Assert.Equal(spec.CapAdd, compose.Has(name, "cap_add") ? Strings(service, "cap_add") : []);
            Assert.False(compose.Has(name, "privileged"));
            Assert.True(compose.Has(name, "pids_limit"), $"{stack}/{name} has no pids_limit");
            Assert.True(compose.Has(name, "logging"), $"{stack}/{name} does not rotate its log");
            Assert.True(compose.Has(name, "deploy"), $"{stack}/{name} has no limits");
            if (spec.Image.StartsWith("lscr.io/linuxserver/", StringComparison.Ordinal))
                Assert.Equal(LinuxServerCapabilities, spec.CapAdd.Take(LinuxServerCapabilities.Length));
        }
    }

    [Fact]
    public void Lazy_services_are_not_restarted_by_docker_and_carry_sablier_labels()
    {
        var compose = sample.Compose("media-management");
        foreach (var service in new[] { "sonarr", "radarr", "prowlarr" })
        {
            var restart = compose.Scalar(service, "restart");
            Assert.NotNull(restart);
            Assert.Equal("no", restart.Value);
            // A plain `no` is the boolean false for YAML 1.1 readers such as docker-compose v1.
            Assert.NotEqual(ScalarStyle.Plain, restart.Style);

            var labels = compose.Labels(service);
            Assert.Equal("true", labels["sablier.enable"]);
            Assert.Equal("arr", labels["sablier.group"]);
            Assert.Contains("sablier-arr@file", labels[$"traefik.http.routers.{service}.middlewares"].Split(','));
        }

        // Always-on services keep running across reboots.
        Assert.Equal("unless-stopped", sample.Compose("media").Scalar("jellyfin", "restart")?.Value);
        Assert.DoesNotContain("sablier.enable", sample.Compose("media").Labels("jellyfin").Keys);
    }

    [Fact]
    public void Only_bypass_routes_skip_the_login_middleware()
    {
        var routers = Routers();
        Assert.Equal(
            new[] { "auth", "dockge", "homepage", "jellyfin", "nas", "prowlarr", "qbittorrent", "radarr", "sonarr", "traefik" }.Select(s => $"{s}.{Domain}"),
            routers.Select(r => r.Host).Order(StringComparer.Ordinal));
        foreach (var router in routers)
        {
            var login = router.Middlewares.Where(m => m is "authelia" or "authelia@file").ToArray();
            if (router.Host is $"auth.{Domain}" or $"jellyfin.{Domain}")
                Assert.True(login.Length == 0, $"{router.Host} ({router.Source}) asks for a login although its access is Bypass");
            else
                Assert.True(login.Length == 1, $"{router.Host} ({router.Source}) is not behind the login: [{string.Join(", ", router.Middlewares)}]");
        }
    }

    [Fact]
    public void Routes_use_the_lab_domain_and_target_the_container_port()
    {
        var expected = new Dictionary<string, (string Host, string Port)>
        {
            ["authelia"] = ($"auth.{Domain}", "9091"),
            ["dockge"] = ($"dockge.{Domain}", "5001"),
            ["homepage"] = ($"homepage.{Domain}", "3000"),
            ["jellyfin"] = ($"jellyfin.{Domain}", "8096"),
            ["sonarr"] = ($"sonarr.{Domain}", "8989"),
            ["radarr"] = ($"radarr.{Domain}", "7878"),
            ["prowlarr"] = ($"prowlarr.{Domain}", "9696"),
            ["qbittorrent"] = ($"qbittorrent.{Domain}", "8080"),
        };
        var labelled = Routers().Where(r => r.Labels is not null).ToDictionary(r => r.Name);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), labelled.Keys.Order(StringComparer.Ordinal));
        foreach (var (router, (host, port)) in expected)
        {
            var labels = labelled[router].Labels!;
            Assert.Equal($"Host(`{host}`)", labels[$"traefik.http.routers.{router}.rule"]);
            Assert.Equal(port, labels[$"traefik.http.services.{router}.loadbalancer.server.port"]);
            Assert.Equal("websecure", labels[$"traefik.http.routers.{router}.entrypoints"]);
            Assert.Equal("letsencrypt", labels[$"traefik.http.routers.{router}.tls.certresolver"]);
        }
        // Traefik's own dashboard is its api@internal service, at the host of the Traefik class's [Route].
        var dashboard = Assert.Single(Routers(), r => r.Host == $"traefik.{Domain}");
        Assert.Equal("api@internal", dashboard.Service);
    }

    [Fact]
    public void Routed_services_join_traefik_network_and_every_service_joins_homelab_network()
    {
        foreach (var compose in sample.AllComposeFiles)
        {
            var routed = compose.ServiceNames.Where(s => compose.Labels(s).ContainsKey("traefik.enable")).ToArray();
            foreach (var service in compose.ServiceNames)
            {
                if (compose.Has(service, "network_mode")) continue;
                Assert.Contains("homelab-network", compose.Networks(service));
                if (routed.Contains(service)) Assert.Contains("traefik-network", compose.Networks(service));
                else if (service != "traefik") Assert.DoesNotContain("traefik-network", compose.Networks(service));
            }
            var declared = (YamlMappingNode)compose.Root["networks"];
            var joined = compose.ServiceNames.SelectMany(compose.Networks).Distinct().ToArray();
            foreach (var network in joined.Where(n => n is "homelab-network" or "traefik-network"))
            {
                var definition = (YamlMappingNode)declared[network];
                Assert.Equal("true", ((YamlScalarNode)definition["external"]).Value);
            }
        }
    }

    [Fact]
    public void Compose_files_have_no_top_level_name_or_version()
    {
        foreach (var compose in sample.AllComposeFiles)
        {
            Assert.False(compose.Root.Children.ContainsKey(new YamlScalarNode("name")), $"{compose.Path}: top-level name breaks docker-compose v1");
            Assert.False(compose.Root.Children.ContainsKey(new YamlScalarNode("version")), $"{compose.Path}: version is obsolete");
        }
    }

    [Fact]
    public void Secret_values_live_only_in_their_secret_files()
    {
        var secretFiles = Directory.GetFiles(sample.OutputDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "secrets")
            .ToDictionary(f => f, f => File.ReadAllText(f).TrimEnd('\n'));
        Assert.NotEmpty(secretFiles);

        // Every [SecretEnv] of the lab: its file holds the value the runner was given, and the container is
        // pointed at the file, not given the value.
        foreach (var service in sample.Lab.Services)
            foreach (var secretEnv in service.SecretEnvironment)
            {
                var file = Path.Combine(sample.StackDirectory(service.Stack), "secrets", secretEnv.Secret);
                Assert.True(secretFiles.TryGetValue(file, out var stored), $"{service.Name}: no secret file {file}");
                Assert.Equal(sample.SecretValues[secretEnv.Secret], stored);
                var compose = sample.Compose(service.Stack);
                Assert.Contains(compose.Environment(service.Name).Values, v => v.EndsWith("/" + secretEnv.Secret, StringComparison.Ordinal));
            }

        var otherFiles = Directory.GetFiles(sample.OutputDirectory, "*", SearchOption.AllDirectories).Where(f => !secretFiles.ContainsKey(f)).ToArray();
        foreach (var (file, value) in secretFiles)
        {
            Assert.True(value.Length >= 8, $"{file} holds a value too short to be a secret");
            Assert.DoesNotContain(value, sample.StandardOutput);
            Assert.DoesNotContain(value, sample.StandardError);
            foreach (var other in otherFiles)
                Assert.False(File.ReadAllText(other).Contains(value, StringComparison.Ordinal), $"the value of {file} leaked into {other}");
            if (!OperatingSystem.IsWindows()) // Windows has no Unix modes; the lab's servers are Linux
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        if (!OperatingSystem.IsWindows())
            foreach (var stack in RenderedSample.StackNames)
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(sample.StackDirectory(stack), ".env")));
    }

    [Fact]
    public void Base_class_attributes_reach_every_linuxserver_service()
    {
        foreach (var (stack, service) in new[] { ("core", "duckdns"), ("media-management", "sonarr"), ("media-management", "radarr"), ("media-management", "prowlarr"), ("vpn", "qbittorrent") })
        {
            var env = sample.Compose(stack).Environment(service);
            Assert.Equal("${PUID}", env["PUID"]);
            Assert.Equal("${PGID}", env["PGID"]);
            Assert.Equal("${TZ}", env["TZ"]);
        }
    }

    /// <summary>One Traefik router of the lab, from container labels or from a dynamic configuration file.</summary>
    private sealed record Router(string Name, string Host, IReadOnlyList<string> Middlewares, string? Service, string Source,
        IReadOnlyDictionary<string, string>? Labels);

    /// <summary>Every router the lab's Traefik will load: the labels of every container, and every dynamic file.</summary>
    private List<Router> Routers()
    {
        var routers = new List<Router>();
        foreach (var compose in sample.AllComposeFiles)
            foreach (var service in compose.ServiceNames)
            {
                var labels = compose.Labels(service);
                foreach (var key in labels.Keys)
                    if (key.StartsWith("traefik.http.routers.", StringComparison.Ordinal) && key.EndsWith(".rule", StringComparison.Ordinal))
                    {
                        var name = key["traefik.http.routers.".Length..^".rule".Length];
                        var middlewares = labels.TryGetValue($"traefik.http.routers.{name}.middlewares", out var chain)
                            ? chain.Split(',', StringSplitOptions.TrimEntries) : [];
                        labels.TryGetValue($"traefik.http.routers.{name}.service", out var target);
                        routers.Add(new Router(name, HostOf(labels[key]), middlewares, target, $"labels of {service}", labels));
                    }
            }
        var dynamicFiles = Directory.GetFiles(sample.OutputDirectory, "*.y*ml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "dynamic");
        foreach (var file in dynamicFiles)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) continue;
            if (!root.Children.TryGetValue(new YamlScalarNode("http"), out var http) || http is not YamlMappingNode httpMap) continue;
            if (!httpMap.Children.TryGetValue(new YamlScalarNode("routers"), out var node) || node is not YamlMappingNode routerMap) continue;
            foreach (var (key, value) in routerMap.Children)
            {
                var router = (YamlMappingNode)value;
                var middlewares = router.Children.TryGetValue(new YamlScalarNode("middlewares"), out var list)
                    ? ((YamlSequenceNode)list).Children.Select(m => ((YamlScalarNode)m).Value!).ToArray() : [];
                var target = router.Children.TryGetValue(new YamlScalarNode("service"), out var service) ? ((YamlScalarNode)service).Value : null;
                routers.Add(new Router(((YamlScalarNode)key).Value!, HostOf(((YamlScalarNode)router["rule"]).Value!), middlewares, target, file, null));
            }
        }
        return routers;
    }

    private static string HostOf(string rule)
    {
        var match = System.Text.RegularExpressions.Regex.Match(rule, @"^Host\(`([^`]+)`\)");
        Assert.True(match.Success, $"router rule '{rule}' does not start with Host(`...`)");
        return match.Groups[1].Value;
    }

    private Task<ProcessResult> DockerCompose(string stack, params string[] command) =>
        ChildProcess.RunAsync("docker-compose", ["-f", "compose.yaml", "-p", "ezh-sample", .. command],
            sample.StackDirectory(stack), timeout: TimeSpan.FromMinutes(2));
}
