using EzHomelab.Model;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Rendering.Traefik;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Rendering.YamlScalars;

namespace EzHomelab.Rendering.Homepage;

/// <summary>How one Homepage reaches one server's Docker engine: a socket proxy over TCP, or the local socket.</summary>
/// <param name="Server">The lab server name, used as the docker.yaml key and as each entry's <c>server:</c>.</param>
/// <param name="Host">The proxy's host name or the server's address (TCP), else null.</param>
/// <param name="Port">The proxy's port (TCP), else null.</param>
/// <param name="Socket">The engine's socket path inside the Homepage container, else null.</param>
public sealed record HomepageDockerConnection(string Server, string? Host, int? Port, string? Socket);

/// <summary>The YAML trees of Homepage's configuration files, built from the lab.</summary>
public static class HomepageConfig
{
    /// <summary>Columns of a row-style group: one per entry, up to Homepage's default maximum of four.</summary>
    public const int MaxColumns = 4;

    public const string DockerComment =
        "A server whose engine this Homepage cannot reach (no socket proxy publishing port 2375 on a server with an\n" +
        "address) is left out; its services then show without container status.";

    /// <summary>One dashboard group: its name and entries in display order.</summary>
    public sealed record Group(string Name, IReadOnlyList<Entry> Entries);

    /// <summary>One dashboard entry: a lab service, or an <c>[ExternalHost]</c> with a dashboard group.</summary>
    public sealed record Entry(DashboardSpec Dashboard, ServiceSpec? Service, ExternalHostSpec? External)
    {
        /// <summary>Tie-breaker after the display name: the service name, else the external host's router name.</summary>
        public string Key => Service?.Name ?? LabRoutes.ExternalRouter(External!);
    }

