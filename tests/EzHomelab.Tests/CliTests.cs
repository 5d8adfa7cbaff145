using System.Collections;
using System.Text.Json;
using EzHomelab.Model;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

// File modes are a Unix notion; the runner targets Linux servers.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliTests : IDisposable
{
    private const string Secret = "very-secret-value-42";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-cli-");
    private readonly Lab _lab = TestLabs.Rich();

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    private static Hashtable Env(params (string Key, string Value)[] values)
    {
        var env = new Hashtable
        {
            ["EZH_SECRET_DB_PASSWORD"] = Secret,
            ["EZH_SECRET_AUTHELIA_JWT"] = Secret + "-jwt",
            ["EZH_SECRET_WIREGUARD_KEY"] = Secret + "-wg",
            ["EZH_SECRET_DUCKDNS_TOKEN"] = Secret + "-duckdns",
            ["EZH_ADMIN_PASSWORD"] = Secret + "-admin",
        };
        foreach (var (k, v) in values) env[k] = v;
        return env;
    }

    private CliRun Run(Lab lab, Hashtable env, params string[] args) => CliRun.Invoke(lab, env, args);

    private CliRun Run(params string[] args) => Run(_lab, Env(), args);

    private static string[] FilesUnder(string root) =>
        Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToArray()
            : [];

    [Fact]
    public void Render_writes_every_stack_with_modes_and_a_manifest()
    {
        var run = Run("render", "--out", Root);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            [
                ".ezhomelab/lock", ".ezhomelab/manifest.json", "core/.env", "core/authelia/configuration.yml", "core/authelia/users_database.yml", "core/compose.yaml",
                "core/secrets/authelia-jwt", "core/secrets/authelia-jwt-secret", "core/secrets/authelia-session-secret",
                "core/secrets/authelia-storage-encryption-key", "core/secrets/duckdns-token",
                "core/traefik/dynamic/dashboard.yml", "core/traefik/dynamic/middlewares.yml", "core/traefik/dynamic/sablier.yml",
                "core/traefik/dynamic/tls.yml", "core/traefik/traefik.yml", "downloads/.env", "downloads/compose.yaml", "downloads/secrets/wireguard-key",
                "media/.env", "media/compose.yaml", "media/secrets/db-password"],
            FilesUnder(Root));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Root, "media/.env")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Root, "media/secrets/db-password")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(Root, "media/secrets")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Root, "core/authelia/users_database.yml")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(Root, "media/compose.yaml")));
        Assert.Contains("Rendered 3 stacks", run.Stderr);
        Assert.Equal("postgres:16.4", YamlAccess.Parse(File.ReadAllText(Path.Combine(Root, "media/compose.yaml"))).At("services", "postgres", "image").Str());
    }

    [Fact]
    public void Root_option_is_the_same_as_out()
    {
        Assert.Equal(0, Run("render", "--root", Root).ExitCode);
        Assert.Contains("media/compose.yaml", FilesUnder(Root));
    }

    [Fact]
    public void Manifest_lists_paths_and_hashes_but_no_contents()
    {
        Run("render", "--out", Root);
        var manifest = File.ReadAllText(Path.Combine(Root, ".ezhomelab/manifest.json"));
        using var json = JsonDocument.Parse(manifest);
        var paths = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToArray();
        Assert.Contains("media/.env", paths);
        Assert.DoesNotContain(Secret, manifest);
        Assert.All(json.RootElement.GetProperty("files").EnumerateArray(), f => Assert.Equal(
            f.GetProperty("path").GetString()!.Contains("/secrets/", StringComparison.Ordinal) || f.GetProperty("path").GetString()!.EndsWith("users_database.yml", StringComparison.Ordinal)
                ? ["path", "server", "stack", "sensitive", "writeOnce"]
                : ["path", "server", "stack", "sensitive", "sha256"],
            f.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public void Plan_on_an_empty_root_adds_everything_and_writes_nothing()
    {
        var run = Run("plan", "--root", Root);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("+ compose.yaml", run.Stdout);
        Assert.Contains("+ .env", run.Stdout);
        Assert.Contains("+ secrets/db-password (add) secret: from EZH_SECRET_DB_PASSWORD", run.Stdout);
        Assert.Contains("+ secrets/authelia-session-secret (add) secret: generated", run.Stdout);
        Assert.Contains("20 to add, 0 to change, 0 to remove", run.Stdout);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Detailed_exit_code_is_3_with_pending_changes_and_0_without()
    {
        Assert.Equal(3, Run("plan", "--root", Root, "--detailed-exitcode").ExitCode);
        Run("render", "--out", Root);
        var run = Run("plan", "--root", Root, "--detailed-exitcode");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No changes", run.Stdout);
        Assert.Equal(0, Run("plan", "--root", Root).ExitCode);
    }

    [Fact]
    public void Render_twice_changes_nothing()
    {
        Run("render", "--out", Root);
        var before = File.GetLastWriteTimeUtc(Path.Combine(Root, "media/compose.yaml"));
        var run = Run("render", "--out", Root);
        Assert.Contains("0 added, 0 changed, 0 removed, 20 unchanged", run.Stderr);
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(Root, "media/compose.yaml")));
    }

    [Fact]
    public void Plan_shows_changed_files_with_a_diff_and_hides_secret_files()
    {
        Run("render", "--out", Root);
        var compose = Path.Combine(Root, "media/compose.yaml");
        File.WriteAllText(compose, File.ReadAllText(compose).Replace("jellyfin/jellyfin:10.10.7", "jellyfin/jellyfin:10.9.0", StringComparison.Ordinal));

        File.SetUnixFileMode(Path.Combine(Root, "media/secrets/db-password"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var run = Run(_lab, Env(("EZH_SECRET_DB_PASSWORD", Secret + "-rotated")), "plan", "--root", Root, "--diff");
        Assert.Equal(0, run.ExitCode);
        // Edited by hand: plan says so, and render would refuse without --force.
        Assert.Contains("! compose.yaml (replace) edited by hand since EzHomelab wrote it", run.Stdout);
        Assert.Contains("~ secrets/db-password", run.Stdout);
        Assert.Contains("warning: secret 'db-password': media/secrets/db-password exists and is never rewritten, so EZH_SECRET_DB_PASSWORD is ignored", run.Stderr);
        Assert.Contains("--- a/media/compose.yaml", run.Stdout);
        Assert.Contains("-    image: \"jellyfin/jellyfin:10.9.0\"", run.Stdout);
        Assert.Contains("+    image: \"jellyfin/jellyfin:10.10.7\"", run.Stdout);
        Assert.Contains("contents hidden (holds secrets)", run.Stdout);
        Assert.DoesNotContain(Secret, run.Stdout + run.Stderr);
        Assert.Contains("0 to add, 2 to change, 0 to remove", run.Stdout);

        // Render fixes the mode but never rewrites the secret, whatever the override says.
        Assert.Equal(0, Run(_lab, Env(("EZH_SECRET_DB_PASSWORD", Secret + "-rotated")), "render", "--out", Root, "--force").ExitCode);
        Assert.Equal(Secret, File.ReadAllText(Path.Combine(Root, "media/secrets/db-password")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Root, "media/secrets/db-password")));
    }

    [Fact]
    public void A_changed_file_mode_is_a_change()
    {
        Run("render", "--out", Root);
        File.SetUnixFileMode(Path.Combine(Root, "core/.env"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var run = Run("plan", "--root", Root, "--diff");
        Assert.Contains("~ .env", run.Stdout);
        Run("render", "--out", Root);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Root, "core/.env")));
    }

    [Fact]
    public void Stacks_no_longer_rendered_are_planned_for_removal_and_removed_but_other_files_stay()
    {
        Run("render", "--out", Root);
        var userFile = Path.Combine(Root, "downloads/notes.txt");
        File.WriteAllText(userFile, "mine");
        var smaller = _lab with { Services = _lab.Services.Where(s => s.Stack != "downloads").ToArray() };

        var plan = Run(smaller, Env(), "plan", "--root", Root, "--diff");
        Assert.Contains("downloads", plan.Stdout);
        Assert.Contains("- compose.yaml", plan.Stdout);
        Assert.Contains("- .env", plan.Stdout);
        Assert.Contains("+++ /dev/null", plan.Stdout);
        Assert.Contains("~ authelia/configuration.yml", plan.Stdout); // the removed route's access rule goes too
        Assert.Contains("0 to add, 1 to change, 2 to remove", plan.Stdout);
        Assert.DoesNotContain(Secret, plan.Stdout);

        Assert.Equal(0, Run(smaller, Env(), "render", "--out", Root).ExitCode);
        Assert.False(File.Exists(Path.Combine(Root, "downloads/compose.yaml")));
        Assert.False(File.Exists(Path.Combine(Root, "downloads/.env")));
        Assert.True(File.Exists(userFile));
        // A secret outlives its stack, so the stack can come back to the values its data was stored with.
        Assert.Equal(Secret + "-wg", File.ReadAllText(Path.Combine(Root, "downloads/secrets/wireguard-key")));

        var after = Run(smaller, Env(), "plan", "--root", Root, "--detailed-exitcode");
        Assert.Equal(0, after.ExitCode);
    }

    [Fact]
    public void Removing_a_whole_stack_keeps_only_its_secrets()
    {
        Run("render", "--out", Root);
        var smaller = _lab with { Services = _lab.Services.Where(s => s.Stack != "downloads").ToArray() };
        Run(smaller, Env(), "render", "--out", Root);
        Assert.Equal(["secrets/wireguard-key"], FilesUnder(Path.Combine(Root, "downloads")));
    }

    [Fact]
    public void Json_plan_has_a_stable_shape()
    {
        Run("render", "--out", Root);
        File.AppendAllText(Path.Combine(Root, "core/compose.yaml"), "# edited\n");
        var run = Run("plan", "--root", Root, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(["root", "servers", "summary"], root.EnumerateObject().Select(p => p.Name));
        var server = Assert.Single(root.GetProperty("servers").EnumerateArray());
        Assert.Equal("core", server.GetProperty("name").GetString());
        Assert.Equal(["core", "downloads", "media"], server.GetProperty("stacks").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var core = server.GetProperty("stacks")[0].GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("change").GetString());
        Assert.Equal("change", core["core/compose.yaml"]);
        Assert.Equal("unchanged", core["core/.env"]);
        var summary = root.GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("add").GetInt32());
        Assert.Equal(1, summary.GetProperty("change").GetInt32());
        Assert.Equal(0, summary.GetProperty("remove").GetInt32());
        Assert.Equal(19, summary.GetProperty("unchanged").GetInt32());
        Assert.DoesNotContain(Secret, run.Stdout);
    }

    [Fact]
    public void Bad_domain_is_one_line_exit_2_and_nothing_is_written()
    {
        var envFile = Path.Combine(_folder.FullName, "lab.env");
        File.WriteAllText(envFile, "EZH_DOMAIN=x y\n");
        var run = Run("render", "--out", Root, "--env-file", envFile);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: EZH_DOMAIN: 'x y' is not a valid domain name (set in --env-file {envFile})", Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Bad_domain_in_the_environment_fails_plan_too()
    {
        var run = Run(_lab, Env(("EZH_DOMAIN", "not a domain")), "plan", "--root", Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Missing_env_file_is_one_line_exit_2()
    {
        var run = Run("render", "--out", Root, "--env-file", Path.Combine(_folder.FullName, "missing.env"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("file not found", Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(Root));
    }

    [Theory]
    [InlineData("render", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData()]
    [InlineData("plan", "--diff", "--json")]
    [InlineData("render", "--server", "nope")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var run = Run([.. args, "--root", Root]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Help_exits_0_and_lists_the_verbs()
    {
        var run = Run("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("render", run.Stdout);
        Assert.Contains("plan", run.Stdout);
    }

    public static TheoryData<string, string> RootProblems => new()
    {
        { "", "error: --root: '' is empty" },
        { " ", "error: --root: ' ' is empty" },
        { "{file}", "error: --root {file}: is a file, not a folder" },
        { "{file}/stacks", "error: --root {file}/stacks: cannot create the folder ({file} is a file)" },
        { "/proc/ezhomelab-stacks", "error: --root /proc/ezhomelab-stacks: cannot create the folder (/proc is on a proc file system, which holds no files)" },
        { "/sys/ezhomelab-stacks", "error: --root /sys/ezhomelab-stacks: cannot create the folder (/sys is on a sysfs file system, which holds no files)" },
    };

    [Theory]
    [MemberData(nameof(RootProblems))]
    public void A_root_that_cannot_hold_the_stacks_is_one_line_naming_the_option_exit_2_for_every_verb(string root, string expected)
    {
        var file = Path.Combine(_folder.FullName, "a-file");
        File.WriteAllText(file, "");
        foreach (var verb in new[] { "render", "plan", "deploy", "status", "down" })
        {
            // No engine is asked: the option is checked while the arguments are parsed.
            var run = Run(_lab, Env(("DOCKER_HOST", "unix:///nonexistent/docker.sock")), verb, "--root", root.Replace("{file}", file, StringComparison.Ordinal));
            Assert.Equal(2, run.ExitCode);
            Assert.Equal(expected.Replace("{file}", file, StringComparison.Ordinal), Assert.Single(run.StderrLines));
        }
        Assert.Equal("", File.ReadAllText(file));
    }

    [Fact]
    public void The_root_problem_names_the_option_as_it_was_typed()
    {
        var run = Run("render", "--out", "");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --out: '' is empty", Assert.Single(run.StderrLines));
    }

    [Fact]
    public void Unknown_verb_names_the_nearest_and_lists_the_verbs()
    {
        var run = Run("deploi", "--root", Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown verb 'deploi'; did you mean 'deploy'? (verbs: render, plan, deploy, status, down, secrets)", Assert.Single(run.StderrLines));
        Assert.Equal("error: unknown verb 'frobnicate' (verbs: render, plan, deploy, status, down, secrets)", Assert.Single(Run("frobnicate").StderrLines));
        Assert.Equal("error: no verb given; the first argument is one of: render, plan, deploy, status, down, secrets (options come after it; see --help)",
            Assert.Single(Run("--root", Root).StderrLines));
    }

    [Fact]
    public void Unknown_option_of_a_known_verb_is_one_line_with_the_nearest_option()
    {
        var run = Run("render", "--forse", "--root", Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown option '--forse' for render; did you mean '--force'? (its options: --root, --env-file, --server, --wait, --regenerate-secret, --force)", Assert.Single(run.StderrLines));
        Assert.Equal("error: unexpected argument 'media' for render: it takes options only (see render --help)", Assert.Single(Run("render", "media").StderrLines));
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void A_mistyped_variable_in_the_environment_is_a_warning_naming_the_nearest()
    {
        var run = Run(_lab, Env(("EZH_SECRET_DUCKDNS_TOKN", "x")), "plan", "--root", Root);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: EZH_SECRET_DUCKDNS_TOKN: the lab has no secret 'duckdns-tokn'; did you mean EZH_SECRET_DUCKDNS_TOKEN? (set in the environment)", run.StderrLines);
    }

    /// <summary>The lines of a run that its settings and names gave (warnings and errors), in order.</summary>
    private static string[] SettingsLines(CliRun run) =>
        run.StderrLines.Where(l => l.StartsWith("warning: EZH_", StringComparison.Ordinal) || l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();

    [Theory]
    [InlineData("EZH_SECRET_DUCKDNS_TOKN", "x", 0)] // an unknown variable: a warning
    [InlineData("EZH_DOMAIN", "", 2)] // an empty setting: an error
    [InlineData("EZH_TIMEZONE", "Mars/Olympus", 2)]
    public void Secrets_list_and_show_report_a_setting_as_plan_does(string variable, string value, int exitCode)
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        var env = Env((variable, value));
        var plan = Run(_lab, env, "plan", "--root", Root);
        Assert.Equal(exitCode, plan.ExitCode);
        var expected = SettingsLines(plan);
        Assert.Contains(expected, l => l.Contains(variable, StringComparison.Ordinal));

        var show = Run(_lab, env, "secrets", "show", "db-password", "--root", Root);
        Assert.Equal(exitCode, show.ExitCode);
        Assert.Equal(expected, SettingsLines(show));
        Assert.Equal(exitCode == 0 ? Secret + "\n" : "", show.Stdout);
        var list = Run(_lab, env, "secrets", "list", "--root", Root);
        Assert.Equal(exitCode, list.ExitCode);
        Assert.Equal(expected, SettingsLines(list));
    }

    [Fact]
    public void Secrets_show_reads_the_env_file_and_refuses_an_unknown_server_as_plan_does()
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        var envFile = Path.Combine(_folder.FullName, "lab.env");
        File.WriteAllText(envFile, "EZH_DOMIAN=example.net\n");
        var show = Run("secrets", "show", "db-password", "--root", Root, "--env-file", envFile);
        Assert.Equal(0, show.ExitCode);
        Assert.Equal($"warning: EZH_DOMIAN: is not a variable EzHomelab reads; did you mean EZH_DOMAIN? (set in --env-file {envFile}, line 1)", Assert.Single(show.StderrLines));

        var plan = Run("plan", "--root", Root, "--server", "nas");
        Assert.Equal(2, plan.ExitCode);
        var badServer = Run("secrets", "show", "db-password", "--root", Root, "--server", "nas");
        Assert.Equal(2, badServer.ExitCode);
        Assert.Equal(plan.StderrLines, badServer.StderrLines);
    }

    [Fact]
    public void Down_warns_about_a_mistyped_engine_variable_before_it_connects()
    {
        var run = Run(_lab, Env(("EZH_DOCKER_HOST_COER", "tcp://core:2375"), ("DOCKER_HOST", "unix:///nonexistent/docker.sock")), "down", "--root", Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("warning: EZH_DOCKER_HOST_COER: the lab has no server 'coer'; did you mean EZH_DOCKER_HOST_CORE? (set in the environment)", run.StderrLines[0]);
    }

    [Fact]
    public void An_empty_domain_says_the_variable_is_empty_exit_2()
    {
        var run = Run(_lab, Env(("EZH_DOMAIN", "")), "render", "--root", Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: EZH_DOMAIN: the value is empty (set in the environment); set a domain name, or remove the variable to use Domain of [Homelab] (example.duckdns.org)",
            Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void A_failure_midway_leaves_previous_files_untouched_and_no_temp_files()
    {
        Run("render", "--out", Root);
        var before = FilesUnder(Root).ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Root, f)));
        // The downloads folder becomes a file: writing there fails after other stacks were staged.
        Directory.Delete(Path.Combine(Root, "downloads"), recursive: true);
        File.WriteAllText(Path.Combine(Root, "downloads"), "blocker");
        before.Remove("downloads/.env");
        before.Remove("downloads/compose.yaml");
        before.Remove("downloads/secrets/wireguard-key");

        var run = Run(_lab with { Domain = "changed.example.org" }, Env(), "render", "--out", Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.StderrLines);
        var after = FilesUnder(Root).Where(f => f != "downloads").ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Root, f)));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Secrets_never_reach_stdout_stderr_or_compose_files()
    {
        var runs = new[]
        {
            Run("render", "--out", Root),
            Run(_lab, Env(("EZH_SECRET_DB_PASSWORD", "other")), "plan", "--root", Root, "--diff"),
            Run(_lab, Env(("EZH_SECRET_DB_PASSWORD", "other")), "plan", "--root", Root, "--json"),
            Run(_lab, Env(("EZH_SECRET_DB_PASSWORD", Secret + "\nx")), "plan", "--root", Root),
        };
        foreach (var run in runs) Assert.DoesNotContain(Secret, run.Stdout + run.Stderr);
        foreach (var file in Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/secrets/", StringComparison.Ordinal)))
            Assert.DoesNotContain(Secret, File.ReadAllText(file));
        Assert.Equal(Secret, File.ReadAllText(Path.Combine(Root, "media/secrets/db-password")));
    }

    [Fact]
    public void Unset_secrets_are_generated_except_those_only_the_user_can_supply()
    {
        var run = CliRun.Invoke(_lab, new Hashtable(), "render", "--out", Root);
        Assert.Equal(0, run.ExitCode);
        var warnings = run.StderrLines.Where(l => l.StartsWith("warning: secret ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Contains(warnings, w => w.Contains("'duckdns-token' (service 'traefik' in stack 'core') must be supplied: set EZH_SECRET_DUCKDNS_TOKEN", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'wireguard-key' (service 'gluetun' in stack 'downloads') must be supplied: set EZH_SECRET_WIREGUARD_KEY", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Root, "core/secrets/duckdns-token")));
        Assert.False(File.Exists(Path.Combine(Root, "downloads/secrets/wireguard-key")));
        Assert.Matches("^[0-9a-f]{64}$", File.ReadAllText(Path.Combine(Root, "media/secrets/db-password")));

        // Supplied later, the missing one is written; the generated ones stay as they were.
        var generated = File.ReadAllText(Path.Combine(Root, "media/secrets/db-password"));
        Assert.Equal(0, CliRun.Invoke(_lab, new Hashtable { ["EZH_SECRET_DUCKDNS_TOKEN"] = "t0ken" }, "render", "--out", Root).ExitCode);
        Assert.Equal("t0ken", File.ReadAllText(Path.Combine(Root, "core/secrets/duckdns-token")));
        Assert.Equal(generated, File.ReadAllText(Path.Combine(Root, "media/secrets/db-password")));
    }

    [Fact]
    public void Multi_server_labs_write_one_folder_per_server_unless_one_server_is_chosen()
    {
        var lab = TestLabs.MultiServer();
        Assert.Equal(0, Run(lab, Env(), "render", "--out", Root).ExitCode);
        Assert.Contains("core/core/compose.yaml", FilesUnder(Root));
        Assert.Contains("nas/media/compose.yaml", FilesUnder(Root));

        var nasRoot = Path.Combine(_folder.FullName, "nas");
        Assert.Equal(0, Run(lab, Env(), "render", "--out", nasRoot, "--server", "nas").ExitCode);
        Assert.Equal([".ezhomelab/lock", ".ezhomelab/manifest.json", "media/.env", "media/compose.yaml", "media/secrets/db-password"], FilesUnder(nasRoot));

        var plan = Run(lab, Env(), "plan", "--root", Root);
        Assert.Contains("No changes", plan.Stdout);
    }

    [Fact]
    public void Multi_server_plan_groups_by_server()
    {
        var run = Run(TestLabs.MultiServer(), Env(), "plan", "--root", Root);
        Assert.Contains("server core", run.Stdout);
        Assert.Contains("server nas", run.Stdout);
        var json = Run(TestLabs.MultiServer(), Env(), "plan", "--root", Root, "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(["core", "nas"], doc.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public void A_tampered_manifest_is_an_error_not_a_deletion()
    {
        Run("render", "--out", Root);
        var outside = Path.Combine(_folder.FullName, "precious.txt");
        File.WriteAllText(outside, "keep");
        File.WriteAllText(Path.Combine(Root, ".ezhomelab/manifest.json"),
            """{"version":1,"files":[{"path":"../precious.txt","server":"core","stack":"x","sensitive":false}]}""");
        var run = Run("render", "--out", Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a valid manifest", Assert.Single(run.StderrLines));
        Assert.True(File.Exists(outside));
    }

    [Fact]
    public void Invalid_stack_names_are_rejected_before_writing()
    {
        var lab = _lab with { Services = [TestLabs.Service("evil", "../escape")] };
        var run = Run(lab, Env(), "render", "--out", Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("stack name '../escape'", Assert.Single(run.StderrLines));
        Assert.False(Directory.Exists(Root));
    }
}
