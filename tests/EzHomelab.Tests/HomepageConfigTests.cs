using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Homepage;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>Homepage's configuration files, read back with a real YAML parser and checked against the lab's routes and servers.</summary>
public class HomepageConfigTests
{
    private const string Folder = "dashboards/homepage/";

    /// <summary>
    /// Three servers: the core (Traefik without its own route, a socket proxy, Homepage, routed and unrouted dashboard
    /// entries), a NAS with an address and a proxy publishing 2375, and a Pi with neither (its engine is unreachable).
    /// </summary>
    internal static Lab Lab() => new()
    {
        Name = "DashLab",
        Domain = Domain,
        Servers = [new ServerSpec("core"), new ServerSpec("nas", "192.168.1.20"), new ServerSpec("pi")],
        Services =
        [
            Service("traefik", "core", "traefik:v3.3.4") with { Dashboard = new DashboardSpec("Infrastructure", "Traefik", "traefik.png") },
            Service("authelia", "core", "authelia/authelia:4.39.1") with { Route = new RouteSpec(9091, "auth", Access.Bypass) },
            Service("socket-proxy", "infrastructure", "tecnativa/docker-socket-proxy:0.3.0"),
            Service("homepage", "dashboards", "ghcr.io/gethomepage/homepage:v1.0.4") with { Route = new RouteSpec(3000, "home") },
            Service("jellyfin", "media", "jellyfin/jellyfin:10.10.7") with
            {
                Route = new RouteSpec(8096, "watch", Access.Bypass),
                Dashboard = new DashboardSpec("Media", "Jellyfin", "jellyfin.png", "Movies and TV"),
            },
            Service("sonarr", "media", "lscr.io/linuxserver/sonarr:4.0.14") with
            {
                Route = new RouteSpec(8989, "sonarr"),
                Dashboard = new DashboardSpec("Media", "Sonarr", Description: "yes"),
                ContainerName = "tv-manager",
            },
            Service("nas-proxy", "infrastructure", "tecnativa/docker-socket-proxy:0.3.0") with
            {
                Server = "nas",
                Ports = [new PortSpec(2376, 2375)],
            },
            Service("nextcloud", "cloud", "nextcloud:30.0.4") with
            {
                Server = "nas",
                Route = new RouteSpec(80, "cloud"),
                Dashboard = new DashboardSpec("admin", "Nextcloud", "nextcloud.png"),
            },
            Service("glances", "monitoring", "nicolargo/glances:4.3.0.8") with
            {
                Server = "pi",
                Dashboard = new DashboardSpec("admin", "Glances"),
            },
        ],
    };

    private static RuntimeSettings Settings(Lab lab) => RuntimeSettings.FromLab(lab);

    private static Dictionary<string, RenderedFile> CoreFiles(Lab lab) =>
        LabRenderer.Render(lab, Settings(lab)).FindServer(lab.Core.Name)!.Stacks
            .SelectMany(stack => stack.Files.Select(f => (Path: stack.Name + "/" + f.RelativePath, File: f)))
            .ToDictionary(x => x.Path, x => x.File);

