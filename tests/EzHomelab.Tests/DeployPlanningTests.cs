using System.Collections;
using System.Security.Cryptography;
using System.Text;
using EzHomelab.Deploy;
using EzHomelab.Model;
using EzHomelab.Planning;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;

namespace EzHomelab.Tests;

/// <summary>The deployer's rules that need no engine: order, endpoints, drift, backups, restore.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeployPlanningTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-deploy-plan-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Root => Path.Combine(_folder.FullName, "stacks");

    /// <summary>
    /// deploy and status connect to the engine while they check the lab and plan, but their own errors still come first,
    /// and they do not wait for an engine that does not answer (here: one that accepts the connection and never replies,
    /// which would take the 10 s connect timeout).
    /// </summary>
    [Theory]
    [InlineData("deploy", "EZH_DOMAIN", "not a domain!", "is not a valid domain name")]
    [InlineData("status", "EZH_DOMAIN", "not a domain!", "is not a valid domain name")]
    [InlineData("deploy", "--server", "nosuch", "the lab has no server 'nosuch'")]
    public void The_labs_own_error_comes_before_a_silent_engine_and_without_waiting_for_it(string verb, string setting, string value, string error)
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var env = new Hashtable { ["DOCKER_HOST"] = $"tcp://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}", ["HOME"] = _folder.FullName };
        string[] args = [verb, "--root", Root];
        if (setting.StartsWith("--", StringComparison.Ordinal)) args = [.. args, setting, value];
        else env[setting] = value;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = CliRun.Invoke(TestLabs.Rich(), env, args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(error, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Docker engine", run.Stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:0.0} s: it waited for the engine");
        Assert.False(Directory.Exists(Root), "nothing may be written");
    }

    [Fact]
    public void Stacks_go_core_then_infrastructure_then_dashboards_then_the_rest_by_name()
    {
        var lab = CoreTestLab.Lab();
        Assert.Equal(["core", "infrastructure", "dashboards", "downloads", "media", "media-management", "site"],
            DeployOrder.Of(lab, lab.Core).Select(s => s.Name));
    }

    /// <summary>CoreTestLab with <paramref name="service"/>'s [DependsOn] set to <paramref name="targets"/> (services of other stacks).</summary>
    private static Lab WithDependencies(Lab lab, params (string Service, string[] Targets)[] dependencies) => lab with
    {
        Services = lab.Services.Select(s => dependencies.FirstOrDefault(d => d.Service == s.Name) is { Targets: { } targets }
            ? s with { DependsOn = [.. s.DependsOn, .. targets.Select(t => new DependencySpec(t))] }
            : s).ToArray(),
    };

    private static string[] Order(Lab lab) => DeployOrder.Of(lab, lab.Core).Select(s => s.Name).ToArray();

    [Fact]
    public void A_stack_goes_after_the_stacks_of_the_services_it_depends_on_within_its_tier()
    {
        // downloads' qbittorrent waits for jellyfin (media) and site's docs for sonarr (media-management).
        var lab = WithDependencies(CoreTestLab.Lab(), ("qbittorrent", ["jellyfin"]), ("docs", ["sonarr"]));
        Assert.Equal(["core", "infrastructure", "dashboards", "media", "downloads", "media-management", "site"], Order(lab));
        Assert.Equal(["site", "media-management", "downloads", "media", "dashboards", "infrastructure", "core"],
            DeployOrder.DownOf(lab, lab.Core).Select(s => s.Name));
    }

    [Fact]
    public void Dependencies_are_followed_through_stacks_and_before_an_earlier_tier()
    {
        // Authelia (core) keeps its data in media's jellyfin (a stand-in for a shared database), which waits for site's docs.
        var lab = WithDependencies(CoreTestLab.Lab(), ("authelia", ["jellyfin"]), ("jellyfin", ["docs"]));
        Assert.Equal(["site", "media", "core", "infrastructure", "dashboards", "downloads", "media-management"], Order(lab));
    }

    [Fact]
    public void Stacks_that_depend_on_each_other_through_different_services_are_each_deployed_once()
    {
        // No cycle of services (EZH0012 rejects those), but one of stacks: downloads → media → downloads.
        var lab = WithDependencies(CoreTestLab.Lab(), ("qbittorrent", ["jellyfin"]), ("jellyfin", ["gluetun"]));
        // downloads comes first by name; its dependency (media) goes before it; media's way back to downloads is not followed.
        Assert.Equal(["core", "infrastructure", "dashboards", "media", "downloads", "media-management", "site"], Order(lab));
    }

    [Fact]
    public void A_dependency_on_a_service_of_another_server_or_of_the_same_stack_does_not_move_a_stack()
    {
        var split = TestLabs.MultiServer(); // media is on nas
        var nas = split.Servers.Single(s => s.Name == "nas");
        var unchanged = DeployOrder.Of(split, split.Core).Select(s => s.Name).ToArray();
        var lab = WithDependencies(split, ("traefik", ["postgres"]), ("authelia", ["traefik"]));
        Assert.Equal(unchanged, DeployOrder.Of(lab, lab.Core).Select(s => s.Name));
        Assert.Equal(["media"], DeployOrder.Of(lab, nas).Select(s => s.Name));
    }

    [Fact]
    public void The_core_uses_DOCKER_HOST_then_the_active_context_then_the_default_socket()
    {
        var lab = TestLabs.MultiServer();
        var home = Path.Combine(_folder.FullName, "home");
        Assert.Equal(new DockerEndpoint("tcp://10.0.0.5:2375", "DOCKER_HOST"), DockerEndpoint.For(lab, lab.Core, Env(("HOME", home), ("DOCKER_HOST", "tcp://10.0.0.5:2375"))));
        Assert.Equal(DockerEndpoint.DefaultSocket, DockerEndpoint.For(lab, lab.Core, Env(("HOME", home))).Host);

        WriteContext(home, "lab", "unix:///run/lab.sock");
        File.WriteAllText(Path.Combine(home, ".docker", "config.json"), """{"currentContext": "lab"}""");
        Assert.Equal(new DockerEndpoint("unix:///run/lab.sock", "docker context 'lab'"), DockerEndpoint.For(lab, lab.Core, Env(("HOME", home))));

        var missing = Assert.Throws<SettingsException>(() => DockerEndpoint.For(lab, lab.Core, Env(("HOME", home), ("DOCKER_CONTEXT", "gone"))));
        Assert.Contains("docker context 'gone'", missing.Message);
    }

    [Fact]
    public void A_remote_server_needs_its_own_endpoint_and_never_falls_back_to_the_local_engine()
    {
        var lab = TestLabs.MultiServer();
        var remote = lab.Servers[1];
        var home = Path.Combine(_folder.FullName, "home");
        var variable = DockerEndpoint.VariableFor(remote.Name);
        var error = Assert.Throws<SettingsException>(() => DockerEndpoint.For(lab, remote, Env(("HOME", home), ("DOCKER_HOST", "unix:///var/run/docker.sock"))));
        Assert.Contains(variable, error.Message);
        Assert.Contains($"server '{remote.Name}'", error.Message);

        Assert.Equal(new DockerEndpoint("tcp://192.168.1.100:2375", variable), DockerEndpoint.For(lab, remote, Env(("HOME", home), (variable, "tcp://192.168.1.100:2375"))));
        WriteContext(home, remote.Name, "tcp://nas.lan:2375");
        Assert.Equal("tcp://nas.lan:2375", DockerEndpoint.For(lab, remote, Env(("HOME", home))).Host);
    }

    [Fact]
    public void A_hand_edited_or_foreign_file_is_drift_and_our_own_output_is_not()
    {
        var (store, placed, servers) = Rendered();
        var plan = Planner.Compute(store, placed, servers);
        Assert.Empty(plan.Drifted); // nothing on disk yet
        store.Apply(plan, placed, servers);

        // A new rendering that differs from what we wrote is an ordinary change.
        var compose = placed.First(p => p.File.RelativePath == "compose.yaml");
        var changed = placed.Select(p => p == compose ? p with { File = p.File with { Content = p.File.Content + "# v2\n" } } : p).ToList();
        Assert.Empty(Planner.Compute(store, changed, servers).Drifted);

        // The same file edited by hand is drift, and so is a file at a generated path that EzHomelab never wrote.
        File.AppendAllText(Path.Combine(Root, compose.Path), "# by hand\n");
        var drifted = Assert.Single(Planner.Compute(store, changed, servers).Drifted);
        Assert.Equal(compose.Path, drifted.Path);
        Assert.Equal(Planner.DriftNote, drifted.Note);

        var manifest = File.ReadAllText(Path.Combine(Root, Manifest.RelativePath));
        File.WriteAllText(Path.Combine(Root, Manifest.RelativePath), """{"version": 1, "files": []}""");
        Assert.Contains(Planner.Compute(store, changed, servers).Drifted, f => f.Path == compose.Path);

        // A manifest of an older version has no hashes: it cannot tell, so it does not refuse.
        File.WriteAllText(Path.Combine(Root, Manifest.RelativePath), System.Text.RegularExpressions.Regex.Replace(manifest, @",\s*""sha256"": \[[^\]]*\]", ""));
        Assert.Empty(Planner.Compute(store, changed, servers).Drifted);
    }

    [Fact]
    public void The_manifest_holds_a_hash_of_every_generated_file_but_never_of_a_secret()
    {
        var (store, placed, servers) = Rendered();
        store.Apply(Planner.Compute(store, placed, servers), placed, servers);
        var entries = store.ReadManifest();
        foreach (var entry in entries)
        {
            var content = File.ReadAllText(Path.Combine(Root, entry.Path));
            if (entry.WriteOnce) Assert.Null(entry.Hashes);
            else Assert.Equal([ContentHash.Of(content)], entry.Hashes);
        }
        Assert.Contains(entries, e => e.WriteOnce);
        var text = File.ReadAllText(Path.Combine(Root, Manifest.RelativePath));
        foreach (var secret in entries.Where(e => e.WriteOnce).Select(e => File.ReadAllText(Path.Combine(Root, e.Path))))
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant(), text);
        }
    }

    [Fact]
    public void Replaced_files_are_kept_in_the_history_owner_only_and_only_the_last_runs_stay()
    {
        var (store, placed, servers) = Rendered();
        store.Apply(Planner.Compute(store, placed, servers), placed, servers);
        var env = placed.First(p => p.File.RelativePath == ".env");
        var before = File.ReadAllText(Path.Combine(Root, env.Path));
        for (int run = 0; run < FileHistory.RunsKept + 2; run++)
        {
            var next = placed.Select(p => p == env ? p with { File = p.File with { Content = p.File.Content + $"RUN={run}\n" } } : p).ToList();
            var history = new FileHistory(Root, $"run-{run:D2}");
            store.Apply(Planner.Compute(store, next, servers), next, servers, history);
            Assert.Equal([env.Path], history.Kept);
        }
        var runs = Directory.GetDirectories(Path.Combine(Root, FileHistory.Folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(FileHistory.RunsKept, runs.Length);
        Assert.Equal("run-02", runs[0]);
        var first = Path.Combine(Root, FileHistory.Folder, "run-02", env.Path);
        Assert.Equal(RenderedFile.OwnerOnly, File.GetUnixFileMode(first));
        Assert.Equal(before + "RUN=1\n", File.ReadAllText(first));
    }

    [Fact]
    public void Restore_puts_back_the_previous_files_and_modes_and_keeps_new_secrets()
    {
        var (store, placed, servers) = Rendered();
        var media = placed.Where(p => p.Stack != "media").ToList();
        store.Apply(Planner.Compute(store, media, servers), media, servers);
        var compose = placed.First(p => p.Stack == "core" && p.File.RelativePath == "compose.yaml");
        var oldCompose = File.ReadAllText(Path.Combine(Root, compose.Path));
        var snapshot = Directory.GetFiles(Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        // A deploy of core with a changed compose file and a new file, applied and then undone.
        var added = new PlacedFile("core", "core", "core/extra/new.yml", new RenderedFile("extra/new.yml", "new: true\n", RenderedFile.Readable, false));
        var next = placed.Where(p => p.Stack == "core").Select(p => p == compose ? p with { File = p.File with { Content = "services: {}\n" } } : p).Append(added).ToList();
        var previousEntries = store.ReadManifest().Where(e => e.Stack == "core").ToArray();
        var plan = Planner.Compute(store, next, servers).OnlyStack("core", "core");
        store.Apply(plan, next, e => e.Stack == "core");
        Assert.Equal("services: {}\n", File.ReadAllText(Path.Combine(Root, compose.Path)));

        store.Restore(plan.Servers[0].Stacks[0], "core", previousEntries);
        Assert.Equal(oldCompose, File.ReadAllText(Path.Combine(Root, compose.Path)));
        Assert.False(Directory.Exists(Path.Combine(Root, "core", "extra")));
        foreach (var (path, content) in snapshot) Assert.Equal(content, File.ReadAllText(path));
        Assert.Empty(Planner.Compute(store, media.Where(p => p.Stack == "core").ToList(), servers).Drifted);
    }

    [Fact]
    public void Render_refuses_to_replace_a_hand_edited_file_without_force_and_keeps_it_with_force()
    {
        var lab = TestLabs.Rich();
        var env = new Hashtable { ["EZH_SECRET_WIREGUARD_KEY"] = "wg", ["EZH_SECRET_DUCKDNS_TOKEN"] = "dd", ["EZH_ADMIN_PASSWORD"] = "a-long-admin-password" };
        Assert.Equal(0, CliRun.Invoke(lab, env, "render", "--out", Root).ExitCode);
        var path = Path.Combine(Root, "media", "compose.yaml");
        var edited = File.ReadAllText(path) + "# mine\n";
        File.WriteAllText(path, edited);
        var changed = lab with { Services = lab.Services.Select(s => s.Name == "jellyfin" ? s with { Environment = [new EnvVar("X", "1")] } : s).ToArray() };

        var refused = CliRun.Invoke(changed, env, "render", "--out", Root);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"error: {path} was edited by hand", refused.Stderr);
        Assert.Equal(edited, File.ReadAllText(path));

        var forced = CliRun.Invoke(changed, env, "render", "--out", Root, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(edited, File.ReadAllText(path));
        Assert.Contains(Directory.GetFiles(Path.Combine(Root, FileHistory.Folder), "compose.yaml", SearchOption.AllDirectories), f => File.ReadAllText(f) == edited);
    }

    private (FileStore Store, IReadOnlyList<PlacedFile> Placed, string[] Servers) Rendered()
    {
        var lab = TestLabs.Rich();
        var store = new FileStore(Root);
        var settings = RuntimeSettings.FromLab(lab) with
        {
            Secrets = new SecretValues(new Dictionary<string, string> { ["db-password"] = "s3cret-db", ["authelia-jwt"] = "s3cret-jwt", ["wireguard-key"] = "s3cret-wg", ["duckdns-token"] = "s3cret-dd" }),
        };
        return (store, OutputLayout.Place(LabRenderer.Render(lab, settings), perServerFolders: false), ["core"]);
    }

    private static Hashtable Env(params (string Key, string Value)[] values)
    {
        var env = new Hashtable();
        foreach (var (k, v) in values) env[k] = v;
        return env;
    }

    private static void WriteContext(string home, string name, string host)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        var folder = Path.Combine(home, ".docker", "contexts", "meta", id);
        Directory.CreateDirectory(folder);
        var meta = new { Name = name, Endpoints = new { docker = new { Host = host, SkipTLSVerify = false } } };
        File.WriteAllText(Path.Combine(folder, "meta.json"), System.Text.Json.JsonSerializer.Serialize(meta));
    }
}
