using EzHomelab;

namespace LocalLab;

// The always-on stack: a static site and an API that waits for it to be healthy.

/// <summary>
/// Serves the image's /www ("hello from busybox") at http://127.0.0.1:18080/. It writes nothing, so its root filesystem
/// is read-only.
/// </summary>
[Stack("web")]
[Service(Image = LocalHomelab.Image, Command = ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait $!"])]
[PublishPort(18080, 8080, HostIp = "127.0.0.1")]
[ReadOnlyRoot]
[Route(8080)]
// Never wget -T: it segfaults in busybox 1.35. The healthcheck's Timeout bounds it instead.
[Healthcheck("wget", "-q", "--spider", "http://127.0.0.1:8080/", Interval = "1s", Timeout = "2s", Retries = 10)]
public partial class Site;

/// <summary>
/// Answers "api-ok" at http://127.0.0.1:18081/, started only once the site is healthy. Runs as user 1000:1000 and,
/// like an application that needs its secret, reads it at start and exits when it cannot; it serves only the
/// secret's SHA-256 (/secret-sha256), so a test can check the value it read without the value being shown. Its root
/// filesystem is read-only; what it serves it writes to an in-memory /tmp.
/// </summary>
[Stack("web")]
[Service(Image = LocalHomelab.Image, User = "1000:1000", Command = ["sh", "-c",
    "mkdir -p /tmp/api && echo api-ok > /tmp/api/index.html || exit 1; " +
    "h=$(sha256sum < \"$API_SECRET_FILE\") || exit 1; echo \"${h%% *}\" > /tmp/api/secret-sha256; " +
    "trap 'exit 0' TERM; httpd -f -p 9000 -h /tmp/api & wait $!"])]
[PublishPort(18081, 9000, HostIp = "127.0.0.1")]
[ReadOnlyRoot(Tmpfs = ["/tmp"])]
[Route(9000)]
[Healthcheck("wget", "-q", "--spider", "http://127.0.0.1:9000/", Interval = "1s", Timeout = "2s", Retries = 10)]
[DependsOn<Site>(Condition = DependencyCondition.Healthy)]
// A generated secret (64 random hex characters in web/secrets/api-secret, written once): the deploy tests check that
// no deploy, failure or rollback ever rewrites it, and that the non-root user reads it (the file belongs to 1000:1000).
[SecretEnv("API_SECRET", "api-secret")]
public partial class Api;
