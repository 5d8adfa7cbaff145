using System.Collections;
using EzHomelab.Settings;

namespace EzHomelab.Sample.Tests;

/// <summary>
/// The sample rendered the way its owner would (admin password and the DuckDNS/VPN values supplied), then planned
/// and rendered again: no secret value reaches any other file or any output, and no secret file changes.
/// </summary>
public sealed class SampleSecretsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ezh-sample-secrets-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly Hashtable Supplied = new()
    {
        [RuntimeSettingsLoader.AdminPasswordVariable] = "sample-admin-password-7d41e0",
        ["EZH_SECRET_DUCKDNS_TOKEN"] = "sample-duckdns-token-3b9a62",
        ["EZH_SECRET_OPENVPN_USER"] = "sample-openvpn-user-c80f15",
        ["EZH_SECRET_OPENVPN_PASSWORD"] = "sample-openvpn-password-2e7d49",
        // Widget API keys; Prowlarr's is left unsupplied (its file is then not written).
        ["EZH_SECRET_SONARR_API_KEY"] = "sample-sonarr-key-5a0c3e",
        ["EZH_SECRET_RADARR_API_KEY"] = "sample-radarr-key-e21b94",
        ["EZH_SECRET_JELLYFIN_API_KEY"] = "sample-jellyfin-key-7f6d08",
    };

    private sealed record Run(int ExitCode, string Output);

    private static async Task<Run> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await EzHomelab.Cli.CommandLine.RunAsync(MyHomelab.HomeLab.Definition, args, stdout, stderr, new Hashtable(Supplied));
        return new Run(exit, stdout + "\n" + stderr);
    }

    private bool HoldsSecrets(string path)
    {
        var relative = Path.GetRelativePath(_root, path).Replace('\\', '/');
        return relative.Split('/').Contains("secrets") || relative.EndsWith("/users_database.yml", StringComparison.Ordinal);
    }

    private Dictionary<string, byte[]> SecretFiles() =>
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Where(HoldsSecrets).ToDictionary(f => f, File.ReadAllBytes);

    [Fact]
    public async Task No_secret_value_reaches_another_file_or_any_output_and_a_second_render_changes_no_secret_file()
    {
        var first = await Cli("render", "--out", _root);
        Assert.True(first.ExitCode == 0, first.Output);
        var before = SecretFiles();
        Assert.Contains(before.Keys, f => f.EndsWith("/core/authelia/users_database.yml", StringComparison.Ordinal));

        var generated = before.Where(kv => Path.GetFileName(Path.GetDirectoryName(kv.Key)) == "secrets")
            .Select(kv => System.Text.Encoding.UTF8.GetString(kv.Value)).ToList();
        // Traefik's and DuckDNS's token, the two VPN values (each once per stack that reads it), Authelia's three and
        // the three supplied widget keys (Homepage's).
        Assert.Equal(9, generated.Distinct().Count());
        Assert.Contains("sample-sonarr-key-5a0c3e", generated);
        var secrets = generated.Concat(Supplied.Values.Cast<string>()).Distinct().ToList();
        Assert.Contains("sample-duckdns-token-3b9a62", generated);
        Assert.Contains("sample-openvpn-password-2e7d49", generated);

        var later = new[]
        {
            await Cli("plan", "--root", _root),
            await Cli("plan", "--root", _root, "--diff"),
            await Cli("plan", "--root", _root, "--json"),
            await Cli("render", "--out", _root),
        };
        Assert.All(later, run => Assert.True(run.ExitCode == 0, run.Output));

        var otherFiles = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Where(f => !HoldsSecrets(f)).ToList();
        Assert.Contains(otherFiles, f => f.EndsWith("/core/compose.yaml", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            foreach (var file in otherFiles)
                Assert.False(File.ReadAllText(file).Contains(secret, StringComparison.Ordinal), $"{Path.GetRelativePath(_root, file)} holds a secret value");
            foreach (var run in later.Prepend(first))
                Assert.DoesNotContain(secret, run.Output);
        }
        // The users database keeps only the password's hash.
        Assert.DoesNotContain("sample-admin-password-7d41e0", File.ReadAllText(Path.Combine(_root, "core", "authelia", "users_database.yml")));

        var after = SecretFiles();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in before)
            Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{Path.GetRelativePath(_root, file)} changed on the second render");
    }
}
