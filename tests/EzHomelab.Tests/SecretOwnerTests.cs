using System.Text.Json;
using EzHomelab.Model;
using EzHomelab.Planning;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using static EzHomelab.Tests.TestLabs;

namespace EzHomelab.Tests;

/// <summary>
/// Who reads a secret file inside its container, per image, and the owner and mode the file gets so that reader
/// can open it; on disk, render gives the file that owner and plan shows an owner that is not right yet.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretOwnerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-owner-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    private static readonly RuntimeSettings Settings = new() { Domain = Domain, Puid = 1000, Pgid = 1000 };

    private static Lab LabOf(params ServiceSpec[] services) => new() { Name = "OwnerLab", Domain = Domain, Email = "me@example.org", Services = services };

    private static ServiceSpec Reader(string name, string image, string? user = null, string? puid = null, string? pgid = null) =>
        Service(name, "apps", image) with
        {
            User = user,
            Environment = new[] { ("PUID", puid), ("PGID", pgid) }.Where(e => e.Item2 is not null).Select(e => new EnvVar(e.Item1, e.Item2!)).ToArray(),
            SecretEnvironment = [new SecretEnvVar("DB_PASSWORD", "db-password")],
        };

    private static string ReaderText(SecretReader reader) => reader.Uid is null ? "unknown" : $"{reader.Uid}:{(reader.Gid?.ToString() ?? "?")}";

    [Theory]
    // Read as root by the image's init or entrypoint, whatever PUID says.
    [InlineData("lscr.io/linuxserver/sonarr:4.0.14", null, "${PUID}", "${PGID}", "0:0")]
    [InlineData("linuxserver/duckdns:version-aad9dc1f", null, "1000", "1000", "0:0")]
    [InlineData("qmcgaw/gluetun:v3.40.0", null, "1000", "1000", "0:0")]
    [InlineData("traefik:v3.3.4", null, null, null, "0:0")]
    [InlineData("postgres:16.4", null, null, null, "0:0")]
    [InlineData("docker.io/library/mariadb:11.4", null, null, null, "0:0")]
    [InlineData("mysql:8.4", null, null, null, "0:0")]
    // Read by the application after its entrypoint dropped to PUID:PGID (both default to 0).
    [InlineData("ghcr.io/gethomepage/homepage:v1.0.4", null, "${PUID}", "${PGID}", "1000:1000")]
    [InlineData("ghcr.io/gethomepage/homepage:v1.0.4", null, null, null, "0:0")]
    [InlineData("authelia/authelia:4.39.1", null, "1001", "1002", "1001:1002")]
    [InlineData("ghcr.io/authelia/authelia:4.39.1", null, "1001", null, "1001:0")]
    // An explicit user is who runs everything in the container, so it is the reader, whatever the image.
    [InlineData("postgres:16.4", "1000:1000", null, null, "1000:1000")]
    [InlineData("lscr.io/linuxserver/sonarr:4.0.14", "911:911", "${PUID}", "${PGID}", "911:911")]
    [InlineData("example/app:1.2.3", "1000", null, null, "1000:?")]
    [InlineData("example/app:1.2.3", "root", null, null, "0:?")]
    [InlineData("example/app:1.2.3", "postgres", null, null, "unknown")]
    // An image EzHomelab does not know: PUID:PGID when it follows that convention, else root.
    [InlineData("example/app:1.2.3", null, "${PUID}", "${PGID}", "1000:1000")]
    [InlineData("example/app:1.2.3", null, "1500", null, "1500:?")]
    [InlineData("example/app:1.2.3", null, null, null, "0:0")]
    public void The_reader_of_a_secret_file_follows_the_image_and_the_user(string image, string? user, string? puid, string? pgid, string expected)
    {
        var reader = LabSecrets.ReaderOf(Reader("app", image, user, puid, pgid), Settings);
        Assert.Equal(expected, ReaderText(reader));
        Assert.False(string.IsNullOrWhiteSpace(reader.Why));
    }

    private static SecretOwnership OwnershipIn(params ServiceSpec[] services)
    {
        var lab = LabOf(services);
        return LabSecrets.OwnershipOf(lab, lab.StacksOn(lab.Core).Single(), "db-password", Settings);
    }

    [Fact]
    public void Only_root_reading_leaves_the_file_to_whoever_writes_it()
    {
        var ownership = OwnershipIn(Reader("db", "postgres:16.4"), Reader("sonarr", "lscr.io/linuxserver/sonarr:4.0.14", puid: "${PUID}", pgid: "${PGID}"));
        Assert.Null(ownership.Owner);
        Assert.Equal(RenderedFile.OwnerOnly, ownership.Mode);
        Assert.Empty(ownership.Problems);
    }

    [Fact]
    public void One_non_root_reader_owns_the_file_and_root_readers_need_nothing()
    {
        var ownership = OwnershipIn(Reader("db", "postgres:16.4"), Reader("app", "example/app:1.2.3", user: "1000:1000"));
        Assert.Equal("1000:1000", ownership.Owner?.ToString());
        Assert.Equal(RenderedFile.OwnerOnly, ownership.Mode);
        Assert.Contains("service 'app'", ownership.Owner!.NeededBy);
        Assert.Empty(ownership.Problems);
    }

    [Fact]
    public void Two_non_root_readers_share_the_file_through_the_group_of_the_second()
    {
        // Distinct groups: 1000 owns it, 1001 reads it as its group.
        var apart = OwnershipIn(Reader("a", "example/app:1.2.3", user: "1000:1000"), Reader("b", "example/app:1.2.3", user: "1001:1001"));
        Assert.Equal("1000:1001", apart.Owner?.ToString());
        Assert.Equal(RenderedFile.OwnerAndGroupRead, apart.Mode);
        Assert.Empty(apart.Problems);

        // Three users, two of them in group 1000 with the third as owner.
        var grouped = OwnershipIn(Reader("a", "example/app:1.2.3", user: "1000:2000"), Reader("b", "example/app:1.2.3", user: "1001:1000"), Reader("c", "example/app:1.2.3", user: "1002:1000"));
        Assert.Equal("1000:1000", grouped.Owner?.ToString());
        Assert.Equal(RenderedFile.OwnerAndGroupRead, grouped.Mode);
        Assert.Empty(grouped.Problems);
    }

    [Fact]
    public void Readers_who_cannot_share_the_file_are_named_in_a_problem()
    {
        var apart = OwnershipIn(Reader("a", "example/app:1.2.3", user: "1000:1000"), Reader("b", "example/app:1.2.3", user: "1001:1001"), Reader("c", "example/app:1.2.3", user: "1002:1002"));
        Assert.Equal("1000:1000", apart.Owner?.ToString());
        Assert.Equal(RenderedFile.OwnerOnly, apart.Mode);
        var problem = Assert.Single(apart.Problems);
        Assert.Contains("secret 'db-password' in stack 'apps'", problem);
        Assert.Contains("services 'b', 'c'", problem);
        Assert.Contains("no group in common", problem);

        var named = OwnershipIn(Reader("db", "postgres:16.4", user: "postgres"));
        Assert.Null(named.Owner);
        Assert.Contains("service 'db' reads it as a user EzHomelab cannot tell", Assert.Single(named.Problems));
    }

    [Fact]
    public void The_rendered_secret_file_carries_its_owner_and_says_so_in_its_note()
    {
        var lab = LabOf(Reader("app", "example/app:1.2.3", user: "1000:1000"));
        var settings = Settings with { Secrets = new SecretValues(new Dictionary<string, string> { ["db-password"] = "a-value" }) };
        var file = Rendered.StackFiles(lab, "apps", settings).Single(f => f.RelativePath == "secrets/db-password");
        Assert.Equal(new FileOwner(1000, 1000), file.Owner! with { NeededBy = "" });
        Assert.Equal(RenderedFile.OwnerOnly, file.Mode);
        Assert.Equal("secret: from EZH_SECRET_DB_PASSWORD, owner 1000:1000", file.Note);
    }

    private static void RequireRoot() =>
        Assert.True(Environment.IsPrivilegedProcess, "these tests give files to other users, which only root may do: run them as root (scripts/test.sh does)");

    private static (int Uid, int Gid) OwnerOf(string path) => UnixOwnership.TryGet(path) ?? throw new Xunit.Sdk.XunitException($"cannot read the owner of {path}");

    [Fact]
    public void Render_gives_the_file_to_its_reader_and_gives_an_existing_file_back_when_its_owner_changed()
    {
        RequireRoot();
        var lab = LabOf(Reader("app", "example/app:1.2.3", user: "1000:1000"));
        var first = CliRun.Invoke(lab, null, "render", "--out", Root);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var secret = Path.Combine(Root, "apps/secrets/db-password");
        Assert.Equal((1000, 1000), OwnerOf(secret));
        Assert.Equal(RenderedFile.OwnerOnly, File.GetUnixFileMode(secret));
        // The folder stays root's and 0700: the container sees only the file, mounted on its own.
        Assert.Equal((0, 0), OwnerOf(Path.GetDirectoryName(secret)!));
        Assert.Equal(RenderedFile.OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(secret)!));
        var value = File.ReadAllBytes(secret);

        // Given back to root by hand: plan shows the owner change, and render fixes it without rewriting the value.
        File.SetUnixFileMode(secret, RenderedFile.OwnerOnly);
        Assert.Null(UnixOwnership.TrySet(secret, 0, 0));
        var plan = CliRun.Invoke(lab, null, "plan", "--root", Root, "--diff");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        Assert.Contains("~ secrets/db-password (change) owner 0:0 -> 1000:1000", plan.Stdout);
        Assert.Contains("0 to add, 1 to change, 0 to remove", plan.Stdout);
        using (var json = JsonDocument.Parse(CliRun.Invoke(lab, null, "plan", "--root", Root, "--json").Stdout))
        {
            var file = json.RootElement.GetProperty("servers")[0].GetProperty("stacks")[0].GetProperty("files").EnumerateArray()
                .Single(f => f.GetProperty("path").GetString() == "apps/secrets/db-password");
            Assert.Equal("change", file.GetProperty("change").GetString());
            Assert.Equal("owner 0:0 -> 1000:1000", file.GetProperty("note").GetString());
        }

        var again = CliRun.Invoke(lab, null, "render", "--out", Root);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.DoesNotContain("warning:", again.Stderr);
        Assert.Equal((1000, 1000), OwnerOf(secret));
        Assert.True(value.AsSpan().SequenceEqual(File.ReadAllBytes(secret)), "the secret was rewritten"); // never print a value
        Assert.Contains("No changes", CliRun.Invoke(lab, null, "plan", "--root", Root).Stdout);
    }

    [Fact]
    public void A_secret_two_users_read_is_group_readable_by_the_second_on_disk()
    {
        RequireRoot();
        var lab = LabOf(Reader("a", "example/app:1.2.3", user: "1000:1000"), Reader("b", "example/app:1.2.3", user: "1001:1001"));
        var run = CliRun.Invoke(lab, null, "render", "--out", Root);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var secret = Path.Combine(Root, "apps/secrets/db-password");
        Assert.Equal((1000, 1001), OwnerOf(secret));
        Assert.Equal(RenderedFile.OwnerAndGroupRead, File.GetUnixFileMode(secret));
    }

    [Fact]
    public void A_reader_that_cannot_be_told_is_a_warning_of_every_verb()
    {
        var lab = LabOf(Reader("db", "postgres:16.4", user: "postgres"));
        var run = CliRun.Invoke(lab, null, "plan", "--root", Root);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.StderrLines, l => l.StartsWith("warning: secret 'db-password' in stack 'apps': service 'db' reads it as a user EzHomelab cannot tell", StringComparison.Ordinal));
    }
}
