using System.Globalization;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Text;

namespace EzHomelab.Deploy;

/// <summary>The engine answered a request with an error status; <see cref="Body"/> is what it said (JSON with a message).</summary>
internal sealed class EngineApiException(int status, string body)
    : Exception($"Docker API responded with status code={status}, response={body}")
{
    public const int NotFound = 404;

    public int Status { get; } = status;
    public string Body { get; } = body;
}

/// <summary>
/// The few calls the runner makes to the Docker Engine API, as HTTP/1.1 on one kept-alive connection to its socket
/// (<c>unix://</c>, <c>tcp://</c> or <c>http://</c> without TLS, <c>npipe://</c>). Not a general HTTP client: a request
/// at a time, bodies read whole (Content-Length, chunked, or up to the close). It exists because a runner is a short
/// process: Docker.DotNet's client and its Newtonsoft.Json contracts cost a cold process about a quarter of a second
/// to set up, for six calls; this costs a few milliseconds (it does not even load System.Net.Http: methods are
/// strings, statuses numbers). Paths are unversioned, so the engine answers in its own API version, as the docker
/// CLI's negotiation would.
/// </summary>
internal sealed class EngineApi : IDisposable
{
    private readonly Uri _uri;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private Connection? _connection;

    /// <param name="timeout">The most one request (connecting included) may take.</param>
    public EngineApi(Uri uri, TimeSpan timeout)
    {
        _uri = uri;
        _timeout = timeout;
    }

