// Compiled into both the runtime (src/EzHomelab) and the generator (netstandard2.0), so that a value is
// judged by the same rule at compile time and at run time. Keep it dependency-free and netstandard2.0-safe.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace EzHomelab.Rules;

/// <summary>DNS names: labels (RFC 1123) and dotted domains.</summary>
internal static class DnsName
{
    /// <summary>1–63 chars of a-z, 0-9 and '-', not starting or ending with '-'. Lower case only (we generate hostnames).</summary>
    public static bool IsValidLabel(string? label)
    {
        if (label is null || label.Length == 0 || label.Length > 63) return false;
        if (label[0] == '-' || label[label.Length - 1] == '-') return false;
        foreach (var c in label)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
        return true;
    }

    /// <summary>Two or more valid labels joined by dots, at most 253 chars.</summary>
    public static bool IsValidDomain(string? domain)
    {
        if (domain is null || domain.Length == 0 || domain.Length > 253) return false;
        var labels = domain.Split('.');
        if (labels.Length < 2) return false;
        foreach (var l in labels)
            if (!IsValidLabel(l)) return false;
        return true;
    }
}

/// <summary>Container image references: <c>[registry[:port]/]path[:tag][@digest]</c>.</summary>
internal static class ImageReference
{
    public enum Verdict { Valid, Malformed, NoTag, LatestTag }

    public static Verdict Check(string? image)
    {
        if (image is null || image.Length == 0 || image.Length > 512) return Verdict.Malformed;
        foreach (var c in image)
            if (char.IsWhiteSpace(c) || c == '$') return Verdict.Malformed;
        string rest = image;
        string? digest = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest.Substring(at + 1);
            rest = rest.Substring(0, at);
            if (!IsValidDigest(digest)) return Verdict.Malformed;
        }
        string? tag = null;
        int lastSlash = rest.LastIndexOf('/');
        int colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest.Substring(colon + 1);
            rest = rest.Substring(0, colon);
            if (!IsValidTag(tag)) return Verdict.Malformed;
        }
        if (!IsValidName(rest)) return Verdict.Malformed;
        if (digest is not null) return Verdict.Valid;
        if (tag is null) return Verdict.NoTag;
        return string.Equals(tag, "latest", StringComparison.Ordinal) ? Verdict.LatestTag : Verdict.Valid;
    }

    private static bool IsValidTag(string tag)
    {
        if (tag.Length == 0 || tag.Length > 128) return false;
        if (!(char.IsLetterOrDigit(tag[0]) || tag[0] == '_')) return false;
        foreach (var c in tag)
            if (!(IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) return false;
        return true;
    }

    private static bool IsValidDigest(string digest)
    {
        int colon = digest.IndexOf(':');
        if (colon <= 0 || colon == digest.Length - 1) return false;
        for (int i = colon + 1; i < digest.Length; i++)
        {
            char c = digest[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return digest.Length - colon - 1 >= 32;
    }

    private static bool IsValidName(string name)
    {
        if (name.Length == 0) return false;
        var parts = name.Split('/');
        for (int i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.Length == 0) return false;
            bool isRegistry = i == 0 && parts.Length > 1 && (p.IndexOf('.') >= 0 || p.IndexOf(':') >= 0 || p == "localhost");
            if (isRegistry)
            {
                foreach (var c in p)
                    if (!(IsAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == ':')) return false;
                continue;
            }
            // path component: lower-case alphanumerics separated by '.', '_', '__' or runs of '-'
            if (!IsLowerAlnum(p[0]) || !IsLowerAlnum(p[p.Length - 1])) return false;
            foreach (var c in p)
                if (!(IsLowerAlnum(c) || c == '.' || c == '_' || c == '-')) return false;
        }
        return true;
    }

    private static bool IsLowerAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// <summary>Compose resource quantities.</summary>
internal static class ResourceQuantity
{
    /// <summary>Memory in compose byte syntax: digits with an optional b/k/m/g suffix (either case), e.g. <c>512M</c>, <c>2g</c>, <c>128mb</c>; fractions such as <c>1.5G</c> are rejected.</summary>
    public static bool IsValidMemory(string? value)
    {
        if (value is null || value.Length == 0) return false;
        int end = value.Length;
        char last = char.ToLowerInvariant(value[end - 1]);
        if (last == 'b' && end >= 2 && "kmg".IndexOf(char.ToLowerInvariant(value[end - 2])) >= 0) end -= 2;
        else if ("bkmg".IndexOf(last) >= 0) end -= 1;
        if (end == 0) return false;
        long n = 0;
        for (int i = 0; i < end; i++)
        {
            char c = value[i];
            if (c < '0' || c > '9') return false;
            n = n * 10 + (c - '0');
            if (n > 1L << 50) return false;
        }
        return n > 0;
    }

    /// <summary>A valid memory quantity in bytes (<c>512M</c> → 536870912), to compare a limit with a reservation.</summary>
    public static bool TryGetBytes(string? value, out decimal bytes)
    {
        bytes = 0;
        if (!IsValidMemory(value)) return false;
        var text = value!.ToLowerInvariant();
        if (text.EndsWith("b", StringComparison.Ordinal)) text = text.Substring(0, text.Length - 1);
        decimal scale = 1;
        if (text.Length > 0 && "kmg".IndexOf(text[text.Length - 1]) is var unit and >= 0)
        {
            scale = unit == 0 ? 1024m : unit == 1 ? 1024m * 1024 : 1024m * 1024 * 1024;
            text = text.Substring(0, text.Length - 1);
        }
        bytes = decimal.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) * scale;
        return true;
    }

    /// <summary>A valid CPU quantity as a number.</summary>
    public static bool TryGetCpus(string? value, out decimal cpus)
    {
        cpus = 0;
        return IsValidCpus(value) && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out cpus);
    }

    /// <summary>CPUs as a positive decimal number up to 1024, e.g. <c>0.5</c>, <c>2</c>.</summary>
    public static bool IsValidCpus(string? value)
    {
        if (value is null || value.Length == 0 || value.Length > 8) return false;
        foreach (var c in value)
            if (!((c >= '0' && c <= '9') || c == '.')) return false;
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return false;
        return d > 0 && d <= 1024;
    }
}

