// Compiled into both the runtime (src/EzHomelab) and the generator (netstandard2.0), like ValueRules.cs.
using System;

namespace EzHomelab.Rules;

/// <summary>
/// The hardening every service gets and the exceptions to it: which security options switch a confinement off,
/// which are malformed, and what a reason is.
/// </summary>
internal static class Hardening
{
    /// <summary>The option every service gets unless its class says <c>[AllowNewPrivileges]</c>.</summary>
    public const string NoNewPrivileges = "no-new-privileges:true";

    /// <summary>An exception's reason: something other than white space.</summary>
    public static bool HasReason(string? reason) => reason is not null && reason.Trim().Length > 0;

    /// <summary>
    /// An option that turns a confinement off: the seccomp filter, the AppArmor profile, the SELinux label, or the masking
    /// of <c>/proc</c> and <c>/sys</c> paths (Docker takes both <c>:</c> and <c>=</c> between name and value).
    /// </summary>
    public static bool IsUnconfining(string? option)
    {
        if (!TrySplit(option, out var name, out var value)) return false;
        return (name, value) switch
        {
            ("seccomp", "unconfined") => true,
            ("apparmor", "unconfined") => true,
            ("label", "disable") => true,
            ("systempaths", "unconfined") => true,
            _ => false,
        };
    }

    /// <summary><c>no-new-privileges</c> in any spelling: the baseline's, switched off only by <c>[AllowNewPrivileges]</c>.</summary>
    public static bool IsNoNewPrivileges(string? option)
    {
        if (option is null) return false;
        return TrySplit(option, out var name, out _) ? name == "no-new-privileges" : option.Trim() == "no-new-privileges";
    }

    /// <summary>A security option as Docker takes it: <c>name:value</c> or <c>name=value</c>, without white space.</summary>
    public static bool IsValidSecurityOpt(string? option)
    {
        if (option is null || option.Length == 0 || option.Length > 4096) return false;
        foreach (var c in option)
            if (char.IsWhiteSpace(c)) return false;
        return TrySplit(option, out _, out var value) && value.Length > 0;
    }

    /// <summary>A tmpfs mount as compose takes it: an absolute path, optionally <c>:options</c> (<c>/run:size=16m</c>), no white space.</summary>
    public static bool IsValidTmpfs(string? entry)
    {
        if (!ContainerPath.IsAbsolute(entry)) return false;
        foreach (var c in entry!)
            if (char.IsWhiteSpace(c)) return false;
        int colon = entry.IndexOf(':');
        return colon < 0 || (colon > 1 && colon < entry.Length - 1);
    }

    /// <summary>The path of a tmpfs entry, without its options.</summary>
    public static string TmpfsPath(string entry)
    {
        int colon = entry.IndexOf(':');
        return colon < 0 ? entry : entry.Substring(0, colon);
    }

    private static bool TrySplit(string? option, out string name, out string value)
    {
        name = value = "";
        if (option is null) return false;
        int separator = option.IndexOfAny(Separators);
        if (separator <= 0) return false;
        name = option.Substring(0, separator).Trim().ToLowerInvariant();
        value = option.Substring(separator + 1).Trim().ToLowerInvariant();
        return true;
    }

    private static readonly char[] Separators = { ':', '=' };
}

/// <summary>The Docker socket: who may mount it, and which mounts hand it over.</summary>
internal static class DockerSocket
{
    public const string Path = "/var/run/docker.sock";

    /// <summary>
    /// True when mounting host path <paramref name="source"/> gives the container the Docker API: the socket itself
    /// (<c>/var/run/docker.sock</c>, <c>/run/docker.sock</c>, any other <c>…/docker.sock</c> such as a rootless engine's) or a
    /// folder it lies in (<c>/</c>, <c>/var</c>, <c>/var/run</c>, <c>/run</c>). A read-only mount hands it over too: connecting
    /// to a socket is not a write.
    /// </summary>
    public static bool IsExposedBy(string? source)
    {
        if (source is null || source.Length == 0 || source[0] != '/') return false;
        var path = source.TrimEnd('/');
        if (path.Length == 0) return true; // "/"
        return path == "/var" || path == "/var/run" || path == "/run"
            || path.EndsWith("/docker.sock", StringComparison.Ordinal);
    }

    /// <summary>
    /// The images whose job is the Docker API, recognised by repository (any tag): the socket proxy (which gives the others
    /// a filtered, read-only view), Dockge (it runs compose) and Sablier (it starts and stops containers).
    /// </summary>
    public static bool MayMount(string? image)
    {
        var role = KnownImages.RoleOf(image);
        return role == ImageRole.SocketProxy || role == ImageRole.Dockge || role == ImageRole.Sablier;
    }
}
