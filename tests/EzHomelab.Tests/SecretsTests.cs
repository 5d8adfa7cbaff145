using System.Collections;
using EzHomelab.Model;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary>Secrets as files: generated once, mounted read-only, referenced by path, never rewritten.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretsTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-secrets-");
    private readonly Lab _lab = CoreTestLab.Lab();

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    /// <summary>The secrets only the user can give, plus a fixed admin password (so nothing is printed).</summary>
    private static Hashtable Supplied(params (string Key, string Value)[] extra)
    {
        var env = new Hashtable
        {
            ["EZH_SECRET_DUCKDNS_TOKEN"] = "duckdns-token-value",
            ["EZH_SECRET_WIREGUARD_PRIVATE_KEY"] = "wireguard-key-value",
            ["EZH_ADMIN_PASSWORD"] = "an admin password",
        };
        foreach (var (k, v) in extra) env[k] = v;
        return env;
    }

    private CliRun Render(Hashtable env) => CliRun.Invoke(_lab, env, "render", "--out", Root);

    private string[] SecretFiles() =>
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == LabSecrets.SecretsFolder)
            .Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_public_secret_variable_name_is_the_one_the_runner_reads()
    {
        Assert.Equal("EZH_SECRET_DB_PASSWORD", HomelabCli.SecretVariable("db-password"));
        Assert.Equal(Rules.Naming.SecretVariable("jellyfin-api-key"), HomelabCli.SecretVariable("jellyfin-api-key"));
        Assert.Throws<ArgumentException>(() => HomelabCli.SecretVariable(""));
    }

    [Fact]
    public void Every_secret_lives_in_its_stack_and_generated_ones_are_64_hex_characters_with_mode_0600_in_a_0700_folder()
    {
        Assert.Equal(0, Render(Supplied()).ExitCode);
        Assert.Equal(
            [
                "core/secrets/authelia-jwt-secret", "core/secrets/authelia-session-secret", "core/secrets/authelia-storage-encryption-key",
                "core/secrets/duckdns-token", "downloads/secrets/wireguard-private-key",
            ],
            SecretFiles());
        foreach (var file in SecretFiles())
        {
            var path = Path.Combine(Root, file);
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
        foreach (var generated in new[] { "authelia-jwt-secret", "authelia-session-secret", "authelia-storage-encryption-key" })
            Assert.Matches("^[0-9a-f]{64}$", File.ReadAllText(Path.Combine(Root, "core/secrets", generated)));
        Assert.Equal("duckdns-token-value", File.ReadAllText(Path.Combine(Root, "core/secrets/duckdns-token")));
    }

    [Fact]
    public void Generated_secrets_differ_from_each_other_and_between_roots()
    {
        Render(Supplied());
        var first = new[] { "authelia-jwt-secret", "authelia-session-secret", "authelia-storage-encryption-key" }
            .Select(n => File.ReadAllText(Path.Combine(Root, "core/secrets", n))).ToArray();
        Assert.Equal(3, first.Distinct().Count());
        var otherRoot = Path.Combine(_folder.FullName, "other");
        CliRun.Invoke(_lab, Supplied(), "render", "--out", otherRoot);
        Assert.NotEqual(first[0], File.ReadAllText(Path.Combine(otherRoot, "core/secrets/authelia-jwt-secret")));
    }

    [Fact]
    public void Secrets_are_byte_identical_after_three_renders_even_when_overrides_change()
    {
        Render(Supplied());
        var before = SecretFiles().ToDictionary(f => f, f => (Bytes: File.ReadAllBytes(Path.Combine(Root, f)), Written: File.GetLastWriteTimeUtc(Path.Combine(Root, f))));
        var second = Render(Supplied());
        var third = Render(Supplied(("EZH_SECRET_DUCKDNS_TOKEN", "a-new-token"), ("EZH_SECRET_AUTHELIA_SESSION_SECRET", "a-new-session-secret")));
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("0 added, 0 changed, 0 removed", second.Stderr);
        Assert.Contains("0 added, 0 changed, 0 removed", third.Stderr);
        foreach (var (file, (bytes, written)) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(Root, file)));
            Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(Root, file)));
        }
        Assert.Contains("warning: secret 'duckdns-token': core/secrets/duckdns-token exists and is never rewritten, so EZH_SECRET_DUCKDNS_TOKEN is ignored", third.Stderr);
        Assert.Contains("warning: secret 'authelia-session-secret'", third.Stderr);
        Assert.DoesNotContain("warning", second.Stderr);
    }

    [Fact]
    public void An_override_is_used_when_no_file_exists()
    {
        Render(Supplied(("EZH_SECRET_AUTHELIA_JWT_SECRET", "my-own-jwt-secret")));
        Assert.Equal("my-own-jwt-secret", File.ReadAllText(Path.Combine(Root, "core/secrets/authelia-jwt-secret")));
    }

    [Fact]
    public void A_file_the_user_put_there_is_kept_and_used_as_the_value()
    {
        var path = Path.Combine(Root, "core/secrets/authelia-session-secret");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "hand-made\n");
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var plan = CliRun.Invoke(_lab, Supplied(), "plan", "--root", Root);
        Assert.Contains("~ secrets/authelia-session-secret (change)", plan.Stdout); // the mode only
        Assert.Equal(0, Render(Supplied()).ExitCode);
        Assert.Equal("hand-made\n", File.ReadAllText(path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Contains("No changes", CliRun.Invoke(_lab, Supplied(), "plan", "--root", Root).Stdout);
    }

    [Fact]
    public void A_secret_shared_by_two_stacks_gets_the_same_value_in_both()
    {
        var lab = Rendered.OneStack(
            TestLabs.Service("app", "apps") with { SecretEnvironment = [new SecretEnvVar("DB_PASSWORD", "db-password")] },
            TestLabs.Service("db", "data", "postgres:16.4") with { SecretEnvironment = [new SecretEnvVar("POSTGRES_PASSWORD", "db-password")] });
        Assert.Equal(0, CliRun.Invoke(lab, new Hashtable(), "render", "--out", Root).ExitCode);
        var apps = File.ReadAllText(Path.Combine(Root, "apps/secrets/db-password"));
        Assert.Equal(apps, File.ReadAllText(Path.Combine(Root, "data/secrets/db-password")));

        // One file lost: it is written again from the other, not regenerated.
        File.Delete(Path.Combine(Root, "data/secrets/db-password"));
        CliRun.Invoke(lab, new Hashtable(), "render", "--out", Root);
        Assert.Equal(apps, File.ReadAllText(Path.Combine(Root, "data/secrets/db-password")));
    }

    [Fact]
    public void Plan_reports_a_new_secret_as_generated_without_writing_it()
    {
        var run = CliRun.Invoke(_lab, Supplied(), "plan", "--root", Root);
        Assert.Contains("+ secrets/authelia-jwt-secret (add) secret: generated", run.Stdout);
        Assert.Contains("+ secrets/duckdns-token (add) secret: from EZH_SECRET_DUCKDNS_TOKEN", run.Stdout);
        Assert.False(Directory.Exists(Root));
        var json = CliRun.Invoke(_lab, Supplied(), "plan", "--root", Root, "--json");
        Assert.Contains("\"note\": \"secret: generated\"", json.Stdout);
    }

    [Fact]
    public void Compose_mounts_each_secret_read_only_and_points_the_image_at_it()
    {
        var settings = CoreTestLab.WithSecrets(_lab);
        var traefik = Rendered.ServiceNode(_lab, "core", "traefik", settings);
        Assert.Equal("/run/secrets/duckdns-token", traefik.At("environment", "DUCKDNS_TOKEN_FILE").Str());
        Assert.Contains("./secrets/duckdns-token:/run/secrets/duckdns-token:ro", traefik.At("volumes").Strings());

        var authelia = Rendered.ServiceNode(_lab, "core", "authelia", settings).At("environment").StringMap();
        Assert.Equal("/run/secrets/authelia-jwt-secret", authelia["AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET_FILE"]);
        Assert.Equal("/run/secrets/authelia-session-secret", authelia["AUTHELIA_SESSION_SECRET_FILE"]);
        Assert.Equal("/run/secrets/authelia-storage-encryption-key", authelia["AUTHELIA_STORAGE_ENCRYPTION_KEY_FILE"]);
        Assert.DoesNotContain(authelia.Keys, k => !k.EndsWith("_FILE", StringComparison.Ordinal) && k.StartsWith("AUTHELIA_", StringComparison.Ordinal));

        // LinuxServer images read FILE__NAME; Gluetun reads NAME_SECRETFILE.
        Assert.Equal("/run/secrets/duckdns-token", Rendered.ServiceNode(_lab, "core", "duckdns", settings).At("environment", "FILE__TOKEN").Str());
        Assert.Equal("/run/secrets/wireguard-private-key", Rendered.ServiceNode(_lab, "downloads", "gluetun", settings).At("environment", "WIREGUARD_PRIVATE_KEY_SECRETFILE").Str());
    }

    [Fact]
    public void Role_secrets_are_added_once_even_when_the_class_declares_them()
    {
        // CoreTestLab's Authelia declares the three variables itself; the lab without them gets the same three.
        var declared = LabSecrets.Of(_lab, _lab.FindService("authelia")!);
        var bare = _lab with { Services = _lab.Services.Select(s => s with { SecretEnvironment = [] }).ToArray() };
        var implied = LabSecrets.Of(bare, bare.FindService("authelia")!);
        Assert.Equal(3, declared.Count);
        Assert.Equal(declared.OrderBy(u => u.Variable), implied.OrderBy(u => u.Variable));
        Assert.Equal([new SecretUse("DUCKDNS_TOKEN", "duckdns-token")], LabSecrets.Of(bare, bare.FindService("traefik")!));
        Assert.Empty(LabSecrets.Of(bare, bare.FindService("jellyfin")!));
    }

    [Theory]
    [InlineData("duckdns-token", true)]
    [InlineData("cloudflare-api-token", true)]
    [InlineData("wireguard-private-key", true)]
    [InlineData("openvpn-password", true)]
    [InlineData("sonarr-api-key", true)]
    [InlineData("authelia-jwt-secret", false)]
    [InlineData("db-password", false)]
    [InlineData("token-signing-key", false)]
    public void Only_account_tokens_api_keys_and_vpn_credentials_must_be_supplied(string secret, bool mustBeSupplied) =>
        Assert.Equal(mustBeSupplied, LabSecrets.SuppliedByName(secret));

    [Theory]
    [InlineData("lscr.io/linuxserver/sonarr:4.0.14", true)]
    [InlineData("linuxserver/sonarr:4.0.14", true)]
    [InlineData("docker.io/linuxserver/sonarr:4.0.14", true)]
    [InlineData("ghcr.io/linuxserver-fork/sonarr:1", false)]
    [InlineData("postgres:16.4", false)]
    public void LinuxServer_images_are_recognised_by_repository(string image, bool expected) =>
        Assert.Equal(expected, LabSecrets.IsLinuxServerImage(image));

    [Fact]
    public void The_env_file_holds_no_secret_variables_any_more()
    {
        Render(Supplied());
        foreach (var env in Directory.GetFiles(Root, ".env", SearchOption.AllDirectories))
            Assert.DoesNotContain("SECRET", File.ReadAllText(env).Split('\n', 2)[1], StringComparison.Ordinal);
    }
}