/// <summary>Compose durations such as <c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>.</summary>
internal static class ComposeDuration
{
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length == 0) return false;
        int i = 0;
        while (i < value.Length)
        {
            int start = i;
            while (i < value.Length && value[i] >= '0' && value[i] <= '9') i++;
            if (i == start) return false;
            int unitStart = i;
            while (i < value.Length && value[i] >= 'a' && value[i] <= 'z') i++;
            var unit = value.Substring(unitStart, i - unitStart);
            if (unit != "ms" && unit != "s" && unit != "m" && unit != "h" && unit != "us") return false;
        }
        return true;
    }
}

/// <summary>Names of environment variables, secrets and services.</summary>
internal static class Naming
{
    private static readonly string[] SecretWords = { "PASSWORD", "PASSWD", "TOKEN", "SECRET", "KEY", "APIKEY", "API_KEY" };

    /// <summary>True when an environment variable's name suggests its value is a credential.</summary>
    public static bool LooksSecret(string envName)
    {
        var upper = envName.ToUpperInvariant();
        foreach (var part in upper.Split('_', '-', '.'))
            foreach (var w in SecretWords)
                if (part == w || (w != "KEY" && part.EndsWith(w, StringComparison.Ordinal))) return true;
        return false;
    }

    /// <summary><c>CodeServer</c> → <c>code-server</c>; <c>Sonarr4K</c> → <c>sonarr4k</c>; <c>HTTPProxy</c> → <c>http-proxy</c>.</summary>
    public static string ToKebabCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '_') { if (sb.Length > 0 && sb[sb.Length - 1] != '-') sb.Append('-'); continue; }
            if (char.IsUpper(c))
            {
                bool prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]));
                bool acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (sb.Length > 0 && sb[sb.Length - 1] != '-' && (prevLowerOrDigit || acronymEnd)) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>A secret name: a DNS label (lower case, digits, '-').</summary>
    public static bool IsValidSecretName(string? name) => DnsName.IsValidLabel(name);

    /// <summary>The runtime variable a secret is read from: <c>db-password</c> → <c>EZH_SECRET_DB_PASSWORD</c>.</summary>
    public static string SecretVariable(string secretName) => "EZH_SECRET_" + secretName.ToUpperInvariant().Replace('-', '_');

    /// <summary>A POSIX environment variable name.</summary>
    public static bool IsValidEnvName(string? name)
    {
        if (name is null || name.Length == 0) return false;
        if (name[0] >= '0' && name[0] <= '9') return false;
        foreach (var c in name)
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
        return true;
    }
}

