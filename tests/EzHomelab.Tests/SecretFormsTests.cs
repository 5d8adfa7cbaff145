using System.Collections;
using EzHomelab.Model;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>
/// <c>[SecretEnv]</c>'s <c>Form</c>, <c>FileVariable</c> and <c>Supply</c>: the one environment entry each form gives
/// the container (never the value), the mount that stays the same, and secrets only the user can give.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretFormsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-secret-forms-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    /// <summary>One stack with each form: the family rule, an exact FileVariable, a file:// URI and a bare name.</summary>
    private static Lab FormsLab() => Rendered.OneStack(
        Service("gitea", "apps", "gitea/gitea:1.26.1") with
        {
            SecretEnvironment = [new SecretEnvVar("GITEA__database__PASSWD", "gitea-db-password", FileVariable: "GITEA__database__PASSWD__FILE")],
        },
        Service("db", "apps", "postgres:17.6-alpine") with
        {
            SecretEnvironment = [new SecretEnvVar("POSTGRES_PASSWORD", "gitea-db-password")],
        },
        Service("authentik", "apps", "ghcr.io/goauthentik/server:2026.2.2") with
        {
            SecretEnvironment = [new SecretEnvVar("AUTHENTIK_SECRET_KEY", "authentik-secret-key", SecretForm.FileUri)],
        },
        Service("pihole", "apps", "pihole/pihole:2026.07.2") with
        {
            SecretEnvironment =
            [
                new SecretEnvVar("FTLCONF_webserver_api_password", "pihole-web-password", SecretForm.SecretName, "WEBPASSWORD_FILE"),
                new SecretEnvVar("OTHER", "other-password", SecretForm.SecretName),
            ],
        },
        Service("bookstack", "apps", "lscr.io/linuxserver/bookstack:v26.05.3-ls280") with
        {
            SecretEnvironment = [new SecretEnvVar("APP_KEY", "bookstack-app-key", Supply: SecretSupply.User)],
        });

    [Fact]
    public void Each_form_sets_one_variable_to_where_the_file_is()
    {
        var lab = FormsLab();
        Dictionary<string, string> Environment(string service) => Rendered.ServiceNode(lab, "apps", service).At("environment").StringMap();

        // FileVariable names the variable exactly: no family suffix added, and the plain name is not set.
        Assert.Equal(new Dictionary<string, string> { ["GITEA__database__PASSWD__FILE"] = "/run/secrets/gitea-db-password" }, Environment("gitea"));
        Assert.Equal(new Dictionary<string, string> { ["POSTGRES_PASSWORD_FILE"] = "/run/secrets/gitea-db-password" }, Environment("db"));
        // FileUri: the variable itself holds the URI.
        Assert.Equal(new Dictionary<string, string> { ["AUTHENTIK_SECRET_KEY"] = "file:///run/secrets/authentik-secret-key" }, Environment("authentik"));
        // SecretName: the file variable (named, or by the family rule) holds the bare name.
        Assert.Equal(new Dictionary<string, string> { ["WEBPASSWORD_FILE"] = "pihole-web-password", ["OTHER_FILE"] = "other-password" }, Environment("pihole"));
        // Supply changes nothing in the container: LinuxServer's FILE__ form as always.
        Assert.Equal("/run/secrets/bookstack-app-key", Environment("bookstack")["FILE__APP_KEY"]);
    }

    [Fact]
    public void Every_form_mounts_the_file_at_the_same_place()
    {
        var lab = FormsLab();
        List<string> Volumes(string service) => Rendered.ServiceNode(lab, "apps", service).At("volumes").Strings();

        Assert.Contains("./secrets/gitea-db-password:/run/secrets/gitea-db-password:ro", Volumes("gitea"));
        Assert.Contains("./secrets/gitea-db-password:/run/secrets/gitea-db-password:ro", Volumes("db"));
        Assert.Contains("./secrets/authentik-secret-key:/run/secrets/authentik-secret-key:ro", Volumes("authentik"));
        Assert.Contains("./secrets/pihole-web-password:/run/secrets/pihole-web-password:ro", Volumes("pihole"));
        Assert.Contains("./secrets/other-password:/run/secrets/other-password:ro", Volumes("pihole"));
        Assert.Contains("./secrets/bookstack-app-key:/run/secrets/bookstack-app-key:ro", Volumes("bookstack"));
    }

    [Fact]
    public void A_secret_marked_user_supplied_must_be_supplied_in_every_service_that_reads_it()
    {
        var lab = FormsLab();
        var mustBeSupplied = LabSecrets.MustBeSupplied(lab);
        Assert.True(mustBeSupplied.Contains("bookstack-app-key"));
        Assert.False(mustBeSupplied.Contains("gitea-db-password"));
        // The name rule still holds beside the marks.
        Assert.True(mustBeSupplied.Contains("plex-claim-token"));

        // One secret has one value: a mark on one reader of a shared secret makes it the user's everywhere.
        var marked = lab with
        {
            Services = lab.Services.Select(s => s.Name == "db"
                ? s with { SecretEnvironment = [new SecretEnvVar("POSTGRES_PASSWORD", "gitea-db-password", Supply: SecretSupply.User)] }
                : s).ToArray(),
        };
        Assert.True(LabSecrets.MustBeSupplied(marked).Contains("gitea-db-password"));
    }

    [Fact]
    public void A_missing_user_supplied_secret_is_a_warning_and_no_file_until_it_is_given()
    {
        var lab = FormsLab();
        var run = CliRun.Invoke(lab, new Hashtable(), "render", "--out", Root);
        Assert.Equal(0, run.ExitCode);
        var warning = Assert.Single(run.StderrLines, l => l.StartsWith("warning: secret ", StringComparison.Ordinal));
        Assert.Contains("'bookstack-app-key' (service 'bookstack' in stack 'apps') must be supplied: set EZH_SECRET_BOOKSTACK_APP_KEY", warning);
        Assert.False(File.Exists(Path.Combine(Root, "apps/secrets/bookstack-app-key")));
        // The others are generated as before.
        Assert.Matches("^[0-9a-f]{64}$", File.ReadAllText(Path.Combine(Root, "apps/secrets/authentik-secret-key")));

        // secrets list says it is missing, and it is never regenerated.
        var list = CliRun.Invoke(lab, new Hashtable(), "secrets", "list", "--root", Root);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(list.Stdout.Split('\n'), l => l.Contains("bookstack-app-key", StringComparison.Ordinal) && l.Contains("missing: only you can give it", StringComparison.Ordinal));
        var regenerate = CliRun.Invoke(lab, new Hashtable(), "render", "--out", Root, "--regenerate-secret", "bookstack-app-key");
        Assert.NotEqual(0, regenerate.ExitCode);
        Assert.Contains("this secret is never generated; give its new value with EZH_SECRET_BOOKSTACK_APP_KEY", regenerate.Stderr);

        const string Key = "base64:c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGVzIQ==";
        var given = CliRun.Invoke(lab, new Hashtable { ["EZH_SECRET_BOOKSTACK_APP_KEY"] = Key }, "render", "--out", Root);
        Assert.Equal(0, given.ExitCode);
        Assert.DoesNotContain(given.StderrLines, l => l.StartsWith("warning: secret ", StringComparison.Ordinal));
        Assert.Equal(Key, File.ReadAllText(Path.Combine(Root, "apps/secrets/bookstack-app-key")));
        Assert.DoesNotContain(Key, File.ReadAllText(Path.Combine(Root, "apps/compose.yaml")));
    }
}
