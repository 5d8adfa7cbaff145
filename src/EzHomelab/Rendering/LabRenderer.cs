using EzHomelab.Model;
using EzHomelab.Rendering.Authelia;
using EzHomelab.Rendering.Compose;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Rendering.Homepage;
using EzHomelab.Rendering.Traefik;
using EzHomelab.Settings;

namespace EzHomelab.Rendering;

/// <summary>Renders every file of a lab, per server and stack. Pure: never touches disk or Docker.</summary>
public static class LabRenderer
{
    /// <summary>Renders the whole lab, or only <paramref name="server"/> when given.</summary>
    public static RenderedLab Render(Lab lab, RuntimeSettings settings, string? server = null)
    {
        var servers = lab.Servers
            .Where(s => server is null || s.Name == server)
            .Select(s => new RenderedServer(s.Name, lab.StacksOn(s)
                .Select(stack => new RenderedStack(stack.Name, StackFiles(lab, s, stack, settings)))
                .ToArray()))
            .ToArray();
        return new RenderedLab(servers);
    }

    /// <summary>A stack's compose files, plus the configuration of the infrastructure services it holds.</summary>
    private static IReadOnlyList<RenderedFile> StackFiles(Lab lab, ServerSpec server, StackSpec stack, RuntimeSettings settings)
    {
        var files = new List<RenderedFile>(ComposeRenderer.RenderStack(lab, stack, settings));
        files.AddRange(SecretFiles.Render(lab, stack, settings));
        var core = CoreServices.On(lab, server);
        if (core.Traefik?.Stack == stack.Name) files.AddRange(TraefikRenderer.Render(lab, server, settings));
        if (CoreServices.LabAuthelia(lab) is { } authelia && authelia.Stack == stack.Name && lab.ServerOf(authelia).Name == server.Name)
            files.AddRange(AutheliaRenderer.Render(lab, settings));
        if (core.Homepage?.Stack == stack.Name) files.AddRange(HomepageRenderer.Render(lab, server, settings));
        return files;
    }
}