/// <summary>Container paths.</summary>
internal static class ContainerPath
{
    public static bool IsAbsolute(string? path) => path is not null && path.Length > 0 && path[0] == '/';
}

/// <summary>Values of the lab itself (<c>[Homelab]</c>).</summary>
internal static class LabSetting
{
    /// <summary>A plain e-mail address: <c>local@domain.tld</c>, the domain judged case-insensitively as a DNS name.</summary>
    public static bool IsValidEmail(string? value)
    {
        if (value is null || value.Length == 0 || value.Length > 254) return false;
        int at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@')) return false;
        for (int i = 0; i < at; i++)
        {
            char c = value[i];
            if (c <= ' ' || c > '~' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\') return false;
        }
        return DnsName.IsValidDomain(value.Substring(at + 1).ToLowerInvariant());
    }

    /// <summary>
    /// A name of the IANA time zone database (<see cref="IanaTimeZones"/>, exact case), such as <c>Europe/Berlin</c>,
    /// <c>America/Argentina/Buenos_Aires</c>, <c>UTC</c>, <c>Etc/UTC</c> or <c>Etc/GMT+1</c>: what a container's <c>TZ</c> needs.
    /// Windows ids (<c>W. Europe Standard Time</c>) are not names of the database.
    /// </summary>
    public static bool IsValidTimezone(string? value) => value is not null && TimeZoneTable.Known.Contains(value);

    /// <summary>What the messages say a valid time zone is.</summary>
    public const string ExpectedTimezone = "time zone of the IANA database (tzdata " + IanaTimeZones.Version + "), such as Europe/Berlin or Etc/UTC";

    // A class of its own, so the set is built on first use, after the generated table is initialised.
    private static class TimeZoneTable
    {
        public static readonly HashSet<string> Known = new HashSet<string>(IanaTimeZones.Names, StringComparer.Ordinal);
    }
}

/// <summary>Names Docker gives to networks and named volumes.</summary>
internal static class DockerName
{
    /// <summary>A letter or digit, then letters, digits, '_', '.' or '-'.</summary>
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length == 0 || name.Length > 255) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-'))) return false;
        }
        return true;
    }
}

/// <summary>Values of environment variables.</summary>
internal static class EnvValue
{
    /// <summary>True when the value is nothing but one <c>${NAME}</c> reference, resolved by compose from the stack's .env.</summary>
    public static bool IsOnlyVariableReference(string? value)
    {
        if (value is null || value.Length < 4 || value[0] != '$' || value[1] != '{' || value[value.Length - 1] != '}') return false;
        return Naming.IsValidEnvName(value.Substring(2, value.Length - 3));
    }
}

/// <summary>What a well-known image is in the lab: the infrastructure roles and the admin UIs.</summary>
internal enum ImageRole
{
    None = 0,
    Traefik,
    Authelia,
    SocketProxy,
    Sablier,
    Homepage,
    DuckDns,
    Gluetun,
    Dockge,
    CodeServer,
    Portainer,
}

