using System.Diagnostics;
using Isopoh.Cryptography.Argon2;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Sample.Tests;

/// <summary>
/// The generated Authelia admin password survives a kill at any moment of the first render: whenever the users
/// database (which holds only the hash) exists, the password it was made with is on disk beside it. Before the
/// password was kept in a file, four of five such kills lost it for good.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AdminPasswordKillTests : IDisposable
{
    private const int Kills = 8;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ezh-kill-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static string UsersDatabase(string root) => Path.Combine(root, "core", "authelia", "users_database.yml");
    private static string PasswordFile(string root) => Path.Combine(root, "core", "secrets", "authelia-admin-password");

    private static Process StartRender(string root)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "HomeLab.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { dll, "render", "--out", root }) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>The database and the password agree, or neither is there yet.</summary>
    private static void AssertPasswordKeptWithItsHash(string root, string when)
    {
        if (!File.Exists(UsersDatabase(root))) return;
        Assert.True(File.Exists(PasswordFile(root)), $"{when}: the users database exists but the password it was made with is gone");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(UsersDatabase(root))));
        var hash = ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["users"])["admin"])["password"]).Value!;
        Assert.True(Argon2.Verify(hash, File.ReadAllText(PasswordFile(root))), $"{when}: the kept password does not match the users database's hash");
    }

    [Fact]
    public async Task A_kill_at_any_moment_of_the_first_render_never_loses_the_admin_password()
    {
        // How long a whole render takes here, so the kills spread over all of it.
        var timing = Path.Combine(_folder.FullName, "timing");
        var clock = Stopwatch.StartNew();
        using (var full = StartRender(timing)) await full.WaitForExitAsync();
        var duration = clock.Elapsed;
        AssertPasswordKeptWithItsHash(timing, "a whole render");
        Assert.True(File.Exists(UsersDatabase(timing)), "a whole render writes the users database");

        int killedWithDatabase = 0;
        for (int i = 1; i <= Kills; i++)
        {
            var root = Path.Combine(_folder.FullName, $"kill-{i}");
            using var process = StartRender(root);
            await Task.Delay(duration * i / (Kills + 1));
            if (!process.HasExited) process.Kill(); // SIGKILL
            await process.WaitForExitAsync();
            AssertPasswordKeptWithItsHash(root, $"killed at {i}/{Kills + 1} of a render");
            if (File.Exists(UsersDatabase(root))) killedWithDatabase++;

            var before = File.Exists(UsersDatabase(root)) ? File.ReadAllText(UsersDatabase(root)) : null;
            using (var again = StartRender(root))
            {
                await again.WaitForExitAsync();
                Assert.Equal(0, again.ExitCode);
            }
            AssertPasswordKeptWithItsHash(root, $"the render after kill {i}");
            Assert.True(File.Exists(UsersDatabase(root)));
            if (before is not null) Assert.Equal(before, File.ReadAllText(UsersDatabase(root)));
        }
        // Not an assertion on timing: the counts only say how many kills landed late enough to matter.
        Console.WriteLine($"{Kills} kills over a {duration.TotalMilliseconds:0} ms render; {killedWithDatabase} left a users database behind");
    }
}
