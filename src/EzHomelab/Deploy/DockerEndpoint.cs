using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EzHomelab.Model;
using EzHomelab.Settings;

namespace EzHomelab.Deploy;

/// <summary>Where a server's Docker engine listens (<c>unix://…</c>, <c>tcp://…</c>), and where that was read from (for messages).</summary>
public sealed record DockerEndpoint(string Host, string Source)
{
    public const string DefaultSocket = "unix:///var/run/docker.sock";

    /// <summary>The variable that names one server's engine: <c>EZH_DOCKER_HOST_&lt;SERVER&gt;</c> (upper case, <c>-</c> as <c>_</c>).</summary>
    public static string VariableFor(string server) => "EZH_DOCKER_HOST_" + server.ToUpperInvariant().Replace('-', '_');

    /// <summary>
    /// A server's engine: <c>EZH_DOCKER_HOST_&lt;SERVER&gt;</c> when set; for the core, <c>DOCKER_HOST</c>, else the active
    /// docker context (<c>DOCKER_CONTEXT</c> or the CLI's <c>currentContext</c>), else the default socket; for another
    /// server, the docker context named after it. A remote server with none of these is an error, never the local engine.
    /// </summary>
    /// <exception cref="SettingsException">No endpoint for a remote server, or a context that cannot be read.</exception>
    public static DockerEndpoint For(Lab lab, ServerSpec server, IDictionary environment)
    {
        string? Env(string name) => environment[name] as string is { Length: > 0 } value ? value : null;
        var variable = VariableFor(server.Name);
        if (Env(variable) is { } own) return new DockerEndpoint(own, variable);
        var config = DockerConfigFolder(Env);
        if (server.Name != lab.Core.Name)
        {
            return FromContext(config, server.Name) is { } host
                ? new DockerEndpoint(host, $"docker context '{server.Name}'")
                : throw new SettingsException($"server '{server.Name}': no Docker endpoint; set {variable} (e.g. tcp://{server.Address ?? "ADDRESS"}:2375) or create a docker context named '{server.Name}'");
        }
        if (Env("DOCKER_HOST") is { } dockerHost) return new DockerEndpoint(dockerHost, "DOCKER_HOST");
        var context = Env("DOCKER_CONTEXT") ?? CurrentContext(config);
        if (context is not null && context != "default")
            return FromContext(config, context) is { } host
                ? new DockerEndpoint(host, $"docker context '{context}'")
                : throw new SettingsException($"docker context '{context}' (from {(Env("DOCKER_CONTEXT") is null ? Path.Combine(config, "config.json") : "DOCKER_CONTEXT")}) does not exist or names no Docker endpoint");
        return new DockerEndpoint(DefaultSocket, "the default socket");
    }

    private static string DockerConfigFolder(Func<string, string?> env) =>
        env("DOCKER_CONFIG") ?? Path.Combine(env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    private static string? CurrentContext(string configFolder)
    {
        var path = Path.Combine(configFolder, "config.json");
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("currentContext", out var current) ? current.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new SettingsException($"{path}: cannot read the docker CLI configuration: {e.Message}");
        }
    }

    /// <summary>The docker endpoint of a context, stored by the docker CLI under <c>contexts/meta/&lt;sha256(name)&gt;/meta.json</c>.</summary>
    private static string? FromContext(string configFolder, string context)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context))).ToLowerInvariant();
        var path = Path.Combine(configFolder, "contexts", "meta", id, "meta.json");
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("Endpoints", out var endpoints)
                && endpoints.TryGetProperty("docker", out var docker)
                && docker.TryGetProperty("Host", out var host) ? host.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new SettingsException($"{path}: cannot read docker context '{context}': {e.Message}");
        }
    }
}
