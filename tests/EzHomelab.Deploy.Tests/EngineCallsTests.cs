using System.Net.Sockets;
using System.Text;

namespace EzHomelab.Deploy.Tests;

/// <summary>
/// How many questions the runner asks the engine: a deploy with nothing to do lists the containers once for all stacks
/// (not once per stack), and so does status. The runner talks to the real engine through a socket that passes every
/// byte on and counts the requests.
/// </summary>
public sealed class EngineCallsTests(TestEngine engine) : DeployTestBase(engine)
{
    [Fact]
    public async Task A_deploy_with_nothing_to_do_lists_the_containers_once_for_all_stacks()
    {
        Engine.Require();
        Assert.Equal(0, (await DeployAsync()).ExitCode);

        using var counting = new CountingSocket(Folder.FullName, Engine.Host);
        var again = await LabRun.InvokeAsync(Lab, Env(("DOCKER_HOST", counting.Host)), "deploy", "--root", Root);

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("0 stacks brought up to date, 3 unchanged", again.Stdout);
        Assert.Equal(1, counting.Count("/containers/json?"));
        // One inspect per container of the lab (five), once each.
        Assert.Equal(5, counting.Count("/json HTTP/1.1"));

        var status = await LabRun.InvokeAsync(Lab, Env(("DOCKER_HOST", counting.Host)), "status", "--root", Root);
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("Every service is as the lab wants it.", status.Stdout);
        Assert.Equal(2, counting.Count("/containers/json?"));
    }

    /// <summary>A unix socket that forwards each connection to the engine's and counts what the runner sends.</summary>
    private sealed class CountingSocket : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        private readonly CancellationTokenSource _stop = new();
        private readonly StringBuilder _sent = new();

        public CountingSocket(string folder, string engineHost)
        {
            var path = Path.Combine(folder, "counting.sock");
            Host = "unix://" + path;
            var engine = new Uri(engineHost).LocalPath;
            _listener.Bind(new UnixDomainSocketEndPoint(path));
            _listener.Listen();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    Socket client;
                    try { client = await _listener.AcceptAsync(_stop.Token); }
                    catch (Exception) { return; }
                    _ = ForwardAsync(client, engine);
                }
            });
        }

        public string Host { get; }

        /// <summary>How often <paramref name="text"/> occurs in what the runner has sent so far.</summary>
        public int Count(string text)
        {
            string sent;
            lock (_sent) sent = _sent.ToString();
            int count = 0;
            for (int at = sent.IndexOf(text, StringComparison.Ordinal); at >= 0; at = sent.IndexOf(text, at + text.Length, StringComparison.Ordinal)) count++;
            return count;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Dispose();
        }

        private async Task ForwardAsync(Socket client, string engineSocket)
        {
            using var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var downstream = client;
            try
            {
                await upstream.ConnectAsync(new UnixDomainSocketEndPoint(engineSocket), _stop.Token);
                using var toEngine = new NetworkStream(upstream);
                using var toRunner = new NetworkStream(downstream);
                var requests = PumpAsync(toRunner, toEngine, record: true);
                var answers = PumpAsync(toEngine, toRunner, record: false);
                await Task.WhenAny(requests, answers);
            }
            catch (Exception) { }
        }

        private async Task PumpAsync(Stream from, Stream to, bool record)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    if (record) lock (_sent) _sent.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
            catch (Exception) { }
        }
    }
}
