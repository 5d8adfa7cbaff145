using System.Text;
using System.Text.Json;

using EzHomelab.Planning;

namespace EzHomelab.Deploy;

/// <summary>
/// A deploy's result for scripts and agents: <c>{succeeded, interrupted, stacks:[{server, name, outcome, cause, detail,
/// seconds}]}</c>, in the order the stacks were taken. <c>outcome</c> is <c>unchanged</c>, <c>deployed</c>,
/// <c>created</c>, <c>removed</c>, <c>rolled-back</c>, <c>failed</c>, <c>not-reached</c>, <c>would-deploy</c> or
/// <c>blocked</c>; <c>cause</c> is the few words the table shows for a failure (null otherwise), <c>detail</c> the whole
/// of it; <c>interrupted</c> is the signal that stopped the deploy (<c>SIGINT</c>, <c>SIGTERM</c>) or null.
/// </summary>
public static class DeployReportJson
{
    public static string Write(DeployReport report) =>
        JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("succeeded", report.Succeeded);
            if (report.InterruptedBy is { } signal) json.WriteString("interrupted", signal);
            else json.WriteNull("interrupted");
            json.WriteStartArray("stacks");
            foreach (var stack in report.Stacks)
            {
                json.WriteStartObject();
                json.WriteString("server", stack.Server);
                json.WriteString("name", stack.Stack);
                json.WriteString("outcome", Name(stack.Outcome));
                if (stack.Cause is { } cause) json.WriteString("cause", cause);
                else json.WriteNull("cause");
                json.WriteString("detail", stack.Detail);
                json.WriteNumber("seconds", Math.Round(stack.Duration.TotalSeconds, 3));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });

    public static string Name(StackOutcome outcome) => outcome switch
    {
        StackOutcome.Unchanged => "unchanged",
        StackOutcome.Deployed => "deployed",
        StackOutcome.Created => "created",
        StackOutcome.Removed => "removed",
        StackOutcome.RolledBack => "rolled-back",
        StackOutcome.Failed => "failed",
        StackOutcome.NotReached => "not-reached",
        StackOutcome.WouldDeploy => "would-deploy",
        _ => "blocked",
    };
}