    /// <summary>Sends one request (<paramref name="method"/>: <c>GET</c>, <c>POST</c>) and reads the whole response.</summary>
    /// <exception cref="EngineApiException">The engine answered with a status of 400 or more.</exception>
    /// <exception cref="IOException">The connection failed or the answer was not HTTP.</exception>
    /// <exception cref="TimeoutException">No whole answer within the timeout.</exception>
    public async Task<byte[]> SendAsync(string method, string pathAndQuery, byte[]? jsonBody, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            var request = Request(method, pathAndQuery, jsonBody);
            // A kept-alive connection the engine has closed since fails before any answer (writing to it, or reading
            // nothing back): send once more on a new one.
            for (int attempt = 0; ; attempt++)
            {
                bool reused = _connection is not null;
                bool sent = false;
                Response response;
                try
                {
                    _connection ??= await ConnectAsync(deadline.Token).ConfigureAwait(false);
                    await _connection.Stream.WriteAsync(request, deadline.Token).ConfigureAwait(false);
                    await _connection.Stream.FlushAsync(deadline.Token).ConfigureAwait(false);
                    sent = true;
                    // One loop of reads, the parsing synchronous: each async method of the runner's own costs a cold
                    // process a dozen JIT compilations, so the whole exchange is this one.
                    Response? answer;
                    while (!_connection.TryTakeResponse(out answer))
                        _connection.Received(await _connection.Stream.ReadAsync(_connection.Space(), deadline.Token).ConfigureAwait(false));
                    response = answer!;
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                {
                    Drop();
                    if (reused && attempt == 0 && (!sent || e is Connection.ClosedBeforeAnswerException)) continue;
                    throw e as IOException ?? new IOException(e.Message, e);
                }
                catch
                {
                    Drop(); // half a response left on it (cancelled, timed out)
                    throw;
                }
                if (!response.KeepAlive) Drop();
                if (response.Status >= 400) throw new EngineApiException(response.Status, Encoding.UTF8.GetString(response.Body));
                return response.Body;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {_timeout.TotalSeconds:0} s");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose()
    {
        Drop();
        _oneAtATime.Dispose();
    }

    private void Drop()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private byte[] Request(string method, string pathAndQuery, byte[]? jsonBody)
    {
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(_uri.Scheme is "tcp" or "http" ? _uri.Authority : "docker").Append("\r\n");
        head.Append("User-Agent: EzHomelab\r\nAccept: application/json\r\n");
        if (jsonBody is not null)
            head.Append("Content-Type: application/json\r\nContent-Length: ").Append(jsonBody.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        return jsonBody is null ? bytes : [.. bytes, .. jsonBody];
    }

    private async Task<Connection> ConnectAsync(CancellationToken cancellationToken)
    {
        switch (_uri.Scheme)
        {
            case "unix":
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(_uri.LocalPath), cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                return new Connection(new NetworkStream(socket, ownsSocket: true));
            }
            case "tcp" or "http":
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(_uri.Host, _uri.Port > 0 ? _uri.Port : 80, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                return new Connection(new NetworkStream(socket, ownsSocket: true));
            }
            case "npipe":
                return await ConnectPipeAsync(cancellationToken).ConfigureAwait(false);
            default:
                throw new IOException($"endpoint scheme '{_uri.Scheme}' is not supported");
        }
    }

    // Its own method, so a run on a socket never loads System.IO.Pipes.
    private async Task<Connection> ConnectPipeAsync(CancellationToken cancellationToken)
    {
        // npipe://./pipe/docker_engine: the docker CLI's spelling of \\.\pipe\docker_engine.
        var segments = _uri.Segments;
        if (segments.Length != 3 || segments[1] != "pipe/")
            throw new IOException($"{_uri} is not a named pipe address (npipe://./pipe/NAME)");
        var server = _uri.Host is "" or "localhost" or "." ? "." : _uri.Host;
        var pipe = new NamedPipeClientStream(server, segments[2], PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new Connection(pipe);
    }

    internal sealed record Response(int Status, byte[] Body, bool KeepAlive);

    /// <summary>One connection, and what has been received on it but not used yet.</summary>
    internal sealed class Connection(Stream stream) : IDisposable
    {
        /// <summary>The connection ended before the first byte of an answer.</summary>
        internal sealed class ClosedBeforeAnswerException() : IOException("the engine closed the connection");

        private byte[] _received = new byte[16 * 1024];
        private int _length;
        private bool _closed;

        public Stream Stream { get; } = stream;

        /// <summary>Where the next read goes; throws when the engine has closed the connection and the answer is not whole.</summary>
        public Memory<byte> Space()
        {
            if (_closed) throw _length == 0 ? new ClosedBeforeAnswerException() : new IOException("the engine closed the connection in the middle of an answer");
            if (_length == _received.Length) Array.Resize(ref _received, _received.Length * 2);
            return _received.AsMemory(_length);
        }

        /// <summary>A read into <see cref="Space"/> returned <paramref name="count"/> bytes (0: the engine closed the connection).</summary>
        public void Received(int count)
        {
            if (count == 0) _closed = true;
            _length += count;
        }

        /// <summary>The first whole answer received, taken off what was received; false until one is there.</summary>
        public bool TryTakeResponse(out Response? response)
        {
            response = HttpAnswer.TryParse(_received.AsSpan(0, _length), _closed, out int consumed);
            if (response is null) return false;
            _received.AsSpan(consumed, _length - consumed).CopyTo(_received);
            _length -= consumed;
            return true;
        }

        public void Dispose() => Stream.Dispose();
    }
}

/// <summary>
/// One HTTP/1.1 answer from bytes received so far: status line, headers, and a body by Content-Length, chunked, or up
/// to the close. Interim answers (1xx) are skipped. Synchronous, so receiving stays a single loop.
/// </summary>
internal static class HttpAnswer
{
    private const int MaxLine = 64 * 1024;

    /// <summary>The first whole answer in <paramref name="data"/>, and how many bytes it took; null while it is not whole.</summary>
    /// <param name="closed">The engine closed the connection after <paramref name="data"/> (an answer without a length ends there).</param>
    /// <exception cref="IOException">The bytes are not an HTTP/1.1 answer.</exception>
    public static EngineApi.Response? TryParse(ReadOnlySpan<byte> data, bool closed, out int consumed)
    {
        consumed = 0;
        int position = 0;
        while (true)
        {
            if (ReadLine(data, ref position) is not { } statusLine) return null;
            var parts = statusLine.Split(' ', 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                throw new IOException($"the engine's answer is not HTTP/1.1: '{Shorten(statusLine)}'");
            long? length = null;
            bool chunked = false;
            bool keepAlive = parts[0] != "HTTP/1.0";
            while (true)
            {
                if (ReadLine(data, ref position) is not { } line) return null;
                if (line.Length == 0) break;
                int colon = line.IndexOf(':');
                if (colon <= 0) throw new IOException($"the engine's answer has a malformed header: '{Shorten(line)}'");
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    length = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new IOException($"the engine's answer has a malformed Content-Length: '{Shorten(value)}'");
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                    chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                    keepAlive = !value.Contains("close", StringComparison.OrdinalIgnoreCase) && (keepAlive || value.Contains("keep-alive", StringComparison.OrdinalIgnoreCase));
            }
            // 1xx: an interim answer (100 Continue); the real one follows.
            if (status is >= 100 and < 200) continue;

            byte[] body;
            if (status is 204 or 304) body = [];
            else if (chunked)
            {
                if (Chunks(data, ref position) is not { } joined) return null;
                body = joined;
            }
            else if (length is { } exact)
            {
                if (data.Length - position < exact) return null;
                body = data.Slice(position, (int)exact).ToArray();
                position += (int)exact;
            }
            else
            {
                // No length: the body is everything up to the close, and the connection is done.
                if (!closed) return null;
                body = data[position..].ToArray();
                position = data.Length;
                keepAlive = false;
            }
            consumed = position;
            return new EngineApi.Response(status, body, keepAlive);
        }
    }

    /// <summary>A chunked body, joined, with its trailers skipped; null while it is not whole.</summary>
    private static byte[]? Chunks(ReadOnlySpan<byte> data, ref int position)
    {
        using var body = new MemoryStream();
        while (true)
        {
            if (ReadLine(data, ref position) is not { } sizeLine) return null;
            var size = sizeLine.Split(';', 2)[0].Trim();
            if (!long.TryParse(size, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var count) || count < 0 || count > int.MaxValue)
                throw new IOException($"the engine's answer has a malformed chunk size: '{Shorten(sizeLine)}'");
            if (count == 0)
            {
                while (true)
                {
                    if (ReadLine(data, ref position) is not { } trailer) return null;
                    if (trailer.Length == 0) return body.ToArray();
                }
            }
            if (data.Length - position < count) return null;
            body.Write(data.Slice(position, (int)count));
            position += (int)count;
            if (ReadLine(data, ref position) is not { } end) return null;
            if (end.Length > 0) throw new IOException("the engine's answer has a chunk longer than its size");
        }
    }

    /// <summary>The line at <paramref name="position"/> without its CRLF (a bare LF too), moving past it; null while it has no end.</summary>
    private static string? ReadLine(ReadOnlySpan<byte> data, ref int position)
    {
        int newline = data[position..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (data.Length - position > MaxLine) throw new IOException("the engine's answer has a line over 64 KiB");
            return null;
        }
        var line = data.Slice(position, newline);
        position += newline + 1;
        if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
        return Encoding.ASCII.GetString(line);
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
