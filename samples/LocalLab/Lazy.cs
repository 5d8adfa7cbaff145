using EzHomelab;

namespace LocalLab;

/// <summary>
/// Started on demand: deploying creates the container without starting it (<c>restart: "no"</c>). Sablier would
/// start it on the first request; in this lab a test (or <c>docker start</c>) does. No published port.
/// </summary>
[Stack("lazy")]
[Service(Image = LocalHomelab.Image, Command = ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait $!"])]
[LazyStart(Group = "notes")]
[Route(8080)]
[Healthcheck("wget", "-q", "--spider", "http://127.0.0.1:8080/", Interval = "1s", Timeout = "2s", Retries = 10)]
public partial class Notes;
