using EzHomelab;

namespace LocalLab;

// A stand-in for a VPN client and the service behind it: the relay has no network of its own and listens inside
// the tunnel's network namespace, so the tunnel's published port reaches it.

/// <summary>
/// The gateway. It only idles (a VPN client would hold the tunnel); its healthcheck passes as soon as it runs, so
/// the relay, which starts once the tunnel is healthy, is not held back. Publishes the relay's port.
/// </summary>
[Stack("egress")]
[Service(Image = LocalHomelab.Image, Command = ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait $!"])]
[PublishPort(18082, 8080, HostIp = "127.0.0.1")]
[Healthcheck("true", Interval = "1s", Timeout = "2s", Retries = 10)]
public partial class Tunnel;

/// <summary>Serves /www at http://127.0.0.1:18082/ through the tunnel's network stack; its route moves to the tunnel.</summary>
[Stack("egress")]
[Service(Image = LocalHomelab.Image, Command = ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait $!"])]
[Egress<Tunnel>]
[Route(8080)]
public partial class Relay;
