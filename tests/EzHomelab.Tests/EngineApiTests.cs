using System.Net.Sockets;
using System.Text;
using EzHomelab.Deploy;

namespace EzHomelab.Tests;

/// <summary>
/// The runner's HTTP/1.1 client for the engine's socket. A real engine (the deploy tests) answers one way; these are the
/// other ways an engine or a proxy in front of one may answer, from a socket that replies with fixed bytes: a body by
/// Content-Length, chunked or up to the close, a kept-alive connection reused and one the server closed meanwhile, error
/// statuses, garbage, silence.
/// </summary>
public sealed class EngineApiTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ezh-engine-api-").FullName;
    private readonly CancellationTokenSource _stop = new();

    private string SocketPath => Path.Combine(_folder, "engine.sock");

    public void Dispose()
    {
        _stop.Cancel();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_body_is_read_by_its_length_and_the_connection_is_kept_for_the_next_request()
    {
        var server = Serve(_ => Answer("200 OK", "{\"a\":1}"));
        using var api = Api();
        Assert.Equal("{\"a\":1}", await GetAsync(api, "/one"));
        Assert.Equal("{\"a\":1}", await GetAsync(api, "/two"));
        Assert.Equal(1, server.Connections);
        Assert.Equal(["GET /one HTTP/1.1", "GET /two HTTP/1.1"], server.RequestLines);
    }

    [Fact]
    public async Task A_chunked_body_is_joined_and_its_extensions_and_trailers_skipped()
    {
        Serve(_ => "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                   "4\r\n[{\"x\r\n5;name=value\r\n\":\"y\"\r\n2\r\n}]\r\n0\r\nX-Trailer: 1\r\n\r\n");
        using var api = Api();
        Assert.Equal("[{\"x\":\"y\"}]", await GetAsync(api, "/containers/json"));
        Assert.Equal("[{\"x\":\"y\"}]", await GetAsync(api, "/containers/json"));
    }

    [Fact]
    public async Task A_body_without_a_length_is_read_to_the_close_and_the_next_request_connects_again()
    {
        var server = Serve(_ => "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it", closeAfter: true);
        using var api = Api();
        Assert.Equal("all of it", await GetAsync(api, "/version"));
        Assert.Equal("all of it", await GetAsync(api, "/version"));
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task A_kept_connection_the_engine_closed_meanwhile_is_replaced_and_the_request_sent_again()
    {
        // Answers keep-alive, then hangs up after each answer, as an engine restarting between two calls would.
        var server = Serve(_ => Answer("200 OK", "ok"), closeAfter: true);
        using var api = Api();
        Assert.Equal("ok", await GetAsync(api, "/a"));
        Assert.Equal("ok", await GetAsync(api, "/b"));
        Assert.Equal(2, server.Connections);
        Assert.Equal(["GET /a HTTP/1.1", "GET /b HTTP/1.1"], server.RequestLines);
    }

    [Fact]
    public async Task A_post_carries_its_json_body_and_length()
    {
        var server = Serve(_ => Answer("201 Created", "{\"Id\":\"n1\"}"));
        using var api = Api();
        await api.SendAsync("POST", "/networks/create", "{\"Name\":\"edge\"}"u8.ToArray(), CancellationToken.None);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("POST /networks/create HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json\r\n", request, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 15\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n{\"Name\":\"edge\"}", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_status_is_an_exception_with_the_engines_words()
    {
        Serve(path => path.Contains("missing", StringComparison.Ordinal)
            ? Answer("404 Not Found", "{\"message\":\"No such container: missing\"}")
            : Answer("500 Internal Server Error", "{\"message\":\"boom\"}"));
        using var api = Api();
        var notFound = await Assert.ThrowsAsync<EngineApiException>(() => GetAsync(api, "/containers/missing/json"));
        Assert.Equal(404, notFound.Status);
        Assert.Equal("{\"message\":\"No such container: missing\"}", notFound.Body);
        var failed = await Assert.ThrowsAsync<EngineApiException>(() => GetAsync(api, "/info"));
        Assert.Equal(500, failed.Status);
        Assert.Contains("boom", failed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_http_is_an_io_error_naming_what_came()
    {
        Serve(_ => "SSH-2.0-OpenSSH_9.2\r\n\r\n", closeAfter: true);
        using var api = Api();
        var error = await Assert.ThrowsAsync<IOException>(() => GetAsync(api, "/version"));
        Assert.Contains("not HTTP/1.1: 'SSH-2.0-OpenSSH_9.2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_a_timeout_saying_so()
    {
        Serve(_ => null);
        using var api = new EngineApi(new Uri("unix://" + SocketPath), TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => GetAsync(api, "/version"));
        Assert.Equal("no answer within 1 s", error.Message);
    }

    [Fact]
    public async Task Cancelling_is_a_cancellation_not_a_timeout()
    {
        Serve(_ => null);
        using var api = Api();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.SendAsync("GET", "/version", null, cancel.Token));
    }

    [Fact]
    public void A_log_stream_is_split_into_stdout_and_stderr_by_its_frame_headers()
    {
        byte[] Frame(byte stream, string text)
        {
            var payload = Encoding.UTF8.GetBytes(text);
            return [stream, 0, 0, 0, 0, 0, (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
        }
        var (stdout, stderr) = LogStream.Split([.. Frame(1, "out 1\n"), .. Frame(2, "err ü\n"), .. Frame(1, "out 2\n")]);
        Assert.Equal("out 1\nout 2\n", stdout);
        Assert.Equal("err ü\n", stderr);

        // A container with a TTY: no frames, the bytes as written.
        Assert.Equal(("plain output\n", ""), LogStream.Split("plain output\n"u8));
    }

    [Fact]
    public void An_answer_is_taken_only_once_it_is_whole_and_what_follows_it_is_left()
    {
        var answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\nContent-Length: 5\n\nhelloHTTP/1.1 204 No Content\r\n\r\n"u8.ToArray();
        int whole = answer.Length - "HTTP/1.1 204 No Content\r\n\r\n".Length;
        for (int cut = 0; cut < whole; cut++)
            Assert.Null(HttpAnswer.TryParse(answer.AsSpan(0, cut), closed: false, out _));
        var response = HttpAnswer.TryParse(answer, closed: false, out int consumed);
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("hello", Encoding.ASCII.GetString(response.Body));
        Assert.True(response.KeepAlive);
        Assert.Equal(whole, consumed);
        Assert.Equal(204, HttpAnswer.TryParse(answer.AsSpan(consumed), closed: false, out _)!.Status);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "chunk longer than its size")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", "malformed Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header")]
    public void A_malformed_answer_is_an_io_error_saying_what_is_wrong(string answer, string problem)
    {
        var error = Assert.Throws<IOException>(() => HttpAnswer.TryParse(Encoding.ASCII.GetBytes(answer), closed: false, out _));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private EngineApi Api() => new(new Uri("unix://" + SocketPath), TimeSpan.FromSeconds(10));

    private static async Task<string> GetAsync(EngineApi api, string path) =>
        Encoding.UTF8.GetString(await api.SendAsync("GET", path, null, CancellationToken.None));

    private static string Answer(string status, string body) =>
        $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    /// <summary>
    /// Listens on the socket; for each request (read up to its blank line, plus a Content-Length body) writes what
    /// <paramref name="answer"/> gives for its path (null: never answers), and hangs up after it when <paramref name="closeAfter"/>.
    /// </summary>
    private FakeEngine Serve(Func<string, string?> answer, bool closeAfter = false)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listener.Listen();
        var engine = new FakeEngine();
        _stop.Token.Register(listener.Dispose);
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try { client = await listener.AcceptAsync(_stop.Token); }
                catch (Exception) { return; }
                Interlocked.Increment(ref engine.ConnectionCount);
                _ = Task.Run(async () =>
                {
                    using var stream = new NetworkStream(client, ownsSocket: true);
                    var received = new List<byte>();
                    var buffer = new byte[4096];
                    try
                    {
                        while (true)
                        {
                            int read = await stream.ReadAsync(buffer, _stop.Token);
                            if (read == 0) return;
                            received.AddRange(buffer.AsSpan(0, read).ToArray());
                            while (TakeRequest(received) is { } request)
                            {
                                lock (engine.Requests) engine.Requests.Add(request);
                                if (answer(request.Split(' ')[1]) is not { } reply) continue;
                                await stream.WriteAsync(Encoding.UTF8.GetBytes(reply), _stop.Token);
                                if (closeAfter) return;
                            }
                        }
                    }
                    catch (Exception) { }
                });
            }
        });
        return engine;
    }

    /// <summary>A whole request at the start of <paramref name="received"/>, removed from it; null until one is there.</summary>
    private static string? TakeRequest(List<byte> received)
    {
        var text = Encoding.UTF8.GetString(received.ToArray());
        int headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0) return null;
        var length = text[..headEnd].Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        int total = Encoding.UTF8.GetByteCount(text[..(headEnd + 4)]) + length;
        if (received.Count < total) return null;
        var request = Encoding.UTF8.GetString(received.GetRange(0, total).ToArray());
        received.RemoveRange(0, total);
        return request;
    }

    private sealed class FakeEngine
    {
        public int ConnectionCount;
        public List<string> Requests { get; } = [];
        public int Connections => Volatile.Read(ref ConnectionCount);
        public string[] RequestLines { get { lock (Requests) return Requests.Select(r => r[..r.IndexOf("\r\n", StringComparison.Ordinal)]).ToArray(); } }
    }
}
