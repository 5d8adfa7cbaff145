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
    public void Valid_timezones(string value) => Assert.True(RuntimeSettingsLoader.IsValidTimezone(value));

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
        var loaded = Load(TestLabs.Rich(), envFile: EnvFile("EZH_DOMIAN=typo.example.org\nOTHER=1\n"));
        Assert.Contains(loaded.Warnings, w => w.Contains("EZH_DOMIAN", StringComparison.Ordinal));
        Assert.DoesNotContain(loaded.Warnings, w => w.Contains("OTHER", StringComparison.Ordinal));
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
            """, "lab.env");
        Assert.Equal("plain", values["A"]);
        Assert.Equal("spaced", values["B"]);
        Assert.Equal("single $quoted # kept", values["C"]);
        Assert.Equal("double \"escaped\"\nline", values["D"]);
        Assert.Equal("value", values["E"]);
        Assert.Equal("", values["F"]);
        Assert.Equal("a=b", values["G"]);
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
