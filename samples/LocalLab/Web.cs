using EzHomelab;

namespace LocalLab;

// The always-on stack: a static site and an API that waits for it to be healthy.

/// <summary>Serves the image's /www ("hello from busybox") at http://127.0.0.1:18080/.</summary>
[Stack("web")]
[Service(Image = LocalHomelab.Image, Command = ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait $!"])]
[PublishPort(18080, 8080, HostIp = "127.0.0.1")]
[Route(8080)]
// Never wget -T: it segfaults in busybox 1.35. The healthcheck's Timeout bounds it instead.
[Healthcheck("wget", "-q", "--spider", "http://127.0.0.1:8080/", Interval = "1s", Timeout = "2s", Retries = 10)]
public partial class Site;

/// <summary>Answers "api-ok" at http://127.0.0.1:18081/, started only once the site is healthy.</summary>
[Stack("web")]
[Service(Image = LocalHomelab.Image, Command = ["sh", "-c", "mkdir -p /srv/api && echo api-ok > /srv/api/index.html || exit 1; trap 'exit 0' TERM; httpd -f -p 9000 -h /srv/api & wait $!"])]
[PublishPort(18081, 9000, HostIp = "127.0.0.1")]
[Route(9000)]
[Healthcheck("wget", "-q", "--spider", "http://127.0.0.1:9000/", Interval = "1s", Timeout = "2s", Retries = 10)]
[DependsOn<Site>(Condition = DependencyCondition.Healthy)]
// A generated secret (64 random hex characters in web/secrets/api-secret, written once): the deploy tests check that
// no deploy, failure or rollback ever rewrites it.
[SecretEnv("API_SECRET", "api-secret")]
public partial class Api;
