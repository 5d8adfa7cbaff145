using System.Collections;
using System.Net.Sockets;
using Message = Docker.DotNet.Models.Message;
using ContainerEventsParameters = Docker.DotNet.Models.ContainerEventsParameters;
using EzHomelab.Model;

namespace EzHomelab.Deploy.Tests;

/// <summary>A fresh root folder and an engine without the lab's containers, for each test; both cleaned up after it.</summary>
[Collection(EngineCollection.Name)]
public abstract class DeployTestBase : IAsyncLifetime
{
    protected DeployTestBase(TestEngine engine) => Engine = engine;

    protected TestEngine Engine { get; }
    protected DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("ezh-deploy-");
    protected string Root => Path.Combine(Folder.FullName, "stacks");

    protected static Lab Lab => LocalLab.LocalHomelab.Definition;

    /// <summary>The lab with one service changed, as if its class had been edited and rebuilt.</summary>
    protected static Lab Changed(string service, Func<ServiceSpec, ServiceSpec> change) =>
        Lab with { Services = Lab.Services.Select(s => s.Name == service ? change(s) : s).ToArray() };

    protected Hashtable Env(params (string, string)[] extra) => Engine.RunnerEnvironment(extra);

    protected Task<LabRun> RunAsync(params string[] args) => RunAsync(Lab, args);

    protected Task<LabRun> RunAsync(Lab lab, params string[] args) => LabRun.InvokeAsync(lab, Env(), args);

    protected Task<LabRun> DeployAsync(Lab? lab = null, params string[] extra) =>
        RunAsync(lab ?? Lab, ["deploy", "--root", Root, .. extra]);

    public async Task InitializeAsync()
    {
        if (Engine.Available) await Engine.RemoveAllAsync();
    }

    public async Task DisposeAsync()
    {
        await Engine.RemoveAllAsync();
        Unfreeze(Folder.FullName);
        Folder.Delete(recursive: true);
    }

    /// <summary>Every file under the root: relative path → content bytes and last write time.</summary>
    protected Dictionary<string, (string Content, DateTime Written)> Files(string? root = null)
    {
        root ??= Root;
        return Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
                f => Path.GetRelativePath(root, f), f => (File.ReadAllText(f), File.GetLastWriteTimeUtc(f)), StringComparer.Ordinal)
            : [];
    }

    /// <summary>The secret files under the root, by path, as bytes.</summary>
    protected Dictionary<string, byte[]> Secrets() =>
        Directory.Exists(Root)
            ? Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Where(f => f.Contains("/secrets/", StringComparison.Ordinal) && !f.Contains("/.ezhomelab/", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetRelativePath(Root, f), File.ReadAllBytes, StringComparer.Ordinal)
            : [];

    protected static void AssertSameSecrets(Dictionary<string, byte[]> before, Dictionary<string, byte[]> after)
    {
        Assert.NotEmpty(before);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[path]), $"secret {path} changed");
    }

    protected static async Task<string> GetAsync(int port, string path = "/")
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return (await http.GetStringAsync($"http://127.0.0.1:{port}{path}")).Trim();
    }

    protected static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Container events (create, start, die, …) the engine logged between two moments.</summary>
    protected async Task<List<string>> EventsAsync(DateTimeOffset since, DateTimeOffset until)
    {
        var events = new List<string>();
        static string Attribute(Message m, string key) => m.Actor?.Attributes is { } attributes && attributes.TryGetValue(key, out var value) ? value : "";
        var progress = new Progress<Message>(m => { lock (events) events.Add($"{Attribute(m, "com.docker.compose.project")}/{Attribute(m, "com.docker.compose.service")} {m.Action}"); });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Engine.Client.System.MonitorEventsAsync(new ContainerEventsParameters
        {
            Since = since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Until = (until.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["type"] = new Dictionary<string, bool> { ["container"] = true } },
        }, progress, timeout.Token);
        await Task.Delay(100); // Progress<T> posts asynchronously
        // Healthchecks run as execs and report health_status on their own: they are the engine's doing, not ours.
        lock (events) return [.. events.Where(e => !e.Split(' ')[1].StartsWith("exec_", StringComparison.Ordinal) && !e.Split(' ')[1].StartsWith("health_status", StringComparison.Ordinal))];
    }

    /// <summary>Makes a folder unwritable even for root (the immutable attribute), where the file system has it.</summary>
    protected static bool Freeze(string folder) => RunTool("chattr", "+i", folder) == 0;

    private static void Unfreeze(string folder)
    {
        foreach (var dir in Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Prepend(folder)) RunTool("chattr", "-i", dir);
    }

    private static int RunTool(string program, params string[] args)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = System.Diagnostics.Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
