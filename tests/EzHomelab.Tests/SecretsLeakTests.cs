using System.Collections;
using EzHomelab.Model;
using EzHomelab.Rendering.Authelia;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary>
/// Renders a lab with every role, collects every secret value (the files under */secrets/ and the admin password
/// printed once), and searches every other file under the root and every output of render and plan for each.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretsLeakTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-leak-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    private static bool HoldsSecrets(string relativePath) =>
        relativePath.Split('/').Contains(LabSecrets.SecretsFolder) || relativePath.EndsWith("/" + UsersDatabase.FileName, StringComparison.Ordinal);

    [Fact]
    public void No_secret_value_reaches_any_other_file_or_any_output()
    {
        // The core lab plus Homepage widgets, whose API keys the user supplies; Homepage runs as PUID:PGID, so its
        // key files belong to that user.
        var widgets = HomepageWidgetTests.Lab();
        var lab = widgets with
        {
            Services = widgets.Services.Select(s => s.Name == "homepage" ? s with { Environment = [new("PUID", "${PUID}"), new("PGID", "${PGID}")] } : s).ToArray(),
        };
        var env = new Hashtable
        {
            ["EZH_SECRET_DUCKDNS_TOKEN"] = "supplied-duckdns-0f1e2d3c",
            ["EZH_SECRET_WIREGUARD_PRIVATE_KEY"] = "supplied-wireguard-9a8b7c6d",
            ["EZH_SECRET_SONARR_API_KEY"] = "supplied-sonarr-key-4e5f6a7b",
            ["EZH_SECRET_JELLYFIN_API_KEY"] = "supplied-jellyfin-key-1c2d3e4f",
        };

        var first = CliRun.Invoke(lab, env, "render", "--out", Root);
        Assert.Equal(0, first.ExitCode);
        Assert.Single(first.StderrLines, l => l.StartsWith("Authelia user 'admin' was created with a generated password", StringComparison.Ordinal));
        var password = File.ReadAllText(Path.Combine(Root, "core", LabSecrets.StackPath(LabSecrets.AutheliaAdminPassword)));
        Assert.True(password.Length >= 24, "the generated password is at least 24 characters");

        var files = Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).ToList();
        var values = files.Where(f => f.Split('/').Contains(LabSecrets.SecretsFolder)).Select(f => File.ReadAllText(Path.Combine(Root, f))).ToList();
        Assert.Equal(8, values.Count); // seven secrets the services read, and the kept admin password

        // Make plan show a diff, a mode-only and an owner-only change on a secret, and an override it must ignore.
        File.AppendAllText(Path.Combine(Root, "core/compose.yaml"), "# edited\n");
        File.SetUnixFileMode(Path.Combine(Root, "core/secrets/authelia-jwt-secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.Null(Planning.UnixOwnership.TrySet(Path.Combine(Root, "dashboards/secrets/sonarr-api-key"), 0, 0));
        var rotated = new Hashtable(env) { ["EZH_SECRET_AUTHELIA_SESSION_SECRET"] = "rotated-session-secret", ["EZH_ADMIN_PASSWORD"] = "a different admin password" };
        var later = new[]
        {
            CliRun.Invoke(lab, rotated, "plan", "--root", Root),
            CliRun.Invoke(lab, rotated, "plan", "--root", Root, "--diff"),
            CliRun.Invoke(lab, rotated, "plan", "--root", Root, "--json"),
            CliRun.Invoke(lab, rotated, "render", "--out", Root, "--force"), // core/compose.yaml was edited by hand
            CliRun.Invoke(lab, env, "render", "--out", Root),
            CliRun.Invoke(lab, env, "plan", "--root", Root, "--diff"),
        };
        Assert.All(later, run => Assert.Equal(0, run.ExitCode));
        Assert.Contains("contents hidden (holds secrets)", later[1].Stdout); // the search below covers a real diff
        Assert.Contains("~ secrets/sonarr-api-key (change) owner 0:0 -> 1000:1000", later[0].Stdout);
        Assert.Contains("-# edited", later[1].Stdout);

        foreach (var value in values)
        {
            foreach (var file in files.Where(f => !HoldsSecrets(f)))
                Assert.False(File.ReadAllText(Path.Combine(Root, file)).Contains(value, StringComparison.Ordinal), $"{file} holds a secret value");
            Assert.DoesNotContain(value, first.Stdout);
            foreach (var run in later) Assert.DoesNotContain(value, run.Stdout + run.Stderr);
        }
        // The users database holds only the hash.
        Assert.DoesNotContain(password, File.ReadAllText(Path.Combine(Root, "core", UsersDatabase.FileName)));
        // Output names where the password is, never the value; the list of secrets shows no value either.
        var listed = CliRun.Invoke(lab, env, "secrets", "list", "--root", Root);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("authelia-admin-password", listed.Stdout);
        foreach (var value in values) Assert.DoesNotContain(value, first.Stderr + listed.Stdout + listed.Stderr);
    }
}
