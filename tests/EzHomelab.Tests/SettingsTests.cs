using System.Collections;
using EzHomelab.Model;
using EzHomelab.Settings;

namespace EzHomelab.Tests;

public sealed class SettingsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-settings-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string EnvFile(string text)
    {
        var path = Path.Combine(_folder.FullName, "lab.env");
        File.WriteAllText(path, text);
        return path;
    }

    private static LoadedSettings Load(Lab lab, IDictionary? environment = null, string? envFile = null) =>
        RuntimeSettingsLoader.Load(lab, environment ?? new Hashtable(), envFile, lab.Services);

    [Fact]
    public void Lab_constants_are_used_when_nothing_is_set()
    {
        var loaded = Load(TestLabs.Rich());
        Assert.Equal("example.duckdns.org", loaded.Settings.Domain);
        Assert.Equal("Europe/Berlin", loaded.Settings.Timezone);
        Assert.Equal("me@example.org", loaded.Settings.Email);
    }

    [Fact]
    public void Timezone_defaults_to_utc()
    {
        var lab = TestLabs.Rich() with { Timezone = null };
        Assert.Equal("Etc/UTC", Load(lab).Settings.Timezone);
    }

    [Fact]
    public void Environment_overrides_the_env_file_which_overrides_the_lab()
    {
        var file = EnvFile("EZH_DOMAIN=file.example.net\nEZH_TIMEZONE=America/New_York\n");
        var loaded = Load(TestLabs.Rich(), new Hashtable { ["EZH_DOMAIN"] = "env.example.net" }, file);
        Assert.Equal("env.example.net", loaded.Settings.Domain);
        Assert.Equal("America/New_York", loaded.Settings.Timezone);
    }

    [Fact]
    public void Bad_domain_names_the_setting_the_value_and_the_file()
    {
        var file = EnvFile("EZH_DOMAIN=x y\n");
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), envFile: file));
        Assert.Equal($"EZH_DOMAIN: 'x y' is not a valid domain name (set in --env-file {file})", e.Message);
    }

    [Fact]
    public void Bad_domain_from_the_environment_says_so()
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), new Hashtable { ["EZH_DOMAIN"] = "-bad-.org" }));
        Assert.Equal("EZH_DOMAIN: '-bad-.org' is not a valid domain name (set in the environment)", e.Message);
    }

    [Fact]
    public void A_line_break_in_a_value_keeps_the_error_on_one_line()
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), new Hashtable { ["EZH_DOMAIN"] = "a\nb.org" }));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Upper_case_domains_are_accepted_in_lower_case()
    {
        Assert.Equal("lab.example.net", Load(TestLabs.Rich(), new Hashtable { ["EZH_DOMAIN"] = "Lab.Example.NET" }).Settings.Domain);
    }

    [Fact]
    public void Missing_domain_is_an_error()
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich() with { Domain = null }));
        Assert.Contains("EZH_DOMAIN", e.Message);
        Assert.Contains("RichLab", e.Message);
    }

    [Theory]
    [InlineData("EZH_EMAIL", "not-an-email")]
    [InlineData("EZH_EMAIL", "a@b")]
    [InlineData("EZH_EMAIL", "me @example.org")]
    [InlineData("EZH_TIMEZONE", "Berlin")]
    [InlineData("EZH_TIMEZONE", "Europe/Berlin Time")]
    [InlineData("EZH_TIMEZONE", "europe/berlin")]
    public void Bad_email_and_timezone_are_errors(string variable, string value)
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), new Hashtable { [variable] = value }));
        Assert.StartsWith($"{variable}: '{value}'", e.Message);
        Assert.EndsWith("(set in the environment)", e.Message);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Etc/GMT+5")]
    [InlineData("America/Port-au-Prince")]
    [InlineData("US/Pacific")]
    [InlineData("Europe/Kyiv")]
    [InlineData("Europe/Kiev")]
    public void Valid_timezones(string value) => Assert.True(RuntimeSettingsLoader.IsValidTimezone(value));

    [Theory]
    [InlineData("Mars/Olympus", "")]
    [InlineData("Europe/Berlinn", "; did you mean Europe/Berlin?")]
    [InlineData("Europe/berlin", "; did you mean Europe/Berlin?")]
    [InlineData("W. Europe Standard Time", "; it is a Windows id, the IANA name is Europe/Berlin")]
    [InlineData("Pacific Standard Time", "; it is a Windows id, the IANA name is America/Los_Angeles")]
    [InlineData("posix/Europe/Berlin", "")]
    [InlineData("localtime", "")]
    public void Timezones_the_IANA_database_does_not_name_are_errors(string value, string hint)
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), new Hashtable { ["EZH_TIMEZONE"] = value }));
        Assert.Equal($"EZH_TIMEZONE: '{value}' is not a time zone of the IANA database (tzdata {Rules.IanaTimeZones.Version}), such as Europe/Berlin or Etc/UTC{hint} (set in the environment)", e.Message);
    }

    [Fact]
    public void A_timezone_of_the_lab_or_the_env_file_outside_the_database_names_its_source()
    {
        var fromLab = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich() with { Timezone = "Mars/Olympus" }));
        Assert.StartsWith("Timezone: 'Mars/Olympus' is not a time zone of the IANA database", fromLab.Message);
        Assert.EndsWith("(set on [Homelab] of RichLab)", fromLab.Message);
        var file = EnvFile("EZH_TIMEZONE=Europe/Berlinn\n");
        var fromFile = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), envFile: file));
        Assert.EndsWith($"; did you mean Europe/Berlin? (set in --env-file {file})", fromFile.Message);
    }

    [Fact]
    public void Windows_ids_are_refused_although_this_machine_resolves_them()
    {
        // TimeZoneInfo on Linux converts Windows ids through ICU; a container's TZ would not.
        Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById("W. Europe Standard Time", out _));
        Assert.False(RuntimeSettingsLoader.IsValidTimezone("W. Europe Standard Time"));
    }

    [Theory]
    [InlineData("EZH_DOMAIN", "set a domain name, or remove the variable to use Domain of [Homelab] (example.duckdns.org)")]
    [InlineData("EZH_EMAIL", "set an email address, or remove the variable to use Email of [Homelab] (me@example.org)")]
    [InlineData("EZH_TIMEZONE", "set a time zone such as Europe/Berlin, or remove the variable to use Europe/Berlin")]
    [InlineData("EZH_ADMIN_USER", "set a user name, or remove the variable to use 'admin'")]
    [InlineData("EZH_ADMIN_EMAIL", "set an email address, or remove the variable to use the lab's email")]
    [InlineData("EZH_ADMIN_DISPLAY_NAME", "set a name, or remove the variable to use 'Administrator'")]
    [InlineData("EZH_ADMIN_PASSWORD", "set a password of 12 or more characters, or remove the variable to have one generated")]
    [InlineData("EZH_SECRET_DB_PASSWORD", "set its value, or remove the variable")]
    public void An_empty_setting_says_it_is_empty_and_where_it_was_set(string variable, string remedy)
    {
        var fromEnvironment = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), new Hashtable { [variable] = "" }));
        Assert.Equal($"{variable}: the value is empty (set in the environment); {remedy}", fromEnvironment.Message);
        var file = EnvFile($"{variable}=\n");
        var fromFile = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), envFile: file));
        Assert.Equal($"{variable}: the value is empty (set in --env-file {file}); {remedy}", fromFile.Message);
    }

    [Fact]
    public void An_empty_domain_of_a_lab_without_one_says_so()
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich() with { Domain = null }, new Hashtable { ["EZH_DOMAIN"] = "" }));
        Assert.Equal("EZH_DOMAIN: the value is empty (set in the environment); set a domain name (RichLab has no Domain on [Homelab])", e.Message);
    }

    [Fact]
    public void An_empty_variable_in_the_environment_wins_over_the_env_file()
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), new Hashtable { ["EZH_DOMAIN"] = "" }, EnvFile("EZH_DOMAIN=file.example.net\n")));
        Assert.StartsWith("EZH_DOMAIN: the value is empty (set in the environment)", e.Message);
    }

    [Fact]
    public void Secrets_come_from_their_variables()
    {
        var loaded = Load(TestLabs.Rich(), new Hashtable { ["EZH_SECRET_DB_PASSWORD"] = "from-env" }, EnvFile("EZH_SECRET_WIREGUARD_KEY='from file'\n"));
        Assert.True(loaded.Settings.Secrets.TryGet("db-password", out var db));
        Assert.Equal("from-env", db);
        Assert.True(loaded.Settings.Secrets.TryGet("wireguard-key", out var wg));
        Assert.Equal("from file", wg);
    }

    [Fact]
    public void Unset_secrets_are_left_to_the_secret_store_without_a_warning()
    {
        var loaded = Load(TestLabs.Rich(), new Hashtable { ["EZH_SECRET_DB_PASSWORD"] = "x" });
        Assert.Empty(loaded.Warnings);
        Assert.False(loaded.Settings.Secrets.TryGet("authelia-jwt", out _));
        Assert.Equal(["db-password"], loaded.Settings.Secrets.Names);
    }

    [Fact]
    public void Only_secrets_of_services_in_scope_are_looked_up()
    {
        var lab = TestLabs.Rich();
        var environment = new Hashtable { ["EZH_SECRET_DB_PASSWORD"] = "x", ["EZH_SECRET_WIREGUARD_KEY"] = "y" };
        var loaded = RuntimeSettingsLoader.Load(lab, environment, null, lab.Services.Where(s => s.Stack == "media"));
        Assert.Equal(["db-password"], loaded.Settings.Secrets.Names);
    }

    [Fact]
    public void Role_secrets_are_looked_up_like_declared_ones()
    {
        // Traefik reads the DuckDNS token although the rich lab's class does not declare it.
        var loaded = Load(TestLabs.Rich(), new Hashtable { ["EZH_SECRET_DUCKDNS_TOKEN"] = "token" });
        Assert.True(loaded.Settings.Secrets.TryGet("duckdns-token", out var token));
        Assert.Equal("token", token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hunter2\0second")]
    public void A_secret_a_file_cannot_hold_is_an_error_that_hides_the_value(string value)
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), new Hashtable { ["EZH_SECRET_DB_PASSWORD"] = value.Replace("\\0", "\0", StringComparison.Ordinal) }));
        Assert.StartsWith("EZH_SECRET_DB_PASSWORD:", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public void Secrets_as_files_carry_what_env_files_could_not()
    {
        var loaded = Load(TestLabs.Rich(), new Hashtable { ["EZH_SECRET_DB_PASSWORD"] = "hunter${2}\n'\"" });
        Assert.True(loaded.Settings.Secrets.TryGet("db-password", out var value));
        Assert.Equal("hunter${2}\n'\"", value);
    }

    [Fact]
    public void Admin_account_defaults_to_admin_with_the_lab_email()
    {
        var loaded = Load(TestLabs.Rich());
        Assert.Equal(new AdminAccount("admin", "Administrator", "me@example.org"), loaded.Settings.Admin);
        Assert.Null(loaded.AdminPassword);
    }

    [Fact]
    public void Admin_account_comes_from_its_variables()
    {
        var loaded = Load(TestLabs.Rich(), new Hashtable
        {
            ["EZH_ADMIN_USER"] = "alice", ["EZH_ADMIN_EMAIL"] = "alice@example.org", ["EZH_ADMIN_DISPLAY_NAME"] = "Alice A.", ["EZH_ADMIN_PASSWORD"] = "correct horse battery",
        });
        Assert.Equal(new AdminAccount("alice", "Alice A.", "alice@example.org"), loaded.Settings.Admin);
        Assert.Equal("correct horse battery", loaded.AdminPassword?.Value);
        Assert.DoesNotContain("correct horse", loaded.ToString());
    }

    [Theory]
    [InlineData("EZH_ADMIN_USER", "bad user")]
    [InlineData("EZH_ADMIN_EMAIL", "not-an-email")]
    [InlineData("EZH_ADMIN_DISPLAY_NAME", " ")]
    [InlineData("EZH_ADMIN_PASSWORD", "pw1")]
    public void Bad_admin_settings_are_one_line_naming_the_variable(string variable, string value)
    {
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), new Hashtable { [variable] = value }));
        Assert.StartsWith(variable + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        if (variable == "EZH_ADMIN_PASSWORD") Assert.DoesNotContain(value, e.Message);
    }

    [Fact]
    public void Secret_values_never_appear_in_string_forms()
    {
        var loaded = Load(TestLabs.Rich(), new Hashtable { ["EZH_SECRET_DB_PASSWORD"] = "hunter2" });
        Assert.DoesNotContain("hunter2", loaded.Settings.ToString());
        Assert.DoesNotContain("hunter2", loaded.Settings.Secrets.ToString());
    }

    [Fact]
    public void Unknown_ezh_keys_in_the_env_file_are_warned_about()
    {
        var file = EnvFile("EZH_DOMIAN=typo.example.org\nOTHER=1\n");
        var loaded = Load(TestLabs.Rich(), envFile: file);
        Assert.Equal([$"EZH_DOMIAN: is not a variable EzHomelab reads; did you mean EZH_DOMAIN? (set in --env-file {file}, line 1)"], loaded.Warnings);
    }

    [Fact]
    public void Unknown_ezh_variables_in_the_environment_are_warned_about_like_those_of_the_env_file()
    {
        var loaded = Load(TestLabs.Rich(), new Hashtable { ["EZH_DOMIAN"] = "typo.example.org", ["EZH_FROBNICATE"] = "1", ["OTHER"] = "1" });
        Assert.Equal(
            [
                "EZH_DOMIAN: is not a variable EzHomelab reads; did you mean EZH_DOMAIN? (set in the environment)",
                "EZH_FROBNICATE: is not a variable EzHomelab reads; known: EZH_DOMAIN, EZH_EMAIL, EZH_TIMEZONE, EZH_ADMIN_USER, EZH_ADMIN_EMAIL, "
                    + "EZH_ADMIN_DISPLAY_NAME, EZH_ADMIN_PASSWORD, EZH_TRACE_TIMINGS, EZH_SECRET_<NAME>, EZH_VAR_<NAME>, EZH_DOCKER_HOST_<SERVER> (set in the environment)",
            ],
            loaded.Warnings);
    }

    [Fact]
    public void A_secret_variable_naming_no_secret_of_the_lab_suggests_the_nearest()
    {
        var file = EnvFile("EZH_SECRET_WIREGARD_KEY=x\n");
        var loaded = Load(TestLabs.Rich(), new Hashtable { ["EZH_SECRET_DUCKDNS_TOKN"] = "x", ["EZH_SECRET_SOMETHING_ELSE"] = "y" }, file);
        Assert.Equal(
            [
                "EZH_SECRET_DUCKDNS_TOKN: the lab has no secret 'duckdns-tokn'; did you mean EZH_SECRET_DUCKDNS_TOKEN? (set in the environment)",
                "EZH_SECRET_SOMETHING_ELSE: the lab has no secret 'something-else'; its secrets: authelia-jwt, authelia-jwt-secret, authelia-session-secret, "
                    + "authelia-storage-encryption-key, db-password, duckdns-token, wireguard-key (set in the environment)",
                $"EZH_SECRET_WIREGARD_KEY: the lab has no secret 'wiregard-key'; did you mean EZH_SECRET_WIREGUARD_KEY? (set in --env-file {file}, line 1)",
            ],
            loaded.Warnings);
    }

    [Fact]
    public void Secrets_of_servers_out_of_scope_are_known_secrets()
    {
        var lab = TestLabs.MultiServer();
        // db-password belongs to the media stack on nas; only core is rendered.
        var loaded = RuntimeSettingsLoader.Load(lab, new Hashtable { ["EZH_SECRET_DB_PASSWORD"] = "x" }, null, lab.Services.Where(s => lab.ServerOf(s).Name == "core"));
        Assert.Empty(loaded.Warnings);
        Assert.DoesNotContain("db-password", loaded.Settings.Secrets.Names);
    }

    [Fact]
    public void Docker_host_variables_are_known_for_the_servers_of_the_lab_and_from_the_environment_only()
    {
        var lab = TestLabs.MultiServer();
        var file = EnvFile("EZH_DOCKER_HOST_CORE=unix:///run/docker.sock\n");
        var loaded = Load(lab, new Hashtable { ["EZH_DOCKER_HOST_NAS"] = "tcp://nas:2375", ["EZH_DOCKER_HOST_NSA"] = "tcp://nas:2375", ["EZH_DOCKER_HOST_BACKUP"] = "tcp://x:2375" }, file);
        Assert.Equal(
            [
                "EZH_DOCKER_HOST_BACKUP: the lab has no server 'backup'; its servers: core, nas (set in the environment)",
                "EZH_DOCKER_HOST_NSA: the lab has no server 'nsa'; did you mean EZH_DOCKER_HOST_NAS? (set in the environment)",
                $"EZH_DOCKER_HOST_CORE: is read from the environment only, not from --env-file; export it instead (set in --env-file {file}, line 1)",
            ],
            loaded.Warnings);
    }

    [Fact]
    public void Variables_of_the_projects_own_scripts_and_tests_are_not_warned_about()
    {
        var environment = new Hashtable();
        foreach (var name in RunnerVariables.ToolVariables.Concat(["EZH_TEST_DOCKER_HOST", "EZH_TEST_REMOTE_DOCKER_HOST", "EZH_BENCH_ROOTS", "EZH_TEST_SOMETHING_NEW"]))
            environment[name] = "x";
        Assert.Empty(Load(TestLabs.Rich(), environment).Warnings);
    }

    [Fact]
    public void A_key_set_twice_in_the_env_file_is_a_warning_and_the_last_value_wins()
    {
        var file = EnvFile("EZH_DOMAIN=first.example.net\nEZH_EMAIL=me@example.org\nEZH_DOMAIN=second.example.net\n");
        var loaded = Load(TestLabs.Rich(), envFile: file);
        Assert.Equal("second.example.net", loaded.Settings.Domain);
        Assert.Equal([$"--env-file {file}: EZH_DOMAIN is set on line 1 and again on line 3; the value of line 3 is used"], loaded.Warnings);
    }

    [Fact]
    public void Missing_env_file_is_one_line()
    {
        var path = Path.Combine(_folder.FullName, "nope.env");
        var e = Assert.Throws<SettingsException>(() => Load(TestLabs.Rich(), envFile: path));
        Assert.Equal($"--env-file {path}: file not found", e.Message);
    }
}

