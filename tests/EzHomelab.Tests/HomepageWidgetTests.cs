using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Homepage;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Tests;

/// <summary>
/// [Widget] on a dashboard entry: services.yaml gets a widget whose key is Homepage's file placeholder, and the
/// Homepage container gets the key's file mounted and named by <c>HOMEPAGE_FILE_*</c>; the value is never written
/// outside the secret file.
/// </summary>
public class HomepageWidgetTests
{
    private const string SonarrKey = "sonarr-key-value-7c1d";
    private const string JellyfinKey = "jellyfin-key-value-93ab";

    /// <summary>The core lab with three widgets (default URL and fields; own URL; no key) and one widget without a dashboard entry.</summary>
    internal static Lab Lab()
    {
        var lab = CoreTestLab.Lab();
        return lab with
        {
            Services = lab.Services.Select(s => s.Name switch
            {
                "sonarr" => s with { Dashboard = new DashboardSpec("Media", "Sonarr"), Widget = new WidgetSpec("sonarr", ApiKeySecret: "sonarr-api-key", Fields: ["wanted", "queued"]) },
                "jellyfin" => s with { Dashboard = new DashboardSpec("Media", "Jellyfin"), Widget = new WidgetSpec("jellyfin", "http://192.168.1.40:8096", "jellyfin-api-key") },
                "radarr" => s with { Dashboard = new DashboardSpec("Media", "Radarr"), Widget = new WidgetSpec("radarr") },
                // Without a dashboard entry the widget has nowhere to be shown, so Homepage needs no key for it.
                "dockge" => s with { Widget = new WidgetSpec("dockge", ApiKeySecret: "dockge-api-key") },
                _ => s,
            }).ToArray(),
        };
    }

    private static RuntimeSettings Settings(Lab lab) => CoreTestLab.WithSecrets(lab) with
    {
        Secrets = new SecretValues(new Dictionary<string, string> { ["sonarr-api-key"] = SonarrKey, ["jellyfin-api-key"] = JellyfinKey }),
    };

    private static string ServicesYaml(Lab lab) =>
        Rendered.StackFiles(lab, "dashboards", Settings(lab)).Single(f => f.RelativePath == HomepageRenderer.DefaultConfigFolder + "/" + HomepageRenderer.ServicesFile).Content;

    private static YamlMappingNode Entry(string servicesYaml, string group, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(servicesYaml));
        var groupEntries = Assert.IsType<YamlSequenceNode>(stream.Documents.Single().RootNode).Children
            .Select(g => Assert.Single(Assert.IsType<YamlMappingNode>(g).Children))
            .Single(g => ((YamlScalarNode)g.Key).Value == group).Value;
        return Assert.IsType<YamlMappingNode>(Assert.IsType<YamlSequenceNode>(groupEntries).Children
            .Select(e => Assert.Single(Assert.IsType<YamlMappingNode>(e).Children))
            .Single(e => ((YamlScalarNode)e.Key).Value == name).Value);
    }

    [Fact]
    public void Services_yaml_widget_has_type_url_key_placeholder_and_fields()
    {
        var yaml = ServicesYaml(Lab());

        var sonarr = Entry(yaml, "Media", "Sonarr").At("widget");
        Assert.Equal(["type", "url", "key", "fields"], sonarr.Keys());
        Assert.Equal("sonarr", sonarr.At("type").Str());
        Assert.Equal("http://sonarr:8989", sonarr.At("url").Str()); // container name and route port
        Assert.Equal("{{HOMEPAGE_FILE_SONARR_API_KEY}}", sonarr.At("key").Str());
        Assert.Equal(["wanted", "queued"], sonarr.At("fields").Strings());

        var jellyfin = Entry(yaml, "Media", "Jellyfin").At("widget");
        Assert.Equal("http://192.168.1.40:8096", jellyfin.At("url").Str());
        Assert.Equal("{{HOMEPAGE_FILE_JELLYFIN_API_KEY}}", jellyfin.At("key").Str());

        var radarr = Entry(yaml, "Media", "Radarr").At("widget");
        Assert.Equal(["type", "url"], radarr.Keys());
    }

    [Fact]
    public void The_key_value_is_never_in_services_yaml_compose_or_env()
    {
        var lab = Lab();
        var files = Rendered.StackFiles(lab, "dashboards", Settings(lab));
        // The values exist (the secret files hold them), so a missing value cannot make this pass.
        Assert.Contains(files, f => f.RelativePath == LabSecrets.StackPath("sonarr-api-key") && f.Content == SonarrKey);
        foreach (var file in files.Where(f => !f.RelativePath.StartsWith(LabSecrets.SecretsFolder + "/", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(SonarrKey, file.Content);
            Assert.DoesNotContain(JellyfinKey, file.Content);
        }
    }

    [Fact]
    public void Homepage_reads_each_key_from_a_read_only_secret_file()
    {
        var lab = Lab();
        var homepage = Rendered.ServiceNode(lab, "dashboards", "homepage", Settings(lab));
        var environment = homepage.At("environment").StringMap();
        Assert.Equal("/run/secrets/sonarr-api-key", environment["HOMEPAGE_FILE_SONARR_API_KEY"]);
        Assert.Equal("/run/secrets/jellyfin-api-key", environment["HOMEPAGE_FILE_JELLYFIN_API_KEY"]);
        Assert.DoesNotContain(environment.Keys, k => k.Contains("DOCKGE", StringComparison.Ordinal));
        var volumes = homepage.At("volumes").Strings();
        Assert.Contains("./secrets/sonarr-api-key:/run/secrets/sonarr-api-key:ro", volumes);
        Assert.Contains("./secrets/jellyfin-api-key:/run/secrets/jellyfin-api-key:ro", volumes);
        Assert.Equal(["jellyfin-api-key", "sonarr-api-key"], LabSecrets.InStack(lab, lab.StacksOn(lab.Core).Single(s => s.Name == "dashboards")));
        // The services that own the widgets read nothing new.
        Assert.Empty(LabSecrets.Of(lab, lab.FindService("sonarr")!));
    }

    [Fact]
    public void A_widget_without_a_dashboard_entry_is_not_rendered()
    {
        var yaml = ServicesYaml(Lab());
        Assert.DoesNotContain("dockge", yaml);
        Assert.DoesNotContain("dockge-api-key", LabSecrets.WidgetKeySecrets(Lab()));
    }

    [Fact]
    public void Docker_compose_config_accepts_the_homepage_stack_with_widget_secrets()
    {
        var lab = Lab();
        var files = Rendered.StackFiles(lab, "dashboards", Settings(lab));
        Assert.Empty(ComposeSchema.Errors(files.Single(f => f.RelativePath == "compose.yaml").Content));
        if (!DockerComposeTool.IsAvailable()) return;
        var result = DockerComposeTool.Config(files, quiet: true);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Theory]
    [InlineData("x", true)]
    [InlineData("sonarr", true)]
    [InlineData("uptimekuma", true)]
    [InlineData("unifi_console", true)]
    [InlineData("Sonarr", false)]
    [InlineData("uptime-kuma", false)]
    [InlineData("1password", false)]
    [InlineData("", false)]
    public void Widget_types_are_lower_case_identifiers(string type, bool valid) =>
        Assert.Equal(valid, Rules.HomepageWidget.IsValidType(type));
}