    private static YamlNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return Assert.Single(stream.Documents).RootNode;
    }

    private static YamlNode File(Lab lab, string name) => Parse(Assert.Contains(Folder + name, (IDictionary<string, RenderedFile>)CoreFiles(lab)).Content);

    /// <summary>services.yaml as (group, entry name, entry map) in file order.</summary>
    private static List<(string Group, string Name, YamlMappingNode Entry)> Entries(YamlNode services) =>
        Assert.IsType<YamlSequenceNode>(services).Children.SelectMany(groupNode =>
        {
            var (group, list) = Assert.Single(Assert.IsType<YamlMappingNode>(groupNode).Children);
            return Assert.IsType<YamlSequenceNode>(list).Children.Select(entryNode =>
            {
                var (name, entry) = Assert.Single(Assert.IsType<YamlMappingNode>(entryNode).Children);
                return (((YamlScalarNode)group).Value!, ((YamlScalarNode)name).Value!, Assert.IsType<YamlMappingNode>(entry));
            });
        }).ToList();

    private static List<string> GroupNames(YamlNode services) =>
        Assert.IsType<YamlSequenceNode>(services).Children.Select(g => ((YamlScalarNode)Assert.Single(((YamlMappingNode)g).Children).Key).Value!).ToList();

    [Fact]
    public void Every_href_is_the_routed_host_of_its_service()
    {
        var lab = Lab();
        var routes = LabRoutes.All(lab, Settings(lab).Domain);
        var byName = lab.Services.Where(s => s.Dashboard is not null).ToDictionary(s => s.Dashboard!.Name);
        var entries = Entries(File(lab, "services.yaml"));

        var withHref = entries.Where(e => e.Entry.Has("href")).ToList();
        Assert.NotEmpty(withHref);
        foreach (var (_, name, entry) in withHref)
        {
            var route = Assert.Single(routes, r => r.Service?.Name == byName[name].Name);
            Assert.Equal("https://" + route.Host, entry.At("href").Str());
        }
        // Exactly the routed services have a link; Traefik's is its dashboard router, the unrouted glances has none.
        Assert.Equal(
            entries.Select(e => byName[e.Name].Name).Where(n => routes.Any(r => r.Service?.Name == n)).Order(),
            withHref.Select(e => byName[e.Name].Name).Order());
        Assert.Contains(withHref, e => byName[e.Name].Name == "traefik");
        Assert.DoesNotContain(withHref, e => e.Name == "Glances");
    }

    [Fact]
    public void Groups_hold_exactly_their_dashboard_services_in_alphabetical_order()
    {
        var lab = Lab();
        var services = File(lab, "services.yaml");
        Assert.Equal(["admin", "Infrastructure", "Media"], GroupNames(services));

        var entries = Entries(services);
        Assert.Equal(lab.Services.Count(s => s.Dashboard is not null), entries.Count);
        foreach (var group in lab.Services.Where(s => s.Dashboard is not null).GroupBy(s => s.Dashboard!.Group))
            Assert.Equal(group.Select(s => s.Dashboard!.Name).Order(StringComparer.OrdinalIgnoreCase), entries.Where(e => e.Group == group.Key).Select(e => e.Name));

        var jellyfin = entries.Single(e => e.Name == "Jellyfin").Entry;
        Assert.Equal("jellyfin.png", jellyfin.At("icon").Str());
        Assert.Equal("Movies and TV", jellyfin.At("description").Str());
        // A description that YAML 1.1 would read as a bool stays a string.
        Assert.Equal("yes", entries.Single(e => e.Name == "Sonarr").Entry.At("description").Str());
        Assert.Contains("description: \"yes\"", CoreFiles(lab)[Folder + "services.yaml"].Content);
    }

    [Fact]
    public void Docker_entries_match_the_servers_this_homepage_can_reach()
    {
        var lab = Lab();
        var docker = File(lab, "docker.yaml");
        Assert.Equal(["core", "nas"], docker.Keys());
        Assert.Equal("socket-proxy", docker.At("core", "host").Str());
        Assert.Equal("2375", docker.At("core", "port").Str());
        Assert.Equal(lab.Servers.Single(s => s.Name == "nas").Address, docker.At("nas", "host").Str());
        Assert.Equal("2376", docker.At("nas", "port").Str());

        // Each entry names its own server and container; the Pi's engine is unreachable, so glances has no status.
        foreach (var (_, name, entry) in Entries(File(lab, "services.yaml")))
        {
            var service = lab.Services.Single(s => s.Dashboard?.Name == name);
            var server = lab.ServerOf(service).Name;
            if (server == "pi")
            {
                Assert.False(entry.Has("server"));
                Assert.False(entry.Has("container"));
                continue;
            }
            Assert.Contains(server, docker.Keys());
            Assert.Equal(server, entry.At("server").Str());
            Assert.Equal(service.EffectiveContainerName, entry.At("container").Str());
        }
        Assert.Equal("tv-manager", Entries(File(lab, "services.yaml")).Single(e => e.Name == "Sonarr").Entry.At("container").Str());
    }

    [Fact]
    public void Without_a_socket_proxy_homepage_reads_the_socket_and_the_compose_file_mounts_it_read_only()
    {
        var lab = Lab() with { Services = Lab().Services.Where(s => s.Name != "socket-proxy").ToArray() };
        var docker = File(lab, "docker.yaml");
        Assert.Equal("/var/run/docker.sock", docker.At("core", "socket").Str());
        Assert.False(docker.At("core").Has("host"));

        var volumes = Rendered.ServiceNode(lab, "dashboards", "homepage").At("volumes").Strings();
        Assert.Contains("/var/run/docker.sock:/var/run/docker.sock:ro", volumes);
    }

    [Fact]
    public void Settings_lay_out_every_group_in_the_services_order()
    {
        var lab = Lab();
        var settings = File(lab, "settings.yaml");
        Assert.Equal(lab.Name, settings.At("title").Str());
        Assert.Equal("dot", settings.At("statusStyle").Str());
        Assert.Equal("clean", settings.At("headerStyle").Str());
        Assert.Equal(GroupNames(File(lab, "services.yaml")), settings.At("layout").Keys());
        foreach (var group in settings.At("layout").Keys())
        {
            Assert.Equal("row", settings.At("layout", group, "style").Str());
            var size = lab.Services.Count(s => s.Dashboard?.Group == group);
            Assert.Equal(Math.Min(size, HomepageConfig.MaxColumns).ToString(System.Globalization.CultureInfo.InvariantCulture), settings.At("layout", group, "columns").Str());
        }
    }

    [Fact]
    public void Widgets_show_resources_search_and_the_date_and_bookmarks_are_empty()
    {
        var lab = Lab();
        var widgets = Assert.IsType<YamlSequenceNode>(File(lab, "widgets.yaml")).Children;
        Assert.Equal(["resources", "search", "datetime"], widgets.Select(w => w.Keys().Single()));
        Assert.Equal("true", widgets[0].At("resources", "cpu").Str());
        Assert.Equal("true", widgets[0].At("resources", "memory").Str());
        Assert.Equal("/", widgets[0].At("resources", "disk").Str());
        Assert.Equal("duckduckgo", widgets[1].At("search", "provider").Str());
        Assert.Equal("_blank", widgets[1].At("search", "target").Str());

        Assert.Empty(Assert.IsType<YamlSequenceNode>(File(lab, "bookmarks.yaml")).Children);
    }

    [Fact]
    public void The_compose_side_sets_allowed_hosts_from_the_route_and_mounts_the_rendered_folder()
    {
        var lab = Lab();
        var homepage = Rendered.ServiceNode(lab, "dashboards", "homepage");
        var route = Assert.Single(LabRoutes.All(lab, Settings(lab).Domain), r => r.Service?.Name == "homepage");
        Assert.Equal(route.Host, homepage.At("environment", HomepageRenderer.AllowedHostsVariable).Str());
        Assert.Contains("./homepage:/app/config", homepage.At("volumes").Strings());
        // The proxy serves the engine, so Homepage does not hold the socket.
        Assert.DoesNotContain(homepage.At("volumes").Strings(), v => v.Contains("docker.sock", StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_value_for_allowed_hosts_wins()
    {
        var lab = Lab() with
        {
            Services = Lab().Services.Select(s => s.Name == "homepage" ? s with { Environment = [new EnvVar(HomepageRenderer.AllowedHostsVariable, "home.${DOMAIN},192.168.1.5:3000")] } : s).ToArray(),
        };
        var environment = Rendered.ServiceNode(lab, "dashboards", "homepage").At("environment");
        Assert.Equal("home.${DOMAIN},192.168.1.5:3000", environment.At(HomepageRenderer.AllowedHostsVariable).Str());
        Assert.Single(environment.Keys(), k => k == HomepageRenderer.AllowedHostsVariable);
    }

    [Fact]
    public void Files_follow_the_folder_the_service_itself_mounts_at_app_config()
    {
        var lab = Lab() with
        {
            Services = Lab().Services.Select(s => s.Name == "homepage" ? s with { Volumes = [new VolumeSpec("./homepage/config/", "/app/config")] } : s).ToArray(),
        };
        var paths = CoreFiles(lab).Keys.Where(p => p.StartsWith("dashboards/", StringComparison.Ordinal) && p.EndsWith(".yaml", StringComparison.Ordinal) && p != "dashboards/compose.yaml").Order().ToList();
        Assert.Equal(
            new[] { "bookmarks.yaml", "docker.yaml", "services.yaml", "settings.yaml", "widgets.yaml" }.Select(f => "dashboards/homepage/config/" + f),
            paths);
        var volumes = Rendered.ServiceNode(lab, "dashboards", "homepage").At("volumes").Strings();
        Assert.Equal(["./homepage/config/:/app/config"], volumes);
    }

    [Theory]
    [InlineData("/srv/homepage")]
    [InlineData("homepage-config")]
    [InlineData("../common/homepage")]
    [InlineData(".")]
    public void No_files_when_homepage_mounts_a_config_folder_outside_the_stack(string source)
    {
        var lab = Lab() with
        {
            Services = Lab().Services.Select(s => s.Name == "homepage" ? s with { Volumes = [new VolumeSpec(source, "/app/config")] } : s).ToArray(),
        };
        Assert.DoesNotContain(CoreFiles(lab).Keys, p => p.StartsWith("dashboards/", StringComparison.Ordinal) && p.EndsWith(".yaml", StringComparison.Ordinal) && p != "dashboards/compose.yaml");
        Assert.Equal([$"{source}:/app/config"], Rendered.ServiceNode(lab, "dashboards", "homepage").At("volumes").Strings());
        // Without a rendered services.yaml, the labels are how an owner-managed Homepage discovers the services.
        Assert.True(Rendered.ServiceNode(lab, "media", "jellyfin").Has("labels", "homepage.group"));
    }

    [Fact]
    public void No_homepage_files_when_the_lab_has_no_homepage()
    {
        var lab = Rich();
        var paths = LabRenderer.Render(lab, Settings(lab)).Servers.SelectMany(s => s.Stacks).SelectMany(s => s.Files).Select(f => f.RelativePath).ToList();
        Assert.NotEmpty(paths);
        Assert.DoesNotContain(paths, p => p.EndsWith("services.yaml", StringComparison.Ordinal) || p.EndsWith("docker.yaml", StringComparison.Ordinal) || p.Contains("homepage/", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_server_running_homepage_gets_its_files()
    {
        var lab = Lab();
        var rendered = LabRenderer.Render(lab, Settings(lab));
        foreach (var server in rendered.Servers.Where(s => s.Name != "core"))
            Assert.DoesNotContain(server.Stacks.SelectMany(s => s.Files), f => f.RelativePath.EndsWith("services.yaml", StringComparison.Ordinal));
        Assert.Equal(5, CoreFiles(lab).Keys.Count(p => p.StartsWith(Folder, StringComparison.Ordinal)));
    }

    [Fact]
    public void Dashboard_labels_are_dropped_when_services_yaml_lists_the_services()
    {
        // Homepage merges label-discovered services with services.yaml, so both would show every entry twice.
        var lab = Lab();
        foreach (var (stack, service) in new[] { ("media", "jellyfin"), ("media", "sonarr"), ("core", "traefik") })
        {
            var node = Rendered.ServiceNode(lab, stack, service);
            Assert.False(node.Has("labels") && node.At("labels").Keys().Any(k => k.StartsWith("homepage.", StringComparison.Ordinal)), $"{service} still has homepage labels");
        }
    }

    public static TheoryData<string, string> Stacks()
    {
        var data = new TheoryData<string, string>();
        var lab = Lab();
        foreach (var server in LabRenderer.Render(lab, Settings(lab)).Servers)
            foreach (var stack in server.Stacks)
                data.Add(server.Name, stack.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Docker_compose_config_accepts_the_dashboard_lab(string server, string stack)
    {
        if (!DockerComposeTool.IsAvailable()) return;
        var lab = Lab();
        var files = LabRenderer.Render(lab, Settings(lab)).FindServer(server)!.Stacks.Single(s => s.Name == stack).Files;
        var result = DockerComposeTool.Config(files, quiet: true);
        Assert.True(result.ExitCode == 0, $"docker-compose config -q failed for {server}/{stack}:\n{result.Stderr}");
    }
}
