using System.Collections;
using EzHomelab.Planning;
using EzHomelab.Rendering.Authelia;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using Isopoh.Cryptography.Argon2;

namespace EzHomelab.Tests;

/// <summary>Authelia's users_database.yml: an argon2id hash only, created once, never rewritten.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UsersDatabaseTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-users-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    private string DatabasePath => Path.Combine(Root, "core", UsersDatabase.FileName);

    private static Hashtable Env(params (string Key, string Value)[] values)
    {
        var env = new Hashtable { ["EZH_SECRET_DUCKDNS_TOKEN"] = "t", ["EZH_SECRET_WIREGUARD_PRIVATE_KEY"] = "w" };
        foreach (var (k, v) in values) env[k] = v;
        return env;
    }

    private static CliRun Render(Hashtable env, string root) => CliRun.Invoke(CoreTestLab.Lab(), env, "render", "--out", root);

    private static string HashOf(string usersDatabase, string user) =>
        YamlAccess.Parse(usersDatabase).At("users", user, "password").Str();

    [Fact]
    public void The_hash_is_argon2id_with_authelias_parameters_and_verifies_the_password()
    {
        var hash = SecretStore.HashPassword(Password);
        Assert.Matches(@"^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$", hash);
        Assert.True(Argon2.Verify(hash, Password));
        Assert.False(Argon2.Verify(hash, Password + "!"));
        Assert.NotEqual(hash, SecretStore.HashPassword(Password)); // a fresh salt each time
    }

    [Fact]
    public void The_file_validates_against_the_official_user_database_schema()
    {
        var text = UsersDatabase.Write(new AdminAccount("admin", "Administrator", "me@example.org"), SecretStore.HashPassword(Password));
        Assert.Empty(ConfigSchema.AutheliaUserDatabase.Errors(text));
        var user = YamlAccess.Parse(text).At("users", "admin");
        Assert.Equal("Administrator", user.At("displayname").Str());
        Assert.Equal("me@example.org", user.At("email").Str());
        Assert.Equal(["admins"], user.At("groups").Strings());
    }

    [Fact]
    public void The_schema_check_rejects_a_plain_password()
    {
        // Guards against a schema check that accepts anything.
        Assert.NotEmpty(ConfigSchema.AutheliaUserDatabase.Errors("users:\n  admin:\n    displayname: A\n    password: hunter2\n"));
    }

    [Fact]
    public void A_supplied_password_is_hashed_not_printed_and_the_file_is_private()
    {
        var run = Render(Env(("EZH_ADMIN_PASSWORD", Password), ("EZH_ADMIN_USER", "alice"), ("EZH_ADMIN_EMAIL", "alice@example.org")), Root);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(Password, run.Stdout + run.Stderr);
        Assert.DoesNotContain("generated password", run.Stderr);
        var text = File.ReadAllText(DatabasePath);
        Assert.DoesNotContain(Password, text);
        Assert.True(Argon2.Verify(HashOf(text, "alice"), Password));
        Assert.Equal("alice@example.org", YamlAccess.Parse(text).At("users", "alice", "email").Str());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath));
        Assert.Empty(ConfigSchema.AutheliaUserDatabase.Errors(text));
    }

    private string PasswordPath => Path.Combine(Root, "core", "secrets", "authelia-admin-password");

    [Fact]
    public void A_generated_password_is_kept_in_a_private_secret_file_that_the_output_points_to_and_secrets_show_prints()
    {
        var first = Render(Env(), Root);
        Assert.Equal(0, first.ExitCode);
        var line = Assert.Single(first.StderrLines, l => l.StartsWith("Authelia user 'admin' was created with a generated password", StringComparison.Ordinal));
        Assert.Contains($"kept in {PasswordPath} (mode 0600)", line);
        Assert.Contains("secrets show authelia-admin-password", line);
        var password = File.ReadAllText(PasswordPath);
        Assert.True(password.Length >= 24);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordPath));
        Assert.True(Argon2.Verify(HashOf(File.ReadAllText(DatabasePath), "admin"), password));
        // Output ends up in logs: it names the file, never the value.
        Assert.DoesNotContain(password, first.Stdout + first.Stderr);

        var shown = CliRun.Invoke(CoreTestLab.Lab(), Env(), "secrets", "show", "authelia-admin-password", "--root", Root);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(password, shown.Stdout.TrimEnd('\n'));

        var second = Render(Env(), Root);
        Assert.DoesNotContain("generated password", second.Stderr);
        Assert.Equal(password, File.ReadAllText(PasswordPath));
        Assert.Contains("No changes", CliRun.Invoke(CoreTestLab.Lab(), Env(), "plan", "--root", Root).Stdout);
    }

    [Fact]
    public void A_password_kept_by_a_run_that_died_before_writing_the_database_is_the_one_the_database_gets()
    {
        // What a run killed between its two renames leaves: the password file (secrets go first), no database.
        Assert.Equal(0, Render(Env(), Root).ExitCode);
        var password = File.ReadAllText(PasswordPath);
        File.Delete(DatabasePath);

        var again = Render(Env(), Root);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(password, File.ReadAllText(PasswordPath));
        Assert.True(Argon2.Verify(HashOf(File.ReadAllText(DatabasePath), "admin"), password));
        Assert.Contains($"kept in {PasswordPath}", again.Stderr);
    }

    [Fact]
    public void A_chosen_password_is_not_kept_in_a_file()
    {
        Assert.Equal(0, Render(Env(("EZH_ADMIN_PASSWORD", Password)), Root).ExitCode);
        Assert.False(File.Exists(PasswordPath));
    }

    [Fact]
    public void The_file_is_never_rewritten_and_a_different_password_is_a_warning()
    {
        Render(Env(("EZH_ADMIN_PASSWORD", Password)), Root);
        var bytes = File.ReadAllBytes(DatabasePath);
        var written = File.GetLastWriteTimeUtc(DatabasePath);

        var same = Render(Env(("EZH_ADMIN_PASSWORD", Password)), Root);
        Assert.DoesNotContain("warning", same.Stderr);
        var different = Render(Env(("EZH_ADMIN_PASSWORD", "another long password"), ("EZH_ADMIN_USER", "bob")), Root);
        Assert.Equal(0, different.ExitCode);
        Assert.Contains("core/authelia/users_database.yml exists and is never rewritten, so EZH_ADMIN_PASSWORD is ignored", different.Stderr);
        Assert.Equal(bytes, File.ReadAllBytes(DatabasePath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(DatabasePath));
        Assert.Contains("No changes", CliRun.Invoke(CoreTestLab.Lab(), Env(("EZH_ADMIN_PASSWORD", Password)), "plan", "--root", Root).Stdout);
    }

    [Fact]
    public void Plan_neither_writes_the_file_nor_prints_a_password()
    {
        var run = CliRun.Invoke(CoreTestLab.Lab(), Env(), "plan", "--root", Root, "--diff");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("+ authelia/users_database.yml (add) users database: argon2id hashes only", run.Stdout);
        Assert.Contains("render will create the Authelia users database with a generated admin password", run.Stderr);
        Assert.DoesNotContain("was created with a generated password", run.Stderr);
        Assert.Contains("+ secrets/authelia-admin-password (add) secret: the generated admin password", run.Stdout);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void Authelia_mounts_the_users_database_where_its_configuration_points()
    {
        var lab = CoreTestLab.Lab();
        var volumes = Rendered.ServiceNode(lab, "core", "authelia").At("volumes").Strings();
        Assert.Contains("./" + UsersDatabase.FileName + ":" + UsersDatabase.ContainerFile, volumes);
        var config = TraefikRenderedFiles.Core(lab).Yaml("core/authelia/configuration.yml");
        Assert.Equal(UsersDatabase.ContainerFile, config.At("authentication_backend", "file", "path").Str());
    }
}