/// <summary>
/// The one table of well-known images, shared by the runtime (which service is a server's Traefik, Authelia …)
/// and the generator (which services are admin UIs). Matched on the repository, so any tag, digest or
/// default-registry prefix names the same image.
/// </summary>
internal static class KnownImages
{
    private static readonly string[][] Repositories =
    {
        /* None        */ new string[0],
        /* Traefik     */ new[] { "traefik" },
        /* Authelia    */ new[] { "authelia/authelia", "ghcr.io/authelia/authelia" },
        /* SocketProxy */ new[] { "tecnativa/docker-socket-proxy", "ghcr.io/tecnativa/docker-socket-proxy", "lscr.io/linuxserver/socket-proxy", "linuxserver/socket-proxy" },
        /* Sablier     */ new[] { "sablierapp/sablier", "ghcr.io/sablierapp/sablier", "acouvreur/sablier" },
        /* Homepage    */ new[] { "ghcr.io/gethomepage/homepage" },
        /* DuckDns     */ new[] { "lscr.io/linuxserver/duckdns", "linuxserver/duckdns" },
        /* Gluetun     */ new[] { "qmcgaw/gluetun", "ghcr.io/qdm12/gluetun" },
        /* Dockge      */ new[] { "louislam/dockge" },
        /* CodeServer  */ new[] { "lscr.io/linuxserver/code-server", "linuxserver/code-server", "codercom/code-server" },
        /* Portainer   */ new[] { "portainer/portainer-ce", "portainer/portainer-ee", "portainer/portainer" },
    };

    /// <summary>The role of an image, or <see cref="ImageRole.None"/>.</summary>
    public static ImageRole RoleOf(string? image)
    {
        if (image is null || image.Length == 0) return ImageRole.None;
        var repository = Repository(image);
        for (int role = 1; role < Repositories.Length; role++)
            foreach (var candidate in Repositories[role])
                if (string.Equals(candidate, repository, StringComparison.Ordinal)) return (ImageRole)role;
        return ImageRole.None;
    }

    /// <summary>
    /// True for images whose web UI controls the lab or its host (Traefik's dashboard, Docker socket proxies, Dockge,
    /// code editors, Portainer): such a route must never be reachable without a login.
    /// </summary>
    public static bool IsAdminUi(string? image)
    {
        var role = RoleOf(image);
        return role == ImageRole.Traefik || role == ImageRole.SocketProxy || role == ImageRole.Dockge
            || role == ImageRole.CodeServer || role == ImageRole.Portainer;
    }

    /// <summary>
    /// The repository part of an image reference, without tag or digest, and without the default registry and
    /// <c>library/</c> prefixes that name the same image (<c>docker.io/library/traefik:v3.3.4</c> → <c>traefik</c>).
    /// </summary>
    public static string Repository(string image)
    {
        var name = image;
        int at = name.IndexOf('@');
        if (at >= 0) name = name.Substring(0, at);
        int lastSlash = name.LastIndexOf('/');
        int colon = name.LastIndexOf(':');
        if (colon > lastSlash) name = name.Substring(0, colon);
        foreach (var prefix in new[] { "docker.io/", "index.docker.io/" })
            if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name.Substring(prefix.Length);
        if (name.StartsWith("library/", StringComparison.Ordinal)) name = name.Substring("library/".Length);
        return name.ToLowerInvariant();
    }
}

/// <summary>Admin UIs and who may reach them.</summary>
internal static class AdminUi
{
    /// <summary>An admin UI: marked <c>[Admin]</c>, or a known admin image.</summary>
    public static bool Is(bool markedAdmin, string? image) => markedAdmin || KnownImages.IsAdminUi(image);

