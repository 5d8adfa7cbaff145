using Microsoft.CodeAnalysis;
using EzHomelab.Generators.Tests.Infrastructure;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// One case per diagnostic: a lab that triggers it, the text the diagnostic must point at, a name its message must
/// mention, and the corrected lab, which must be silent.
/// </summary>
public sealed record DiagnosticCase(
    string Id,
    DiagnosticSeverity Severity,
    string[] Trigger,
    string LocationText,
    string NamedInMessage,
    string[] Valid)
{
    public override string ToString() => Id;
}

public static class DiagnosticCases
{
    private const string Web = """
        [Stack("web")]
        [Service(Image = "nginx:1.27")]
        """;

    public static IEnumerable<object[]> All => Cases.Select(c => new object[] { c });

    public static IReadOnlyList<DiagnosticCase> Cases { get; } = new[]
    {
        Case("EZH0001", DiagnosticSeverity.Error,
            Services(Web + "public class Web;"), "Web", "'web'",
            Services(Web + "public partial class Web;")),
        new DiagnosticCase("EZH0002", DiagnosticSeverity.Error,
            new[] { Services(Web + "public partial class Web;") }, "Web", "'web'",
            new[] { StandardLab, Services(Web + "public partial class Web;") }),
        new DiagnosticCase("EZH0003", DiagnosticSeverity.Error,
            new[] { StandardLab, Services("[Homelab] public partial class OtherLab;\n" + Web + "public partial class Web;") }, "OtherLab", "Lab.OtherLab",
            new[] { StandardLab, Services(Web + "public partial class Web;") }),
        Case("EZH0004", DiagnosticSeverity.Warning,
            Services("[Stack(\"web\")][Service(Image = \"nginx\")] public partial class Web;"), "Image = \"nginx\"", "'web'",
            Services("[Stack(\"web\")][Service(Image = \"nginx:1.27\")] public partial class Web;")),
        Case("EZH0005", DiagnosticSeverity.Warning,
            Services("[Stack(\"web\")][Service(Image = \"nginx:latest\")] public partial class Web;"), "Image = \"nginx:latest\"", "'web'",
            Services("[Stack(\"web\")][Service(Image = \"nginx:1.27.3\")] public partial class Web;")),
        Case("EZH0006", DiagnosticSeverity.Error,
            Services("[Stack(\"web\")][Service(Image = \"Nginx:1.27\")] public partial class Web;"), "Image = \"Nginx:1.27\"", "'web'",
            Services("[Stack(\"web\")][Service(Image = \"docker.io/library/nginx:1.27\")] public partial class Web;")),
        Case("EZH0007", DiagnosticSeverity.Error,
            Services(Web + "[Route(80)] public partial class Web;\n" + Web + "[Route(80, Subdomain = \"web\")] public partial class Blog;"),
            "Subdomain = \"web\"", "'blog'",
            Services(Web + "[Route(80)] public partial class Web;\n" + Web + "[Route(80, Subdomain = \"www\")] public partial class Blog;")),
        Case("EZH0008", DiagnosticSeverity.Error,
            Services(Web + "[Route(80, Subdomain = \"My_Site\")] public partial class Web;"), "Subdomain = \"My_Site\"", "'web'",
            Services(Web + "[Route(80, Subdomain = \"my-site\")] public partial class Web;")),
        Case("EZH0009", DiagnosticSeverity.Error,
            Services(Web + "[PublishPort(53, 53, Protocol = Protocol.Udp)] public partial class Dns;\n" + Web + "[PublishPort(53, 5353, Protocol = Protocol.Udp)] public partial class Blocky;"),
            "53", "'dns'",
            Services(Web + "[PublishPort(53, 53, Protocol = Protocol.Udp)] public partial class Dns;\n" + Web + "[PublishPort(53, 5353)] public partial class Blocky;")),
        Case("EZH0010", DiagnosticSeverity.Error,
            Services(Web + "[Route(70000)] public partial class Web;"), "70000", "'web'",
            Services(Web + "[Route(8080)] public partial class Web;")),
        Case("EZH0011", DiagnosticSeverity.Error,
            Services("public class Helper;\n" + Web + "[DependsOn(typeof(Helper))] public partial class Web;"), "typeof(Helper)", "'web'",
            Services(Web + "public partial class Db;\n" + Web + "[DependsOn(typeof(Db))] public partial class Web;")),
        Case("EZH0012", DiagnosticSeverity.Error,
            Services(Web + "[DependsOn(typeof(Web))] public partial class Db;\n" + Web + "[DependsOn<Cache>] public partial class Web;\n" + Web + "[DependsOn(typeof(Db))] public partial class Cache;"),
            "typeof(Db)", "cache → db → web → cache",
            Services(Web + "public partial class Db;\n" + Web + "[DependsOn<Cache>] public partial class Web;\n" + Web + "[DependsOn(typeof(Db))] public partial class Cache;")),
        Case("EZH0013", DiagnosticSeverity.Error,
            Services("[Stack(\"web\")][Service(Image = \"nginx:1.27\", Restart = Restart.Always)][LazyStart] public partial class Web;"), "Restart = Restart.Always", "'web'",
            Services("[Stack(\"web\")][Service(Image = \"nginx:1.27\", Restart = Restart.OnFailure)][LazyStart] public partial class Web;")),
        Case("EZH0014", DiagnosticSeverity.Error,
            Services(Web + "[LazyStart] public partial class Db;\n" + Web + "[DependsOn(typeof(Db))] public partial class Web;"), "typeof(Db)", "'web'",
            Services(Web + "[LazyStart] public partial class Db;\n" + Web + "[LazyStart][DependsOn(typeof(Db))] public partial class Web;")),
        Case("EZH0015", DiagnosticSeverity.Error,
            Services(Web + "public partial class Vpn;\n" + Web + "[Egress(typeof(Vpn))][PublishPort(8080, 8080)] public partial class Torrent;"), "PublishPort(8080, 8080)", "'torrent'",
            Services(Web + "public partial class Vpn;\n" + Web + "[Egress(typeof(Vpn))][Route(8080)][Label(\"com.example.owner\", \"me\")] public partial class Torrent;")),
        Case("EZH0016", DiagnosticSeverity.Error,
            Services(Web + "[Resources(Memory = \"1.5G\")] public partial class Web;"), "Memory = \"1.5G\"", "'web'",
            Services(Web + "[Resources(Memory = \"1536M\", Cpus = \"0.5\")] public partial class Web;")),
        Case("EZH0017", DiagnosticSeverity.Error,
            Services(Web + "[Volume(\"./data\", \"data\")] public partial class Web;"), "\"data\"", "'web'",
            Services(Web + "[Volume(\"./data\", \"/data\")] public partial class Web;")),
        Case("EZH0018", DiagnosticSeverity.Error,
            Services(Web + "[Env(\"DB_PASSWORD\", \"hunter2\")] public partial class Web;"), "\"hunter2\"", "'web'",
            Services(Web + "[SecretEnv(\"DB_PASSWORD\", \"db-password\")][Env(\"DB_PASSWORD_FILE\", \"/run/secrets/db\")][Env(\"API_KEY\", \"${DOMAIN}\")] public partial class Web;")),
        new DiagnosticCase("EZH0019", DiagnosticSeverity.Error,
            new[] { StandardLab, Services(Web + "[OnServer(\"nas\")] public partial class Web;") }, "\"nas\"", "'web'",
            new[] { Services("[Homelab][Server(\"core\")][Server(\"nas\", Address = \"192.168.1.100\")] public partial class MyLab;"), Services(Web + "[OnServer(\"nas\")] public partial class Web;") }),
        Case("EZH0020", DiagnosticSeverity.Error,
            Services("[Stack(\"web\")][Service] public partial class Web;"), "Service", "'web'",
            Services("[Stack(\"web\")][Service(Image = \"nginx:1.27\")] public partial class Web;")),
        Case("EZH0021", DiagnosticSeverity.Error,
            Services("[Service(Image = \"nginx:1.27\")] public partial class Web;"), "Service(Image = \"nginx:1.27\")", "'web'",
            Services("[Stack(\"web\")][Service(Image = \"nginx:1.27\")] public partial class Web;")),
        Case("EZH0022", DiagnosticSeverity.Error,
            Services("[Stack(\"web\")][Service(Image = \"nginx:1.27\")] public partial class Web;\n[Stack(\"web\")][Service(Image = \"httpd:2.4\", Name = \"web\")] public partial class Apache;"),
            "Name = \"web\"", "Lab.Apache",
            Services("[Stack(\"web\")][Service(Image = \"nginx:1.27\")] public partial class Web;\n[Stack(\"web\")][Service(Image = \"httpd:2.4\", Name = \"apache\")] public partial class Apache;")),
        Case("EZH0023", DiagnosticSeverity.Error,
            Services(Web + "[Healthcheck(\"curl -f http://localhost\", Interval = \"30 seconds\")] public partial class Web;"), "Interval = \"30 seconds\"", "'web'",
            Services(Web + "[Healthcheck(\"curl -f http://localhost\", Interval = \"30s\", Timeout = \"1m30s\")] public partial class Web;")),
        Case("EZH0024", DiagnosticSeverity.Error,
            Services(Web + "[Env(\"LOG-LEVEL\", \"debug\")] public partial class Web;"), "\"LOG-LEVEL\"", "'web'",
            Services(Web + "[Env(\"LOG_LEVEL\", \"debug\")] public partial class Web;")),
        Case("EZH0025", DiagnosticSeverity.Warning,
            Services(Web + "public partial class Db;\n" + Web + "[DependsOn(typeof(Db), Condition = DependencyCondition.Healthy)] public partial class Web;"),
            "Condition = DependencyCondition.Healthy", "'web'",
            Services(Web + "[Healthcheck(\"pg_isready\")] public partial class Db;\n" + Web + "[DependsOn(typeof(Db), Condition = DependencyCondition.Healthy)] public partial class Web;")),
        Case("EZH0026", DiagnosticSeverity.Error,
            Services("[Stack(\"vpn\")][Service(Image = \"qmcgaw/gluetun:v3.40.0\")] public partial class Gluetun;\n" + Web + "[Egress<Gluetun>] public partial class Torrent;"),
            "Gluetun", "'torrent'",
            Services("[Stack(\"web\")][Service(Image = \"qmcgaw/gluetun:v3.40.0\")] public partial class Gluetun;\n" + Web + "[Egress<Gluetun>] public partial class Torrent;")),
        Case("EZH0027", DiagnosticSeverity.Warning,
            Services("[Stack(\"data\")][Service(Image = \"postgres:17.2\")] public partial class Db;\n" + Web + "[DependsOn(typeof(Db))] public partial class Web;"),
            "typeof(Db)", "'web'",
            Services("[Stack(\"web\")][Service(Image = \"postgres:17.2\")] public partial class Db;\n" + Web + "[DependsOn(typeof(Db))] public partial class Web;")),
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { Services("[Homelab(Domain = \"my lab\")] public partial class MyLab;") }, "Domain = \"my lab\"", "Lab.MyLab",
            new[] { Services("[Homelab(Domain = \"lab.example.org\", Email = \"Me@Example.org\", Timezone = \"America/Argentina/Buenos_Aires\")] public partial class MyLab;") }),
        new DiagnosticCase("EZH0029", DiagnosticSeverity.Error,
            new[] { Services("[Homelab][Server(\"core\")][Server(\"nas\")][Server(\"nas\", Address = \"10.0.0.2\")] public partial class MyLab;") }, "\"nas\"", "Lab.MyLab",
            new[] { Services("[Homelab][Server(\"core\")][Server(\"nas\", Address = \"10.0.0.2\")] public partial class MyLab;") }),
        Case("EZH0030", DiagnosticSeverity.Error,
            Services(Web + "[SecretEnv(\"DB_PASSWORD\", \"DB Password\")] public partial class Web;"), "\"DB Password\"", "'web'",
            Services(Web + "[SecretEnv(\"DB_PASSWORD\", \"db-password\")] public partial class Web;")),
        Case("EZH0031", DiagnosticSeverity.Error,
            Services(Web + "public partial class Web<T>;"), "Web", "'web'",
            Services(Web + "public partial class Web;")),
        new DiagnosticCase("EZH0032", DiagnosticSeverity.Error,
            new[] { Services("[Homelab][Stack(\"core\")][Service(Image = \"nginx:1.27\")] public partial class MyLab;") }, "MyLab", "Lab.MyLab",
            new[] { Services("[Homelab] public partial class MyLab;\n[Stack(\"core\")][Service(Image = \"nginx:1.27\")] public partial class Proxy;") }),
        Case("EZH0033", DiagnosticSeverity.Error,
            Services(Web + "[Healthcheck(\"true\", Retries = -1)] public partial class Web;"), "Retries = -1", "'web'",
            Services(Web + "[Healthcheck(\"true\", Retries = 3)] public partial class Web;")),
        Case("EZH0034", DiagnosticSeverity.Error,
            Services(Web + "[Volume(\"~/data\", \"/data\")] public partial class Web;"), "\"~/data\"", "'web'",
            Services(Web + "[Volume(\"web-data\", \"/data\")][Volume(\"../common\", \"/common\")] public partial class Web;")),
        Case("EZH0035", DiagnosticSeverity.Error,
            Services(Web + "[Healthcheck] public partial class Web;"), "Healthcheck", "'web'",
            Services(Web + "[Healthcheck(\"wget\", \"-q\", \"--spider\", \"http://localhost\")] public partial class Web;")),
        Case("EZH0036", DiagnosticSeverity.Error,
            Services(Web + "[Env(\"MODE\", \"a\")][Env(\"MODE\", \"b\")] public partial class Web;"), "\"MODE\"", "'web'",
            Services(Web + "[Env(\"MODE\", \"a\")][Env(\"LEVEL\", \"b\")] public partial class Web;")),
        Case("EZH0037", DiagnosticSeverity.Error,
            Services(Web + "[Network(\"my network\")] public partial class Web;"), "\"my network\"", "'web'",
            Services(Web + "[Network(\"my-network\")] public partial class Web;")),
        Case("EZH0038", DiagnosticSeverity.Error,
            Services("[Stack(\"tools\")][Service(Image = \"louislam/dockge:1.4.2\")][Route(5001, Access = Access.Bypass)] public partial class Dockge;"),
            "Access = Access.Bypass", "'dockge'",
            Services("[Stack(\"tools\")][Service(Image = \"louislam/dockge:1.4.2\")][Route(5001, Access = Access.Bypass, AllowBypassOnAdmin = true)] public partial class Dockge;")),
        Case("EZH0039", DiagnosticSeverity.Error,
            Services(Web + "[CapAdd(\"net_admin\")] public partial class Web;"), "\"net_admin\"", "'web'",
            Services(Web + "[CapAdd(\"NET_ADMIN\")][Device(\"/dev/net/tun\")] public partial class Web;")),
        new DiagnosticCase("EZH0040", DiagnosticSeverity.Error,
            new[] { LabWith("[ExternalHost(\"nas\", \"192.168.1.10:5000\")]"), LoginPortal, Services(Web + "public partial class Web;") }, "\"192.168.1.10:5000\"", "Lab.MyLab",
            new[] { LabWith("[ExternalHost(\"nas\", \"http://192.168.1.10:5000\")]"), LoginPortal, Services(Web + "public partial class Web;") }),
        Case("EZH0041", DiagnosticSeverity.Error,
            Services(Web + "[Route(80)][Dashboard(\"Apps\")][Widget(\"Sonarr\")] public partial class Web;"), "\"Sonarr\"", "'web'",
            Services(Web + "[Route(80)][Dashboard(\"Apps\")][Widget(\"sonarr\")] public partial class Web;")),
        Case("EZH0042", DiagnosticSeverity.Error,
            Services("public static partial class Apps\n{\n" + Web + "private partial class Web;\n}"), "Web", "'web'",
            Services("public static partial class Apps\n{\n" + Web + "internal partial class Web;\n}")),
        Case("EZH0044", DiagnosticSeverity.Error,
            Services("[Variable(\"MEDIA_DIR\", \"/mnt/media\")]\n" + Web + "[Volume(\"${MEDIA_DIR/movies\", \"/movies\")] public partial class Web;"), "\"${MEDIA_DIR/movies\"", "'web'",
            Services("[Variable(\"MEDIA_DIR\", \"/mnt/media\")]\n" + Web + "[Volume(\"${MEDIA_DIR}/movies\", \"/movies\")][Env(\"PRICE\", \"$$5\")] public partial class Web;")),
        Case("EZH0045", DiagnosticSeverity.Error,
            Services("[Variable(\"MEDIA_DIR\", \"/mnt/media\")]\n" + Web + "[Volume(\"${MEDIA_DIRS}/movies\", \"/movies\")] public partial class Web;"), "\"${MEDIA_DIRS}/movies\"", "did you mean ${MEDIA_DIR}?",
            Services("[Variable(\"MEDIA_DIR\", \"/mnt/media\")]\n" + Web + "[Volume(\"${MEDIA_DIR}/movies\", \"/movies\")] public partial class Web;")),
        Case("EZH0046", DiagnosticSeverity.Error,
            Services(Web + "[Variable(\"MEDIA_DIR\", \"/mnt/media\")] public partial class Web;\n" + Web + "[Variable(\"MEDIA_DIR\", \"/srv/media\")] public partial class Blog;"),
            "\"/mnt/media\"", "on the lab class MyLab",
            Services(Web + "[Variable(\"MEDIA_DIR\", \"/mnt/media\")] public partial class Web;\n" + Web + "[Variable(\"MEDIA_DIR\", \"/mnt/media\")] public partial class Blog;")),
        // The one case without the login portal that every other case's lab has.
        new DiagnosticCase("EZH0043", DiagnosticSeverity.Warning,
            new[] { StandardLab, Services(Web + "[Route(80)] public partial class Web;") }, "Route(80)", "[Route] 'web'",
            new[] { StandardLab, LoginPortal, Services(Web + "[Route(80)] public partial class Web;") }),
        // Hardening: an exception to the baseline names its reason (HardeningTests has the variants).
        Case("EZH0047", DiagnosticSeverity.Warning,
            Services(Web + "[Privileged] public partial class Web;"), "Privileged", "'web'",
            Services(Web + "[Privileged(Reason = \"drives the host's USB devices\")] public partial class Web;")),
        Case("EZH0048", DiagnosticSeverity.Warning,
            Services(Web + "[HostNamespaces(Pid = true)] public partial class Web;"), "HostNamespaces(Pid = true)", "PID namespace",
            Services(Web + "[HostNamespaces(Pid = true, Reason = \"monitors the host's processes\")] public partial class Web;")),
        Case("EZH0049", DiagnosticSeverity.Warning,
            Services(Web + "[SecurityOpt(\"seccomp:unconfined\")] public partial class Web;"), "\"seccomp:unconfined\"", "seccomp filter",
            Services(Web + "[SecurityOpt(\"seccomp:unconfined\", Reason = \"runs its own sandbox with user namespaces\")] public partial class Web;")),
        Case("EZH0050", DiagnosticSeverity.Warning,
            Services(Web + "[Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\")] public partial class Web;"), "\"/var/run/docker.sock\"", "'web'",
            Services(Web + "[Volume(\"/var/run/docker.sock\", \"/var/run/docker.sock\")][AllowDockerSocket(Reason = \"updates the other containers\")] public partial class Web;")),
        Case("EZH0051", DiagnosticSeverity.Warning,
            Services(Web + "[AllowNewPrivileges] public partial class Web;"), "AllowNewPrivileges", "[AllowNewPrivileges]",
            Services(Web + "[AllowNewPrivileges(Reason = \"its users run sudo\")] public partial class Web;")),
        Case("EZH0052", DiagnosticSeverity.Error,
            Services(Web + "[ReadOnlyRoot(Tmpfs = new[] { \"tmp\" })] public partial class Web;"), "Tmpfs = new[] { \"tmp\" }", "'web'",
            Services(Web + "[ReadOnlyRoot(Tmpfs = new[] { \"/tmp\" })] public partial class Web;")),
        Case("EZH0053", DiagnosticSeverity.Error,
            Services(Web + "[HostNamespaces(Network = true, Reason = \"discovers devices by multicast\")][PublishPort(8123, 8123)] public partial class Web;"), "PublishPort(8123, 8123)", "publish ports",
            Services(Web + "[HostNamespaces(Network = true, Reason = \"discovers devices by multicast\")] public partial class Web;")),
        Case("EZH0054", DiagnosticSeverity.Warning,
            Services(Web + "[AllowDockerSocket(Reason = \"reads container stats\")] public partial class Web;"), "Reason = \"reads container stats\"", "mounts no Docker socket",
            Services(Web + "public partial class Web;")),
        Case("EZH0055", DiagnosticSeverity.Error,
            Services(DbTemplate + "public partial class Db1 : Db;\npublic partial class Db2 : Db;\n" + Web + "[DependsOn<Db>] public partial class Web;"), "Db", "db1",
            Services(DbTemplate + "public partial class Db1 : Db;\npublic partial class Db2 : Db;\n" + Web + "[DependsOn<Db1>] public partial class Web;")),
        Case("EZH0056", DiagnosticSeverity.Error,
            Services(NamedDbTemplate + "[Service(Name = \"database\")] public partial class MyDb : Db;\n" + Web + "[DependsOn<Db>] public partial class Web;"), "Db", "'database'",
            Services(NamedDbTemplate + "public partial class MyDb : Db;\n" + Web + "[DependsOn<Db>] public partial class Web;")),
        Case("EZH0057", DiagnosticSeverity.Error,
            Services(WebDb + "[Network(\"backend\", Internal = true)] public partial class Db;\n" + Web + "[Route(80)][Network(\"backend\")] public partial class Web;"), "Network(\"backend\")", "'db'",
            Services(WebDb + "[Network(\"backend\", Internal = true)] public partial class Db;\n" + Web + "[Route(80)][Network(\"backend\", Internal = true)] public partial class Web;")),
        Case("EZH0058", DiagnosticSeverity.Error,
            Services(Web + "[SecretEnv(\"APP_SECRET\", \"app-secret\", Form = SecretForm.FileUri, FileVariable = \"APP_SECRET_FILE\")] public partial class Web;"),
            "FileVariable = \"APP_SECRET_FILE\"", "'web'",
            Services(Web + "[SecretEnv(\"APP_SECRET\", \"app-secret\", Form = SecretForm.FileUri)] public partial class Web;")),
    };

    /// <summary>A database in the <c>web</c> stack.</summary>
    private const string WebDb = """
        [Stack("web")]
        [Service(Image = "postgres:17.6-alpine")]
        """;

    /// <summary>A template: an abstract marked class, whose subclasses are services named after themselves.</summary>
    private const string DbTemplate = """
        [Stack("web")]
        [Service(Image = "postgres:16.4")]
        public abstract partial class Db;

        """;

    /// <summary>A template that names its service, as every catalog class does.</summary>
    private const string NamedDbTemplate = """
        [Stack("web")]
        [Service(Name = "db", Image = "postgres:16.4")]
        public abstract partial class Db;

        """;

    /// <summary>The standard lab's class with more attributes (<c>[ExternalHost]</c>, a different default access).</summary>
    internal static string LabWith(string attributes, string homelabArguments = "") => $$"""
        using EzHomelab;
        namespace Lab;

        [Homelab(Domain = "example.org", Timezone = "Europe/Berlin", Email = "me@example.org"{{homelabArguments}})]
        {{attributes}}
        public partial class MyLab;
        """;

    /// <summary>
    /// A case whose sources sit beside the standard lab and its login portal (as in a real lab: routes with the lab's
    /// two-factor default need one, see EZH0043).
    /// </summary>
    private static DiagnosticCase Case(string id, DiagnosticSeverity severity, string trigger, string locationText, string named, string valid) =>
        new(id, severity, new[] { StandardLab, LoginPortal, trigger }, locationText, named, new[] { StandardLab, LoginPortal, valid });
}
