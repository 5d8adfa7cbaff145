using System.Collections;
using EzHomelab.Model;
using EzHomelab.Planning;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>
/// Which secret files each caller works on, for the servers in scope: the secrets verb (list and show), the values a
/// render gives (<see cref="SecretStore.Prepare"/>) and the names <c>--regenerate-secret</c> accepts
/// (<see cref="SecretStore.CheckRegenerate"/>). One enumeration feeds all three; these pin what each one lists, on a
/// lab whose servers are not declared in name order (so the lab's order and the paths' order differ) and that shares
/// a secret across servers.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretFilesInScopeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-scope-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    /// <summary>The core declared before "backup"; db-password read on both servers; restic-api-key only the owner can give.</summary>
    private static Lab SplitLab() => new()
    {
        Name = "SplitLab",
        Domain = Domain,
        Timezone = "Europe/Berlin",
        Email = "me@example.org",
        Servers = [new ServerSpec("core"), new ServerSpec("backup", "192.168.1.50")],
        Services =
        [
            Service("wiki", "apps", "example/wiki:1.0.0") with { SecretEnvironment = [new SecretEnvVar("DB_PASSWORD", "db-password")] },
            Service("authelia", "core", "authelia/authelia:4.39.1") with { Route = new RouteSpec(9091, "auth", Access.Bypass) },
            Service("traefik", "core", "traefik:v3.3.4") with
            {
                Ports = [new PortSpec(80, 80), new PortSpec(443, 443)],
                SecretEnvironment = [new SecretEnvVar("DUCKDNS_TOKEN", "duckdns-token")],
            },
            Service("db", "db", "postgres:16.4") with { Server = "backup", SecretEnvironment = [new SecretEnvVar("POSTGRES_PASSWORD", "db-password")] },
            Service("restic", "db", "example/restic:1.0.0") with { Server = "backup", SecretEnvironment = [new SecretEnvVar("B2_KEY", "restic-api-key")] },
        ],
    };

    private static Hashtable Env() => new() { ["EZH_SECRET_DUCKDNS_TOKEN"] = "t" };

    private CliRun Run(params string[] args) => CliRun.Invoke(SplitLab(), Env(), args);

    /// <summary>The rows of <c>secrets list</c>: secret, file and reader (the state column is left out).</summary>
    private static List<string> ListedRows(CliRun run)
    {
        Assert.Equal(0, run.ExitCode);
        return run.Stdout.Split('\n')
            .Select(line => line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length >= 4 && cells[1].Contains("/secrets/", StringComparison.Ordinal))
            .Select(cells => string.Join(" | ", cells.Take(3)))
            .ToList();
    }

    [Fact]
    public void Secrets_list_shows_every_file_of_the_lab_by_secret_then_path_with_the_kept_admin_password()
    {
        Assert.Equal(
        [
            "authelia-admin-password | core/core/secrets/authelia-admin-password | you (Authelia login)",
            "authelia-jwt-secret | core/core/secrets/authelia-jwt-secret | authelia (AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET)",
            "authelia-session-secret | core/core/secrets/authelia-session-secret | authelia (AUTHELIA_SESSION_SECRET)",
            "authelia-storage-encryption-key | core/core/secrets/authelia-storage-encryption-key | authelia (AUTHELIA_STORAGE_ENCRYPTION_KEY)",
            "db-password | backup/db/secrets/db-password | db (POSTGRES_PASSWORD)",
            "db-password | core/apps/secrets/db-password | wiki (DB_PASSWORD)",
            "duckdns-token | core/core/secrets/duckdns-token | traefik (DUCKDNS_TOKEN)",
            "restic-api-key | backup/db/secrets/restic-api-key | restic (B2_KEY)",
        ], ListedRows(Run("secrets", "list", "--root", Root)));
    }

    [Fact]
    public void Secrets_list_with_server_shows_that_servers_files_in_stack_folders()
    {
        Assert.Equal(
        [
            "db-password | db/secrets/db-password | db (POSTGRES_PASSWORD)",
            "restic-api-key | db/secrets/restic-api-key | restic (B2_KEY)",
        ], ListedRows(Run("secrets", "list", "--root", Root, "--server", "backup")));
    }

    [Fact]
    public void Secrets_show_finds_a_file_of_any_server_in_scope_and_names_the_lab_secrets_otherwise()
    {
        Directory.CreateDirectory(Path.Combine(Root, "backup", "db", "secrets"));
        File.WriteAllText(Path.Combine(Root, "backup", "db", "secrets", "db-password"), "from-backup");
        var shown = Run("secrets", "show", "db-password", "--root", Root);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal("from-backup\n", shown.Stdout);

        var unknown = Run("secrets", "show", "nope", "--root", Root, "--server", "backup");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: secrets show: the lab has no secret 'nope' (secrets: db-password, restic-api-key)", unknown.Stderr);
    }

    private PreparedSecrets Prepare(IReadOnlyCollection<string> servers, bool perServerFolders, Hashtable? environment = null)
    {
        var lab = SplitLab();
        var loaded = RuntimeSettingsLoader.Load(lab, environment ?? Env(), null, lab.Services.Where(s => servers.Contains(lab.ServerOf(s).Name)));
        return SecretStore.Prepare(new FileStore(Root, lab.Name), lab, servers, perServerFolders, loaded);
    }

    [Fact]
    public void A_render_gives_every_secret_in_scope_a_value_but_the_ones_only_the_owner_gives()
    {
        var all = Prepare(["core", "backup"], perServerFolders: true);
        Assert.Equal(["authelia-jwt-secret", "authelia-session-secret", "authelia-storage-encryption-key", "db-password", "duckdns-token"],
            all.Settings.Secrets.Names.Order(StringComparer.Ordinal));
        Assert.Equal(["secret 'restic-api-key' (service 'restic' in stack 'db') must be supplied: set EZH_SECRET_RESTIC_API_KEY; backup/db/secrets/restic-api-key is not written until then, and deploy will refuse"],
            all.Warnings);
        Assert.Equal("core/core/secrets/authelia-admin-password", all.NewAdminPasswordFile);

        var backup = Prepare(["backup"], perServerFolders: false);
        Assert.Equal(["db-password"], backup.Settings.Secrets.Names);
        Assert.Null(backup.NewAdminPasswordFile);
    }

    [Fact]
    public void Of_two_existing_files_of_one_secret_the_first_in_the_labs_server_order_gives_the_value()
    {
        foreach (var (folder, value) in new[] { ("backup/db", "from-backup"), ("core/apps", "from-core") })
        {
            Directory.CreateDirectory(Path.Combine(Root, folder, "secrets"));
            File.WriteAllText(Path.Combine(Root, folder, "secrets", "db-password"), value);
        }
        var prepared = Prepare(["core", "backup"], perServerFolders: true);
        Assert.True(prepared.Settings.Secrets.TryGet("db-password", out var chosen));
        Assert.Equal("from-core", chosen);
        Assert.Contains("secret 'db-password': core/apps/secrets/db-password, backup/db/secrets/db-password hold different values; each file is kept, stacks without one get the value of core/apps/secrets/db-password",
            prepared.Warnings);
    }

    [Fact]
    public void A_deleted_secret_is_lost_at_the_first_file_the_manifest_knew()
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        File.Delete(Path.Combine(Root, "core", "apps", "secrets", "db-password"));
        File.Delete(Path.Combine(Root, "backup", "db", "secrets", "db-password"));
        var lost = Assert.Single(Prepare(["core", "backup"], perServerFolders: true).Lost);
        Assert.Equal(("db-password", "core/apps/secrets/db-password"), (lost.Secret, lost.Path));
    }

    [Theory]
    [InlineData(null, "authelia-jwt-secret, authelia-session-secret, authelia-storage-encryption-key, db-password")]
    [InlineData("backup", "db-password")]
    public void Regenerate_secret_accepts_the_generated_secrets_in_scope_only(string? server, string generated)
    {
        var lab = SplitLab();
        string[] servers = server is null ? ["core", "backup"] : [server];
        var e = Assert.Throws<SettingsException>(() => SecretStore.CheckRegenerate(new FileStore(Root, lab.Name), lab, servers, server is null, ["authelia-admin-password"]));
        Assert.Equal($"--regenerate-secret authelia-admin-password: no service in scope reads a generated secret of that name (generated secrets: {generated})", e.Message);

        Directory.CreateDirectory(Path.Combine(Root, "core", "apps", "secrets"));
        File.WriteAllText(Path.Combine(Root, "core", "apps", "secrets", "db-password"), "kept");
        if (server is null)
        {
            var exists = Assert.Throws<SettingsException>(() => SecretStore.CheckRegenerate(new FileStore(Root, lab.Name), lab, servers, true, ["db-password"]));
            Assert.StartsWith($"--regenerate-secret db-password: {Path.Combine(Root, "core/apps/secrets/db-password")} still exists", exists.Message);
        }
        else SecretStore.CheckRegenerate(new FileStore(Root, lab.Name), lab, servers, false, ["db-password"]); // the core's file is out of scope
    }
}