    /// <summary>
    /// True when a route would expose an admin UI without a login: its effective access (the route's own, else the
    /// lab's default) is bypass or LAN-only (a LAN device is not trusted with it) and the route does not acknowledge it with <c>AllowBypassOnAdmin</c>.
    /// </summary>
    public static bool RefusesBypass(bool markedAdmin, string? image, bool effectiveBypass, bool allowBypassOnAdmin) =>
        effectiveBypass && !allowBypassOnAdmin && Is(markedAdmin, image);

    /// <summary>The one-line explanation, shared by the compile-time diagnostic and the run-time refusal.</summary>
    public static string BypassMessage(string service, string? className, string subdomain) =>
        "service '" + service + "'" + (className is null ? "" : " (" + className + ")") +
        ": [Route] '" + subdomain + "' has no login (bypass) but the service is an admin UI; " +
        "use Access.OneFactor or Access.TwoFactor, or set AllowBypassOnAdmin = true on its [Route] to accept the risk";
}

/// <summary>
/// The lab's login portal (its Authelia service) and the routes that need it. Every route whose effective access is not
/// bypass names Authelia's forward-auth middleware (<c>authelia@file</c>; a LAN-only route too, since Authelia checks the
/// network). Without a portal that middleware is not rendered, and Traefik serves nothing on such a route.
/// </summary>
internal static class LoginPortal
{
    // Access's values (the generator has no reference to the enum).
    private const int AccessBypass = 1;
    private const int AccessOneFactor = 2;
    private const int AccessLanOnly = 4;

    /// <summary>True when a route with this effective access goes through the portal.</summary>
    public static bool IsNeededBy(int effectiveAccess) => effectiveAccess != AccessBypass;

    /// <summary>A service's route: <c>service 'web' (Ns.Web): [Route] 'web'</c>.</summary>
    public static string ServiceRoute(string service, string? className, string subdomain) =>
        Service(service, className) + ": [Route] '" + subdomain + "'";

    /// <summary>The dashboard of a Traefik without a <c>[Route]</c>, on its default host.</summary>
    public static string TraefikDashboard(string service, string? className, string subdomain) =>
        Service(service, className) + ": Traefik's dashboard '" + subdomain + "'";

    /// <summary>An <c>[ExternalHost]</c> of the lab class.</summary>
    public static string ExternalHost(string subdomain, string lab) => "[ExternalHost(\"" + subdomain + "\")] on " + lab;

    /// <summary>
    /// The one-line warning, shared by the compile-time diagnostic (EZH0043) and the runner. <paramref name="bypassOn"/> is
    /// the attribute where <c>Access = Access.Bypass</c> would go; null when bypass is no fix (an admin UI).
    /// </summary>
    public static string MissingMessage(string route, int effectiveAccess, bool fromLabDefault, string? bypassOn) =>
        route + " " + Asks(effectiveAccess) + (fromLabDefault ? " (the lab's DefaultAccess)" : "") +
        ", but the lab has no login portal, so Traefik will not serve it; add an Authelia service (image authelia/authelia)" +
        (bypassOn is null ? "" : ", or set Access = Access.Bypass on the " + bypassOn + " if it should be open without a login");

    private static string Service(string service, string? className) =>
        "service '" + service + "'" + (className is null ? "" : " (" + className + ")");

    private static string Asks(int access) => access switch
    {
        AccessOneFactor => "asks for a one-factor login",
        AccessLanOnly => "is LAN-only, which Authelia checks",
        _ => "asks for a two-factor login",
    };
}

/// <summary>Linux capabilities and device mappings (<c>[CapAdd]</c>, <c>[Device]</c>).</summary>
internal static class ContainerPrivileges
{
    /// <summary>A capability name as compose takes it: upper-case letters, digits and '_' (<c>NET_ADMIN</c>, <c>CAP_SYS_TIME</c>, <c>ALL</c>).</summary>
    public static bool IsValidCapability(string? name)
    {
        if (name is null || name.Length == 0 || name.Length > 64) return false;
        if (!(name[0] >= 'A' && name[0] <= 'Z')) return false;
        foreach (var c in name)
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
        return true;
    }

