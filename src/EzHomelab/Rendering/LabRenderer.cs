using EzHomelab.Model;
using EzHomelab.Rendering.Compose;
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
                .Select(stack => new RenderedStack(stack.Name, ComposeRenderer.RenderStack(lab, stack, settings)))
                .ToArray()))
            .ToArray();
        return new RenderedLab(servers);
    }
}