    /// <summary>
    /// The lab's <c>[Dashboard]</c> services, on every server, and its external hosts that name a dashboard group.
    /// Groups are in alphabetical order (case-insensitive, then ordinal) and so are the entries of a group (by display
    /// name, then service name): the order a reader expects, independent of stack and service names.
    /// </summary>
    public static IReadOnlyList<Group> Groups(Lab lab) =>
        lab.Services.Where(s => s.Dashboard is not null).Select(s => new Entry(s.Dashboard!, s, null))
            .Concat(lab.ExternalHosts.Where(e => e.Dashboard is not null).Select(e => new Entry(e.Dashboard!, null, e)))
            .GroupBy(e => e.Dashboard.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Group(g.Key, g
                .OrderBy(e => e.Dashboard.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(e => e.Dashboard.Name, StringComparer.Ordinal)
                .ThenBy(e => e.Key, StringComparer.Ordinal)
                .ToArray()))
            .ToArray();

    /// <summary>
    /// How the Homepage on <paramref name="homepageServer"/> reaches every server's engine, in server order. Its own
    /// server: the socket proxy by service name on the shared network, else the socket (mounted read-only). Another
    /// server: the proxy's published port 2375 at the server's address; left out when there is no such route.
    /// </summary>
    public static IReadOnlyList<HomepageDockerConnection> DockerConnections(Lab lab, ServerSpec homepageServer)
    {
        var connections = new List<HomepageDockerConnection>();
        foreach (var server in lab.Servers)
        {
            var proxy = CoreServices.On(lab, server).SocketProxy;
            if (server.Name == homepageServer.Name)
            {
                connections.Add(proxy is null
                    ? new HomepageDockerConnection(server.Name, null, null, TraefikStaticConfig.DockerSocket)
                    : new HomepageDockerConnection(server.Name, proxy.Name, TraefikStaticConfig.SocketProxyPort, null));
                continue;
            }
            var published = proxy?.Ports.FirstOrDefault(p => p.ContainerPort == TraefikStaticConfig.SocketProxyPort && p.Protocol == Protocol.Tcp && !IsLoopback(p.HostIp));
            if (server.Address is { } address && published is not null)
                connections.Add(new HomepageDockerConnection(server.Name, address, published.HostPort, null));
        }
        return connections;
    }

    private static bool IsLoopback(string? hostIp) =>
        hostIp is not null && (hostIp.StartsWith("127.", StringComparison.Ordinal) || hostIp is "::1" or "localhost");

    /// <summary><c>services.yaml</c>: a list of groups, each a list of one-key maps <c>Name: {href, icon, description, server, container}</c>.</summary>
    public static YamlSequenceNode Services(Lab lab, string domain, IReadOnlyList<HomepageDockerConnection> docker)
    {
        var hosts = LabRoutes.All(lab, domain).Where(r => r.Service is not null).ToDictionary(r => r.Service!.Name, r => r.Host, StringComparer.Ordinal);
        var reachable = docker.Select(d => d.Server).ToHashSet(StringComparer.Ordinal);
        var groups = new YamlSequenceNode();
        foreach (var group in Groups(lab))
        {
            var entries = new YamlSequenceNode();
            foreach (var item in group.Entries)
            {
                var dashboard = item.Dashboard;
                var entry = new OrderedMap();
                var host = item.External is { } external ? LabRoutes.External(lab, external, domain).Host
                    : hosts.GetValueOrDefault(item.Service!.Name);
                if (host is not null) entry.Set("href", String("https://" + host));
                if (dashboard.Icon is not null) entry.Set("icon", String(dashboard.Icon));
                if (dashboard.Description is not null) entry.Set("description", String(dashboard.Description));
                // An external host has no container to show the status of.
                if (item.Service is { } service && reachable.Contains(lab.ServerOf(service).Name))
                {
                    var server = lab.ServerOf(service).Name;
                    entry.Set("server", String(server));
                    entry.Set("container", String(service.EffectiveContainerName));
                }
                if (item.Service is { Widget: { } widget } owner && Widget(owner, widget) is { } widgetNode)
                    entry.Set("widget", widgetNode);
                entries.Add(new OrderedMap().Set(dashboard.Name, entry.ToNode()).ToNode());
            }
            groups.Add(new OrderedMap().Set(group.Name, entries).ToNode());
        }
        return Flow(groups);
    }

    /// <summary>
    /// A service's <c>widget:</c> map: type, url (its own, else <c>http://container:route-port</c>), key as the
    /// <c>{{HOMEPAGE_FILE_…}}</c> placeholder Homepage fills from the mounted secret file (never the value), fields.
    /// </summary>
    public static YamlNode? Widget(ServiceSpec service, WidgetSpec widget)
    {
        var map = new OrderedMap().Set("type", String(widget.Type));
        var url = widget.Url ?? (service.Route is { } route ? $"http://{service.EffectiveContainerName}:{route.Port}" : null);
        if (url is not null) map.Set("url", String(url));
        if (widget.ApiKeySecret is { } secret) map.Set("key", String("{{" + LabSecrets.HomepageKeyVariable(secret) + "}}"));
        if (widget.Fields is { Count: > 0 } fields)
        {
            var list = new YamlSequenceNode();
            foreach (var field in fields) list.Add(String(field));
            map.Set("fields", list);
        }
        return map.ToNode();
    }

    /// <summary><c>settings.yaml</c>: the lab's name as title, clean headers, status dots, a row layout per group in services.yaml order.</summary>
    public static YamlMappingNode Settings(Lab lab)
    {
        var layout = new OrderedMap();
        foreach (var group in Groups(lab))
            layout.Set(group.Name, new OrderedMap()
                .Set("style", String("row"))
                .Set("columns", Integer(Math.Clamp(group.Entries.Count, 1, MaxColumns))).ToNode());
        var root = new OrderedMap()
            .Set("title", String(lab.Name))
            .Set("headerStyle", String("clean"))
            .Set("statusStyle", String("dot"));
        // Homepage sorts groups by the layout's key order, so the layout repeats services.yaml's order.
        if (layout.Count > 0) root.Set("layout", layout.ToNode());
        return root.ToNode();
    }

    /// <summary><c>widgets.yaml</c>: host resources, a web search and the date and time.</summary>
    public static YamlSequenceNode Widgets()
    {
        var resources = new OrderedMap()
            .Set("cpu", Boolean(true))
            .Set("memory", Boolean(true))
            .Set("disk", String("/"));
        var search = new OrderedMap()
            .Set("provider", String("duckduckgo"))
            .Set("target", String("_blank"));
        var datetime = new OrderedMap()
            .Set("text_size", String("xl"))
            .Set("format", new OrderedMap()
                .Set("dateStyle", String("short"))
                .Set("timeStyle", String("short"))
                .Set("hourCycle", String("h23")).ToNode());
        return new YamlSequenceNode(
            new OrderedMap().Set("resources", resources.ToNode()).ToNode(),
            new OrderedMap().Set("search", search.ToNode()).ToNode(),
            new OrderedMap().Set("datetime", datetime.ToNode()).ToNode());
    }

    /// <summary><c>docker.yaml</c>: one entry per reachable server, keyed by server name.</summary>
    public static YamlMappingNode Docker(IReadOnlyList<HomepageDockerConnection> connections)
    {
        var root = new OrderedMap();
        foreach (var connection in connections)
        {
            var entry = new OrderedMap();
            if (connection.Socket is not null) entry.Set("socket", String(connection.Socket));
            else entry.Set("host", String(connection.Host!)).Set("port", Integer(connection.Port!.Value));
            root.Set(connection.Server, entry.ToNode());
        }
        return root.ToNode();
    }

    /// <summary><c>bookmarks.yaml</c>: an empty list (written so Homepage does not copy in its example bookmarks).</summary>
    public static YamlSequenceNode Bookmarks() => Flow(new YamlSequenceNode());

    // An empty block sequence cannot be written as a block; it becomes [].
    private static YamlSequenceNode Flow(YamlSequenceNode sequence)
    {
        if (sequence.Children.Count == 0) sequence.Style = SequenceStyle.Flow;
        return sequence;
    }
}
