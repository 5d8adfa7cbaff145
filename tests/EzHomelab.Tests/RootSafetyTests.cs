using System.Collections;
using System.Diagnostics;
using EzHomelab.Planning;
using EzHomelab.Rendering.Authelia;
using EzHomelab.Tests.Support;
using Isopoh.Cryptography.Argon2;

namespace EzHomelab.Tests;

/// <summary>
/// What a run must never lose: another run's work (the root's lock), another lab's files (the lab recorded in the
/// manifest), and secrets whose files were deleted (refused, not silently made anew).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RootSafetyTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-root-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    private static Hashtable Env() => new() { ["EZH_SECRET_DUCKDNS_TOKEN"] = "t", ["EZH_SECRET_WIREGUARD_PRIVATE_KEY"] = "w" };

    private CliRun Run(params string[] args) => CliRun.Invoke(CoreTestLab.Lab(), Env(), args);

    private Dictionary<string, string> Files() =>
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Root, f).StartsWith(Manifest.Folder, StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(Root, f), File.ReadAllText, StringComparer.Ordinal);

    // --- the lock -------------------------------------------------------------------------------------------

    [Fact]
    public void A_second_run_on_a_locked_root_names_the_holder_and_changes_nothing()
    {
        using (RootLock.Acquire(new FileStore(Root), "render")) // what a first run holds
        {
            var second = Run("render", "--out", Root);
            Assert.Equal(1, second.ExitCode);
            var error = Assert.Single(second.StderrLines);
            Assert.StartsWith($"error: another EzHomelab run is using {Root}: pid {Environment.ProcessId} (render, started ", error);
            Assert.Contains("--wait", error);
            Assert.False(Directory.Exists(Path.Combine(Root, "core")));
            Assert.Equal(1, Run("down", "--root", Root).ExitCode);
        }
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        Assert.False(File.Exists(Path.Combine(Root, RootLock.HolderFileName)), "the holder note goes with the lock");
    }

    [Fact]
    public async Task With_wait_a_second_run_waits_for_the_first_and_then_runs()
    {
        var held = RootLock.Acquire(new FileStore(Root), "deploy");
        var waiting = Task.Run(() => Run("render", "--out", Root, "--wait"));
        await Task.Delay(700);
        Assert.False(waiting.IsCompleted, "render --wait must not run while the root is locked");
        held.Dispose();
        var run = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"waiting for another EzHomelab run to finish with {Root}: pid {Environment.ProcessId} (deploy", run.Stderr);
        Assert.True(File.Exists(Path.Combine(Root, "core", "compose.yaml")));
    }

    [Fact]
    public async Task Two_renders_at_once_leave_one_admin_password_whose_hash_is_the_one_kept()
    {
        // Without the lock both made a password and only one hash survived.
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Run("render", "--out", Root, "--wait"))));
        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        Assert.Single(runs, r => r.Stderr.Contains("was created with a generated password", StringComparison.Ordinal));
        var password = File.ReadAllText(Path.Combine(Root, "core", "secrets", "authelia-admin-password"));
        var hash = YamlAccess.Parse(File.ReadAllText(Path.Combine(Root, "core", UsersDatabase.FileName))).At("users", "admin", "password").Str();
        Assert.True(Argon2.Verify(hash, password));
    }

    [Fact]
    public async Task The_lock_of_a_process_that_was_killed_is_released_by_the_system()
    {
        Directory.CreateDirectory(Path.Combine(Root, Manifest.Folder));
        // flock(1) takes the same kind of lock (flock(2)) the runner does; -o keeps it in flock itself, not in sleep.
        var holder = Process.Start(new ProcessStartInfo("flock", ["-o", Path.Combine(Root, RootLock.FileName), "sleep", "60"]))!;
        try
        {
            // Until flock has taken it, the lock is free.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                try { RootLock.Acquire(new FileStore(Root), "probe").Dispose(); }
                catch (RefusedException) { break; }
                await Task.Delay(50);
            }
            var refused = Run("render", "--out", Root);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("another EzHomelab run is using", refused.Stderr);
        }
        finally
        {
            holder.Kill(); // SIGKILL: nothing of the holder's runs after this
            await holder.WaitForExitAsync();
        }
        // The kernel drops the lock when the holder's last descriptor closes, which on a loaded machine may lag the
        // parent's view of the exit by a moment: allow a few seconds, then the lock must be free.
        var after = Run("render", "--out", Root);
        for (var deadline = DateTime.UtcNow.AddSeconds(5); after.ExitCode != 0 && DateTime.UtcNow < deadline; after = Run("render", "--out", Root))
            await Task.Delay(100);
        Assert.True(after.ExitCode == 0, $"render after the holder was killed: exit {after.ExitCode}\n{after.Stderr}");
    }

    // --- another lab's root ---------------------------------------------------------------------------------

    [Fact]
    public void Another_labs_root_is_refused_and_keeps_every_file()
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        var before = Files();
        var other = CoreTestLab.Lab() with { Name = "OtherLab", Services = CoreTestLab.Lab().Services.Where(s => s.Stack == "core").ToArray() };

        var refused = CliRun.Invoke(other, Env(), "render", "--out", Root);
        Assert.Equal(1, refused.ExitCode);
        var error = Assert.Single(refused.StderrLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal($"error: {Root} holds the files of lab 'CoreLab' (recorded in .ezhomelab/manifest.json), not of OtherLab; its files would be replaced or removed. Use another --root, or run again with --force to take the root over for OtherLab", error);
        Assert.Equal(before, Files());
        Assert.Equal(1, CliRun.Invoke(other, Env(), "deploy", "--root", Root).ExitCode);
        Assert.Equal(1, CliRun.Invoke(other, Env(), "down", "--root", Root).ExitCode);
        Assert.Equal(before, Files());
        // Read-only verbs say it and go on.
        var plan = CliRun.Invoke(other, Env(), "plan", "--root", Root);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("warning: " + Root + " holds the files of lab 'CoreLab'", plan.Stderr);

        var forced = CliRun.Invoke(other, Env(), "render", "--out", Root, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("taking it over (--force)", forced.Stderr);
        Assert.Equal("OtherLab", new FileStore(Root).RecordedLab());
        Assert.Equal(0, CliRun.Invoke(other, Env(), "render", "--out", Root).ExitCode);
    }

    [Fact]
    public void A_root_written_before_labs_were_recorded_is_adopted()
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        var manifest = Path.Combine(Root, Manifest.RelativePath);
        File.WriteAllText(manifest, Manifest.Serialize(new FileStore(Root).ReadManifest()));
        Assert.Null(new FileStore(Root).RecordedLab());
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        Assert.Equal("CoreLab", new FileStore(Root).RecordedLab());
    }

    // --- deleted generated secrets --------------------------------------------------------------------------

    private string StorageKey => Path.Combine(Root, "core", "secrets", "authelia-storage-encryption-key");

    [Fact]
    public void A_deleted_generated_secret_is_refused_naming_its_file_and_what_it_protects()
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        File.Delete(StorageKey);
        var before = Files();

        var refused = Run("render", "--out", Root);
        Assert.Equal(1, refused.ExitCode);
        var error = Assert.Single(refused.StderrLines);
        Assert.Equal("error: core/secrets/authelia-storage-encryption-key was deleted: the secret 'authelia-storage-encryption-key' encrypts Authelia's database "
            + "(second factors, consents, user preferences): with a new key Authelia can no longer open it and will not start. Restore the file (a backup of the root), "
            + "or run again with --regenerate-secret authelia-storage-encryption-key to make a new one on purpose", error);
        Assert.Equal(before, Files());
        Assert.False(File.Exists(StorageKey));
        // Deploy refuses before it looks for an engine; plan shows what render would refuse.
        Assert.Equal(1, Run("deploy", "--root", Root).ExitCode);
        var plan = Run("plan", "--root", Root);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("warning: render and deploy will refuse: core/secrets/authelia-storage-encryption-key was deleted", plan.Stderr);
        Assert.Contains("DELETED: render refuses", Run("secrets", "list", "--root", Root).Stdout);
    }

    [Fact]
    public void Regenerate_secret_makes_a_new_value_on_purpose_and_only_for_the_secret_named()
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        var oldKey = File.ReadAllText(StorageKey);
        var session = File.ReadAllText(Path.Combine(Root, "core", "secrets", "authelia-session-secret"));
        File.Delete(StorageKey);

        var run = Run("render", "--out", Root, "--regenerate-secret", "authelia-storage-encryption-key");
        Assert.Equal(0, run.ExitCode);
        var newKey = File.ReadAllText(StorageKey);
        Assert.Equal(64, newKey.Length);
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(session, File.ReadAllText(Path.Combine(Root, "core", "secrets", "authelia-session-secret")));
        Assert.Equal(0, Run("render", "--out", Root).ExitCode); // known again: nothing to refuse
    }

    [Theory]
    [InlineData("authelia-storage-encryption-key", "still exists and a secret file is never rewritten")]
    [InlineData("no-such-secret", "no service in scope reads a generated secret of that name")]
    [InlineData("duckdns-token", "this secret is never generated; give its new value with EZH_SECRET_DUCKDNS_TOKEN")]
    public void Regenerate_secret_names_only_a_deleted_generated_secret(string name, string problem)
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        var before = Files();
        var run = Run("render", "--out", Root, "--regenerate-secret", name);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: --regenerate-secret {name}: ", run.Stderr);
        Assert.Contains(problem, run.Stderr);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void A_secret_never_written_before_is_still_generated_without_asking()
    {
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        // A secret the manifest never knew (a service added later) is new, not lost.
        File.Delete(StorageKey);
        var manifest = new FileStore(Root).ReadManifest().Where(e => !e.Path.EndsWith("authelia-storage-encryption-key", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(Root, Manifest.RelativePath), Manifest.Serialize(manifest, "CoreLab"));
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        Assert.Equal(64, File.ReadAllText(StorageKey).Length);
    }

    // --- secrets show / list --------------------------------------------------------------------------------

    [Fact]
    public void Secrets_show_prints_one_value_and_names_the_problem_otherwise()
    {
        var before = Run("secrets", "show", "authelia-jwt-secret", "--root", Root);
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("error: secret 'authelia-jwt-secret' has no file under", before.Stderr);

        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        var shown = Run("secrets", "show", "authelia-jwt-secret", "--root", Root);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(Root, "core", "secrets", "authelia-jwt-secret")) + "\n", shown.Stdout);

        var unknown = Run("secrets", "show", "authelia-jwt", "--root", Root);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: secrets show: the lab has no secret 'authelia-jwt' (secrets: ", unknown.Stderr);
    }

    [Fact]
    public void Secrets_list_shows_each_secrets_file_reader_and_state()
    {
        var list = Run("secrets", "list", "--root", Root);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"authelia-storage-encryption-key\s+core/secrets/authelia-storage-encryption-key\s+authelia \(AUTHELIA_STORAGE_ENCRYPTION_KEY\)\s+render generates it", list.Stdout);
        Assert.Matches(@"duckdns-token\s+core/secrets/duckdns-token\s+\S+ \(\w+\)\s+given in EZH_SECRET_DUCKDNS_TOKEN", list.Stdout);
        Assert.Matches(@"authelia-admin-password\s+core/secrets/authelia-admin-password\s+you \(Authelia login\)\s+render generates it", list.Stdout);
        Assert.Equal(0, Run("render", "--out", Root).ExitCode);
        Assert.Matches(@"authelia-storage-encryption-key\s+\S+\s+.+\s+on disk", Run("secrets", "list", "--root", Root).Stdout);
    }
}