    /// <summary>Device cgroup permissions: a non-empty subset of <c>r</c>, <c>w</c>, <c>m</c>, each at most once.</summary>
    public static bool IsValidDevicePermissions(string? permissions)
    {
        if (permissions is null || permissions.Length == 0 || permissions.Length > 3) return false;
        for (int i = 0; i < permissions.Length; i++)
        {
            char c = permissions[i];
            if (c != 'r' && c != 'w' && c != 'm') return false;
            if (permissions.IndexOf(c, i + 1) >= 0) return false;
        }
        return true;
    }

    /// <summary>A device path: absolute, without ':' (the mapping separator) or whitespace.</summary>
    public static bool IsValidDevicePath(string? path)
    {
        if (!ContainerPath.IsAbsolute(path)) return false;
        foreach (var c in path!)
            if (c == ':' || char.IsWhiteSpace(c)) return false;
        return true;
    }
}

/// <summary>Hosts outside Docker that the lab routes to (<c>[ExternalHost]</c>).</summary>
internal static class ExternalUrl
{
    /// <summary>An absolute <c>http://</c> or <c>https://</c> URL with a host, e.g. <c>http://192.168.1.10:5000</c>.</summary>
    public static bool IsValid(string? url)
    {
        if (url is null || url.Length == 0 || url.Length > 2048) return false;
        foreach (var c in url)
            if (char.IsWhiteSpace(c) || c == '`' || c == '$') return false;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        return (uri.Scheme == "http" || uri.Scheme == "https") && uri.Host.Length > 0;
    }
}

internal static class HomepageWidget
{
    /// <summary>Homepage's widget type names are lower-case identifiers such as <c>sonarr</c> or <c>uptimekuma</c>.</summary>
    public static bool IsValidType(string? type)
    {
        if (type is null || type.Length == 0 || type.Length > 64 || type[0] < 'a' || type[0] > 'z') return false;
        foreach (var c in type)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
        return true;
    }
}

/// <summary>The networks of <c>Access.LanOnly</c> (<c>[Homelab(LanNetworks)]</c>), written into Authelia's <c>networks</c>.</summary>
internal static class LanNetwork
{
    /// <summary>An IPv4 or IPv6 address with an optional prefix length, e.g. <c>192.168.1.0/24</c>, <c>fd00::/8</c> or <c>10.0.0.5</c>.</summary>
    public static bool IsValid(string? network)
    {
        if (network is null || network.Length == 0 || network.Length > 64) return false;
        int slash = network.IndexOf('/');
        string address = slash < 0 ? network : network.Substring(0, slash);
        bool v6 = address.IndexOf(':') >= 0;
        if (v6 ? !IsIPv6(address) : !IsIPv4(address)) return false;
        if (slash < 0) return true;
        string prefix = network.Substring(slash + 1);
        if (prefix.Length == 0 || prefix.Length > 3) return false;
        foreach (var c in prefix)
            if (c < '0' || c > '9') return false;
        int bits = int.Parse(prefix, NumberStyles.None, CultureInfo.InvariantCulture);
        return bits <= (v6 ? 128 : 32) && (prefix.Length == 1 || prefix[0] != '0');
    }

    /// <summary>The messages' description of a valid entry.</summary>
    public const string Expected = "network (a CIDR such as 192.168.1.0/24, or one address)";

    // Four dotted decimal octets only: the parser's short forms ("10", "10.1") would silently mean other networks.
    private static bool IsIPv4(string address)
    {
        var parts = address.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (part.Length == 0 || part.Length > 3 || (part.Length > 1 && part[0] == '0')) return false;
            foreach (var c in part)
                if (c < '0' || c > '9') return false;
            if (int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255) return false;
        }
        return true;
    }

    private static bool IsIPv6(string address)
    {
        foreach (var c in address)
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) return false;
        return System.Net.IPAddress.TryParse(address, out var parsed)
            && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }
}