public class EnvFileTests
{
    [Fact]
    public void Parses_comments_quotes_export_and_inline_comments()
    {
        var values = EnvFile.Parse("""
            # a comment

            A=plain
            export B = spaced
            C='single $quoted # kept'
            D="double \"escaped\"\nline"
            E=value # trailing comment
            F=
            G=a=b
            """, "lab.env").Values;
        Assert.Equal("plain", values["A"]);
        Assert.Equal("spaced", values["B"]);
        Assert.Equal("single $quoted # kept", values["C"]);
        Assert.Equal("double \"escaped\"\nline", values["D"]);
        Assert.Equal("value", values["E"]);
        Assert.Equal("", values["F"]);
        Assert.Equal("a=b", values["G"]);
    }

    [Fact]
    public void A_key_set_twice_keeps_the_last_value_as_compose_does_and_warns_with_both_lines()
    {
        var contents = EnvFile.Parse("A=1\nB=2\n# comment\nexport A=3\nA=4\n", "lab.env");
        Assert.Equal("4", contents.Values["A"]);
        Assert.Equal(5, contents.LineOf("A"));
        Assert.Equal(
            [
                "--env-file lab.env: A is set on line 1 and again on line 4; the value of line 4 is used",
                "--env-file lab.env: A is set on line 4 and again on line 5; the value of line 5 is used",
            ],
            contents.Warnings);
        Assert.Empty(EnvFile.Parse("A=1\nB=1\n", "lab.env").Warnings);
    }

    [Theory]
    [InlineData("NOEQUALS", "line 1: expected KEY=VALUE")]
    [InlineData("A=1\n1BAD=x", "line 2: '1BAD' is not a valid variable name")]
    [InlineData("A='open", "line 1: missing closing '")]
    public void Malformed_lines_name_file_and_line(string text, string expected)
    {
        var e = Assert.Throws<SettingsException>(() => EnvFile.Parse(text, "./lab.env"));
        Assert.Equal($"--env-file ./lab.env, {expected}", e.Message);
    }
}
