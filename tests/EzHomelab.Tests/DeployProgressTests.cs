using EzHomelab.Deploy;
using Spectre.Console;

namespace EzHomelab.Tests;

/// <summary>The two progress views: plain lines for logs, a live table for terminals. Neither needs an engine.</summary>
public sealed class DeployProgressTests
{
    [Fact]
    public void Plain_progress_is_one_line_per_change_and_names_the_server_when_there_are_several()
    {
        var one = new StringWriter();
        var plain = new PlainProgress(one, severalServers: false);
        plain.StackPhase("core", "web", "compose up");
        plain.ServiceState("core", "web", "site", "healthy");
        plain.Note("created network homelab-network");
        Assert.Equal(["web: compose up", "web/site: healthy", "created network homelab-network"], one.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var several = new StringWriter();
        new PlainProgress(several, severalServers: true).StackPhase("nas", "lazy", "created");
        Assert.Equal("nas/lazy: created", several.ToString().Trim());
    }

    [Fact]
    public async Task Live_progress_draws_a_row_per_stack_with_its_services_under_it()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        var live = new LiveProgress(console, severalServers: false);
        var result = await live.RunAsync(() =>
        {
            live.StackPhase("core", "egress", "deployed");
            live.StackPhase("core", "web", "waiting");
            live.ServiceState("core", "web", "site", "starting");
            live.ServiceState("core", "egress", "tunnel", "healthy");
            live.ServiceState("core", "web", "site", "healthy");
            live.StackPhase("core", "web", "deployed");
            return Task.FromResult(42);
        });

        Assert.Equal(42, result);
        // The last frame: every row once, services under their own stack, the latest state of each.
        var text = System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "");
        var last = text[text.LastIndexOf("stack / service", StringComparison.Ordinal)..];
        var rows = last.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('─')).Skip(1).ToArray();
        Assert.Equal(["egress            deployed", "tunnel          healthy", "web               deployed", "site            healthy"],
            rows.Select(r => System.Text.RegularExpressions.Regex.Replace(r, @"\s+$", "")).Take(4));
    }
}
