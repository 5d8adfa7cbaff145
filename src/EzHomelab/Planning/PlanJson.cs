using System.Text;
using System.Text.Json;

namespace EzHomelab.Planning;

/// <summary>
/// The plan for scripts and agents, in a stable shape:
/// <c>{root, servers:[{name, stacks:[{name, files:[{path, change}]}]}], summary:{add, change, remove, unchanged}}</c>.
/// Paths are relative to the root; <c>change</c> is <c>add</c>, <c>change</c>, <c>remove</c> or <c>unchanged</c>;
/// an optional <c>note</c> says e.g. <c>secret: generated</c> or <c>owner 0:0 -&gt; 1000:1000</c> (never a value); <c>drifted: true</c> marks a file edited by
/// hand since EzHomelab wrote it (render and deploy refuse to replace it without <c>--force</c>).
/// </summary>
public static class PlanJson
{
    public static string Write(Plan plan)
    {
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("root", plan.Root);
            json.WriteStartArray("servers");
            foreach (var server in plan.Servers)
            {
                json.WriteStartObject();
                json.WriteString("name", server.Name);
                json.WriteStartArray("stacks");
                foreach (var stack in server.Stacks)
                {
                    json.WriteStartObject();
                    json.WriteString("name", stack.Name);
                    json.WriteStartArray("files");
                    foreach (var file in stack.Files)
                    {
                        json.WriteStartObject();
                        json.WriteString("path", file.Path);
                        json.WriteString("change", Name(file.Change));
                        if (file.Note is not null) json.WriteString("note", file.Note);
                        if (file.Drifted) json.WriteBoolean("drifted", true);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            var summary = plan.Summary;
            json.WriteStartObject("summary");
            json.WriteNumber("add", summary.Add);
            json.WriteNumber("change", summary.Change);
            json.WriteNumber("remove", summary.Remove);
            json.WriteNumber("unchanged", summary.Unchanged);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    public static string Name(FileChange change) => change switch
    {
        FileChange.Add => "add",
        FileChange.Change => "change",
        FileChange.Remove => "remove",
        _ => "unchanged",
    };
}
