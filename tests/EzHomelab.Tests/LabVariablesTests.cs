using System.Collections;
using EzHomelab.Deploy;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>
/// Lab variables at run time: each stack's <c>.env</c> holds exactly the variables its compose file uses, with the value
/// of the run (<c>EZH_VAR_&lt;NAME&gt;</c>, else the default); compose reads the pair back; overrides that would break
/// <c>.env</c> or a path are refused on one line naming the variable; an <c>EZH_VAR_</c> naming no variable is warned about.
/// </summary>
public sealed class LabVariablesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-vars-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>
    /// Two media stacks and one without variables. The lab declares BACKUP_DIR; a template declares MEDIA_DIR and
    /// DOWNLOADS_DIR for Sonarr; Jellyfin uses MEDIA_DIR without declaring it and declares its render device.
    /// </summary>
    private static Lab MediaLab() => new()
    {
        Name = "MediaLab",
        Domain = Domain,
        Timezone = "Europe/Berlin",
        Variables = [new VariableSpec("BACKUP_DIR", "/mnt/backups", "Where backups go", "Lab.MediaLab")],
        Services =
        [
            Service("jellyfin", "media", "jellyfin/jellyfin:10.10.7") with
            {
                Volumes = [new VolumeSpec("./jellyfin/config", "/config"), new VolumeSpec("${MEDIA_DIR}", "/media", ReadOnly: true)],
                Devices = [new DeviceSpec("${RENDER_DEVICE}")],
                Environment = [new EnvVar("PRICE", "$$5 in ${TZ}")],
                Variables = [new VariableSpec("RENDER_DEVICE", "/dev/dri", DeclaredBy: "Lab.jellyfin")],
            },
            Service("sonarr", "media-management", "lscr.io/linuxserver/sonarr:4.0.19.2979-ls317") with
            {
                Volumes =
                [
                    new VolumeSpec("${MEDIA_DIR}/tv", "/tv"),
                    new VolumeSpec("${DOWNLOADS_DIR}", "/downloads"),
                    new VolumeSpec("${BACKUP_DIR}/sonarr", "/backup"),
                ],
                Environment = [new EnvVar("TZ", "${TZ}")],
                Variables =
                [
                    new VariableSpec("MEDIA_DIR", "/mnt/media", "Movies and series", "Catalog.MediaApp"),
                    new VariableSpec("DOWNLOADS_DIR", "/mnt/downloads", DeclaredBy: "Catalog.MediaApp"),
                ],
            },
            Service("web", "web", "nginx:1.27") with { Volumes = [new VolumeSpec("./site", "/usr/share/nginx/html", ReadOnly: true)] },
        ],
    };

    private static LoadedSettings Load(Lab lab, IDictionary? environment = null, string? envFile = null) =>
        RuntimeSettingsLoader.Load(lab, environment ?? new Hashtable(), envFile, lab.Services);

    private string EnvFile(string text)
    {
        var path = Path.Combine(_folder.FullName, "lab.env");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_model_is_accepted_and_knows_who_declared_each_variable()
    {
        var lab = MediaLab();
        Assert.Empty(LabVariables.Problems(lab));
        Assert.Equal(
            [
                new LabVariable("BACKUP_DIR", "/mnt/backups", "Where backups go", ["Lab.MediaLab"]),
                new LabVariable("DOWNLOADS_DIR", "/mnt/downloads", null, ["Catalog.MediaApp"]),
                new LabVariable("MEDIA_DIR", "/mnt/media", "Movies and series", ["Catalog.MediaApp"]),
                new LabVariable("RENDER_DEVICE", "/dev/dri", null, ["Lab.jellyfin"]),
            ],
            LabVariables.Declared(lab), new LabVariableComparer());
    }

    [Fact]
    public void Each_stacks_env_holds_exactly_the_variables_its_services_use()
    {
        var lab = MediaLab();
        var settings = Load(lab).Settings;

        var media = Rendered.EnvLines(Rendered.EnvText(lab, "media", settings));
        Assert.Equal(["TZ", "MEDIA_DIR", "RENDER_DEVICE"], media.Keys);
        Assert.Equal("/mnt/media", media["MEDIA_DIR"]);
        Assert.Equal("/dev/dri", media["RENDER_DEVICE"]);

        var management = Rendered.EnvLines(Rendered.EnvText(lab, "media-management", settings));
        Assert.Equal(["TZ", "BACKUP_DIR", "DOWNLOADS_DIR", "MEDIA_DIR"], management.Keys);
        Assert.Equal("/mnt/backups", management["BACKUP_DIR"]);

        Assert.Empty(Rendered.EnvLines(Rendered.EnvText(lab, "web", settings)));
    }

    [Fact]
    public void Compose_keeps_the_references_and_declares_no_named_volume_for_them()
    {
        var lab = MediaLab();
        var jellyfin = Rendered.ServiceNode(lab, "media", "jellyfin");
        Assert.Equal(["./jellyfin/config:/config", "${MEDIA_DIR}:/media:ro"], jellyfin.At("volumes").Strings());
        // The container path defaults to the host's, so it follows the variable too.
        Assert.Equal(["${RENDER_DEVICE}:${RENDER_DEVICE}"], jellyfin.At("devices").Strings());
        Assert.Equal("$$5 in ${TZ}", jellyfin.At("environment").StringMap()["PRICE"]);

        var management = Rendered.Compose(lab, "media-management");
        Assert.Equal(["${MEDIA_DIR}/tv:/tv", "${DOWNLOADS_DIR}:/downloads", "${BACKUP_DIR}/sonarr:/backup"],
            management.At("services", "sonarr", "volumes").Strings());
        Assert.False(management.Has("volumes"));
    }

    [Fact]
    public void Docker_compose_reads_the_stack_with_its_env_and_mounts_the_values()
    {
        if (!DockerComposeTool.IsAvailable()) return;
        // A value with a space and a '#' must come back whole from .env.
        var lab = MediaLab();
        var settings = Load(lab, new Hashtable { ["EZH_VAR_MEDIA_DIR"] = "/srv/my media #1" }).Settings;
        foreach (var stack in new[] { "media", "media-management", "web" })
        {
            var files = Rendered.StackFiles(lab, stack, settings);
            var quiet = DockerComposeTool.Config(files, quiet: true);
            Assert.True(quiet.ExitCode == 0, quiet.Stderr);
            Assert.DoesNotContain("not set", quiet.Stderr, StringComparison.Ordinal);
        }

        var config = DockerComposeTool.Config(Rendered.StackFiles(lab, "media", settings), quiet: false);
        Assert.True(config.ExitCode == 0, config.Stderr);
        var jellyfin = YamlAccess.Parse(config.Stdout).At("services", "jellyfin");
        Assert.Contains("/srv/my media #1:/media:ro", jellyfin.At("volumes").Strings());
        Assert.Equal("/dev/dri:/dev/dri", Assert.Single(jellyfin.At("devices").Strings()));
        Assert.Equal("$5 in Europe/Berlin", YamlAccess.ComposeUnescape(jellyfin.At("environment", "PRICE").Str()));
    }

    [Fact]
    public void An_override_from_the_environment_or_the_env_file_replaces_the_default()
    {
        var lab = MediaLab();
        var file = EnvFile("EZH_VAR_MEDIA_DIR=/from/file\nEZH_VAR_DOWNLOADS_DIR=/data/downloads\n");
        var loaded = Load(lab, new Hashtable { ["EZH_VAR_MEDIA_DIR"] = "/from/env" }, file);
        Assert.Empty(loaded.Warnings);
        Assert.Equal("/from/env", loaded.Settings.Variables["MEDIA_DIR"]);
        Assert.Equal("/data/downloads", loaded.Settings.Variables["DOWNLOADS_DIR"]);
        Assert.Equal("/mnt/backups", loaded.Settings.Variables["BACKUP_DIR"]);

        var env = Rendered.EnvLines(Rendered.EnvText(lab, "media-management", loaded.Settings));
        Assert.Equal("/from/env", env["MEDIA_DIR"]);
        Assert.Equal("/data/downloads", env["DOWNLOADS_DIR"]);
    }

    [Theory]
    [InlineData("/a\nb", "EZH_VAR_MEDIA_DIR: the value holds a line break (set in the environment)")]
    [InlineData("/a${B}", "EZH_VAR_MEDIA_DIR: the value holds '${', which compose would expand in .env (set in the environment)")]
    [InlineData("/it's$here", "EZH_VAR_MEDIA_DIR: the value holds '$' together with a quote or a backslash, which no .env quoting keeps for both compose versions (set in the environment)")]
    [InlineData("", "EZH_VAR_MEDIA_DIR: the value is empty (set in the environment); set a value, or remove the variable to use the default '/mnt/media'")]
    [InlineData("mnt/media", "EZH_VAR_MEDIA_DIR: service 'jellyfin' (Lab.jellyfin): [Volume] source '${MEDIA_DIR}' becomes 'mnt/media', which is not a host path (starting with '/', './' or '../') (set in the environment)")]
    public void An_override_that_would_break_the_env_file_or_a_path_is_refused_on_one_line(string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => Load(MediaLab(), new Hashtable { ["EZH_VAR_MEDIA_DIR"] = value }));
        Assert.Equal(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_device_override_must_stay_a_device_path()
    {
        var error = Assert.Throws<SettingsException>(() => Load(MediaLab(), new Hashtable { ["EZH_VAR_RENDER_DEVICE"] = "/dev/dri:rw" }));
        Assert.StartsWith("EZH_VAR_RENDER_DEVICE: service 'jellyfin' (Lab.jellyfin): [Device] host path '${RENDER_DEVICE}' becomes '/dev/dri:rw', which is not a device path", error.Message);
    }

    [Fact]
    public void Only_the_services_in_scope_are_judged()
    {
        // --server renders part of a lab: a path of a service out of scope is not this run's to refuse.
        var lab = MediaLab();
        var inScope = lab.Services.Where(s => s.Stack == "web");
        var loaded = RuntimeSettingsLoader.Load(lab, new Hashtable { ["EZH_VAR_MEDIA_DIR"] = "relative" }, null, inScope);
        Assert.Equal("relative", loaded.Settings.Variables["MEDIA_DIR"]);
    }

    [Fact]
    public void An_ezh_var_naming_no_variable_is_warned_about_with_the_nearest_name()
    {
        var file = EnvFile("EZH_VAR_BACKUPS_DIR=/x\n");
        var loaded = Load(MediaLab(), new Hashtable { ["EZH_VAR_MEDIA_DIRS"] = "/x", ["EZH_VAR_PHOTOS"] = "/y" }, file);
        Assert.Equal(
            [
                "EZH_VAR_MEDIA_DIRS: the lab has no variable 'MEDIA_DIRS'; did you mean EZH_VAR_MEDIA_DIR? (set in the environment)",
                "EZH_VAR_PHOTOS: the lab has no variable 'PHOTOS'; its variables: BACKUP_DIR, DOWNLOADS_DIR, MEDIA_DIR, RENDER_DEVICE (set in the environment)",
                $"EZH_VAR_BACKUPS_DIR: the lab has no variable 'BACKUPS_DIR'; did you mean EZH_VAR_BACKUP_DIR? (set in --env-file {file}, line 1)",
            ],
            loaded.Warnings);
        // A declared variable is never warned about, used or not.
        Assert.Empty(Load(MediaLab(), new Hashtable { ["EZH_VAR_RENDER_DEVICE"] = "/dev/dri/renderD128" }).Warnings);
        Assert.Equal(
            ["EZH_VAR_MEDIA_DIR: the lab has no variable 'MEDIA_DIR'; it declares none ([Variable]) (set in the environment)"],
            Load(Rich(), new Hashtable { ["EZH_VAR_MEDIA_DIR"] = "/x" }).Warnings);
    }

    [Fact]
    public void Settings_from_the_lab_alone_hold_the_defaults()
    {
        var settings = RuntimeSettings.FromLab(MediaLab());
        Assert.Equal("/mnt/media", settings.Variables["MEDIA_DIR"]);
        // Settings built without variables render the defaults.
        var bare = new RuntimeSettings { Domain = Domain };
        Assert.Equal("/mnt/media", Rendered.EnvLines(Rendered.EnvText(MediaLab(), "media", bare))["MEDIA_DIR"]);
    }

    [Fact]
    public void A_hand_built_model_with_an_undeclared_or_conflicting_variable_is_refused()
    {
        var lab = MediaLab();
        var sonarr = lab.Services.Single(s => s.Name == "sonarr");
        var typo = lab with { Services = [.. lab.Services.Where(s => s != sonarr), sonarr with { Volumes = [new VolumeSpec("${MEDIA_DIRS}/tv", "/tv")] }] };
        Assert.Equal(
            ["service 'sonarr' (Lab.sonarr): [Volume] source '${MEDIA_DIRS}/tv' refers to ${MEDIA_DIRS}, which the lab does not declare; did you mean ${MEDIA_DIR}?"],
            LabVariables.Problems(typo));

        var other = Service("radarr", "media-management") with { Variables = [new VariableSpec("MEDIA_DIR", "/srv/media")] };
        var conflict = lab with { Services = [.. lab.Services, other] };
        var problem = Assert.Single(LabVariables.Problems(conflict));
        Assert.Contains("lab variable MEDIA_DIR has the default '/mnt/media' from service 'sonarr' (Lab.sonarr) but '/srv/media' from service 'radarr'", problem);
        // The lab's own declaration decides.
        Assert.Empty(LabVariables.Problems(conflict with { Variables = [.. conflict.Variables, new VariableSpec("MEDIA_DIR", "/data")] }));
    }

    [Fact]
    public void The_runner_refuses_such_a_model_with_exit_2_before_writing_anything()
    {
        var lab = MediaLab();
        var broken = lab with { Variables = [new VariableSpec("COMPOSE_PROJECT_NAME", "x")] };
        var root = Path.Combine(_folder.FullName, "stacks");
        var run = CliRun.Invoke(broken, new Hashtable(), "render", "--out", root);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("[Variable] name 'COMPOSE_PROJECT_NAME' starts with 'COMPOSE_'", run.Stderr);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Render_writes_the_override_into_env()
    {
        var root = Path.Combine(_folder.FullName, "stacks");
        var run = CliRun.Invoke(MediaLab(), new Hashtable { ["EZH_VAR_MEDIA_DIR"] = "/data/media" }, "render", "--out", root);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var env = Rendered.EnvLines(File.ReadAllText(Path.Combine(root, "media", ".env")));
        Assert.Equal("/data/media", env["MEDIA_DIR"]);
        Assert.DoesNotContain("MEDIA_DIR", File.ReadAllText(Path.Combine(root, "web", ".env")));
    }

    [Fact]
    public void Compose_runs_without_the_callers_values_of_the_stacks_variables()
    {
        // Compose lets the caller's environment win over .env: a shell's MEDIA_DIR would otherwise replace the lab's.
        var folder = _folder.CreateSubdirectory("media");
        File.WriteAllText(Path.Combine(folder.FullName, ".env"), "# Generated\nMEDIA_DIR=/mnt/media\nRENDER_DEVICE='/dev/dri'\n");
        var environment = ComposeCli.EnvironmentFor(new DockerEndpoint("unix:///var/run/docker.sock", "test"), folder.FullName);
        foreach (var name in new[] { "MEDIA_DIR", "RENDER_DEVICE", "DOMAIN", "TZ", "PUID", "PGID", "COMPOSE_PROJECT_NAME" })
            Assert.True(environment.TryGetValue(name, out var value) && value is null, name);
        Assert.Equal("unix:///var/run/docker.sock", environment["DOCKER_HOST"]);
        // A folder without .env (a stack brought down after its files went) still unsets the lab's own.
        Assert.Null(ComposeCli.EnvironmentFor(new DockerEndpoint("unix:///var/run/docker.sock", "test"), _folder.CreateSubdirectory("empty").FullName)["TZ"]);
    }

    /// <summary>Records with lists compare by reference; this compares the lists' items.</summary>
    private sealed class LabVariableComparer : IEqualityComparer<LabVariable>
    {
        public bool Equals(LabVariable? x, LabVariable? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Default == y.Default && x.Description == y.Description && x.DeclaredBy.SequenceEqual(y.DeclaredBy);

        public int GetHashCode(LabVariable obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
