using System.Text;
using System.Text.Json;
using EzHomelab.Model;
using EzHomelab.Planning;

namespace EzHomelab.Deploy;

/// <summary>One service: what the lab wants (<c>running</c>, <c>healthy</c>, or <c>created</c> for a lazy one) and what the engine has.</summary>
/// <param name="Actual"><c>missing</c>, <c>running</c>, <c>healthy</c>, <c>starting</c>, <c>unhealthy</c>, <c>stopped</c>, <c>created</c>, <c>restarting</c> or <c>drifted</c> (its container is not the one EzHomelab deployed).</param>
public sealed record ServiceStatus(string Name, string Desired, string Actual, string? Container)
{
    public bool AsDesired => Actual == Desired || (Desired == "created" && Actual is "created" or "stopped" or "running" or "healthy" or "starting");
}

/// <param name="Files"><c>current</c> (what the lab renders, and deployed), <c>pending</c> (changes a deploy would write or bring up), <c>hand-edited</c>.</param>
public sealed record StackStatus(string Server, string Name, string Files, IReadOnlyList<ServiceStatus> Services);

/// <summary>Desired versus actual, per stack and service, read from the files and the engine (never changes either).</summary>
public static class StatusReport
{
    public static async Task<IReadOnlyList<StackStatus>> ComputeAsync(
        Lab lab, FileStore store, Plan plan, IReadOnlyList<PlacedFile> placed, IReadOnlyList<DeployServer> servers, string? onlyStack, CancellationToken cancellationToken)
    {
        var deployed = DeployedState.Read(store);
        var result = new List<StackStatus>();
        foreach (var target in servers)
        {
            // One look at the engine for all its stacks.
            var snapshot = await target.Engine.SnapshotAsync(cancellationToken).ConfigureAwait(false);
            foreach (var stack in DeployOrder.Of(lab, target.Server).Where(s => onlyStack is null || s.Name == onlyStack))
            {
                var record = deployed.FirstOrDefault(d => d.Server == target.Server.Name && d.Stack == stack.Name);
                var stackPlan = plan.Servers.FirstOrDefault(s => s.Name == target.Server.Name)?.Stacks.FirstOrDefault(s => s.Name == stack.Name);
                var filesHash = DeployedState.FilesHash(placed.Where(p => p.Server == target.Server.Name && p.Stack == stack.Name));
                var files = stackPlan?.Files.Any(f => f.Drifted) == true ? "hand-edited"
                    : stackPlan?.HasChanges == true || record?.FilesHash != filesHash ? "pending"
                    : "current";
                var containers = snapshot.Of(stack.Name);
                var services = stack.Services.Select(service =>
                {
                    var desired = service.IsLazy ? "created" : service.Healthcheck is { Test.Count: > 0 } ? "healthy" : "running";
                    var container = containers.FirstOrDefault(c => c.Service == service.Name);
                    string actual = container is null ? "missing"
                        : record is not null && record.ConfigHashes.TryGetValue(service.Name, out var hash) && hash != container.ConfigHash ? "drifted"
                        : container.IsRunning ? container.Health ?? "running"
                        : container.State is "exited" or "dead" ? "stopped"
                        : container.State;
                    return new ServiceStatus(service.Name, desired, actual, container?.Name);
                }).ToArray();
                result.Add(new StackStatus(target.Server.Name, stack.Name, files, services));
            }
        }
        return result;
    }

    /// <summary><c>{stacks:[{server, name, files, services:[{name, desired, actual, ok, container}]}]}</c>.</summary>
    public static string Json(IReadOnlyList<StackStatus> stacks)
    {
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("stacks");
            foreach (var stack in stacks)
            {
                json.WriteStartObject();
                json.WriteString("server", stack.Server);
                json.WriteString("name", stack.Name);
                json.WriteString("files", stack.Files);
                json.WriteStartArray("services");
                foreach (var service in stack.Services)
                {
                    json.WriteStartObject();
                    json.WriteString("name", service.Name);
                    json.WriteString("desired", service.Desired);
                    json.WriteString("actual", service.Actual);
                    json.WriteBoolean("ok", service.AsDesired);
                    if (service.Container is null) json.WriteNull("container");
                    else json.WriteString("container", service.Container);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
