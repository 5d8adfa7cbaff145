using System.CommandLine;
using EzHomelab.Deploy;
using EzHomelab.Model;
using EzHomelab.Planning;
using EzHomelab.Rendering.Compose;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Rules;
using EzHomelab.Settings;
using Spectre.Console;

namespace EzHomelab.Cli;

internal static partial class CommandLine
{
    /// <summary>How long connecting to an engine may take before it counts as unreachable.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private sealed partial class Runner
    {
        private static Option<bool> ForceOption() =>
            new("--force") { Description = "Replace generated files that were edited by hand (each is backed up under <root>/.ezhomelab/history first)" };

        private static Option<string?> StackOption() => new("--stack") { Description = "Only this stack" };

        public Command DeployCommand()
        {
            var common = CommonOptions.Create();
            var stack = StackOption();
            var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan and what each stack would do; write nothing, start nothing" };
            var json = new Option<bool>("--json") { Description = "Print the result as JSON (per stack: outcome, detail, seconds) instead of the plan and the table" };
            var force = ForceOption();
            var timeout = new Option<int>("--timeout")
            {
                Description = "Seconds each stack's services may take to be running and healthy before the stack is rolled back",
                DefaultValueFactory = _ => (int)DeployOptions.DefaultTimeout.TotalSeconds,
            };
            var write = WriteOptions.Create();
            var command = new Command("deploy", "Render, plan, then bring each stack up in order (core, infrastructure, dashboards, the rest); unchanged stacks are skipped, a failed stack is rolled back");
            foreach (var option in common.All.Concat(write.All)) command.Options.Add(option);
            foreach (var option in new Option[] { stack, dryRun, force, timeout, json }) command.Options.Add(option);
            command.SetAction((parse, _) => GuardedAsync(() => DeployAsync(
                parse.GetValue(common.Root)!, parse.GetValue(common.EnvFile), parse.GetValue(common.Server), parse.GetValue(stack),
                parse.GetValue(dryRun), parse.GetValue(force), parse.GetValue(timeout), parse.GetValue(json),
                parse.GetValue(write.Wait), parse.GetValue(write.Regenerate) ?? [])));
            return command;
        }

        public Command StatusCommand()
        {
            var common = CommonOptions.Create();
            var stack = StackOption();
            var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
            var command = new Command("status", "Per stack and service: what the lab wants and what the engine runs (running, healthy, stopped, missing, drifted)");
            foreach (var option in common.All) command.Options.Add(option);
            command.Options.Add(stack);
            command.Options.Add(json);
            command.SetAction((parse, token) => GuardedAsync(() => StatusAsync(
                parse.GetValue(common.Root)!, parse.GetValue(common.EnvFile), parse.GetValue(common.Server), parse.GetValue(stack), parse.GetValue(json), token)));
            return command;
        }

        public Command DownCommand()
        {
            var common = CommonOptions.Create();
            var stack = StackOption();
            var volumes = new Option<bool>("--volumes") { Description = "Also remove the stacks' named volumes (their data); files and secrets are never removed" };
            var wait = WaitOption();
            var force = new Option<bool>("--force") { Description = "Bring the stacks down even when the root holds another lab's files" };
            var command = new Command("down", "Stop and remove the stacks' containers, in reverse deploy order; files, secrets and volumes stay");
            foreach (var option in new Option[] { common.Root, common.Server, stack, volumes, wait, force }) command.Options.Add(option);
            command.SetAction((parse, _) => GuardedAsync(() => DownAsync(
                parse.GetValue(common.Root)!, parse.GetValue(common.Server), parse.GetValue(stack), parse.GetValue(volumes),
                parse.GetValue(wait), parse.GetValue(force))));
            return command;
        }

        /// <summary>Refuses (one line per file) to replace or remove files edited by hand, unless forced.</summary>
        private bool RefuseDrift(Plan plan, bool force)
        {
            var drifted = plan.Drifted.ToList();
            if (drifted.Count == 0) return false;
            if (force)
            {
                foreach (var file in drifted)
                    stderr.WriteLine($"warning: {file.Path} was edited by hand; replacing it (--force); the edited copy goes to {Path.Combine(plan.Root, FileHistory.Folder)}/");
                return false;
            }
            foreach (var file in drifted)
                stderr.WriteLine($"error: {Path.Combine(plan.Root, file.Path)} was edited by hand since EzHomelab wrote it; change the C# classes instead, or run again with --force to replace it (the edited copy is kept under {FileHistory.Folder})");
            return true;
        }

        /// <summary>What the operator is told at each signal during a deploy (see <see cref="Deployer"/> for why this rule).</summary>
        private void DeploySignalSteps(Action<string> say) => interruption.StopInSteps(say,
            onStop: "no further stack will start; the one in progress finishes (or is rolled back if it fails) within its --timeout. Ctrl-C or SIGTERM again rolls it back now.",
            onAbort: "rolling the stack in progress back now. Ctrl-C or SIGTERM again exits at once, which may leave it half up.",
            onExit: "exiting at once; the stack in progress may be half up (its files are whole). Run the same deploy again to finish.");

        private async Task<int> DeployAsync(string root, string? envFile, string? server, string? stack, bool dryRun, bool force, int timeoutSeconds, bool json,
            bool wait, string[] regenerate)
        {
            DeploySignalSteps(stderr.WriteLine);
            if (timeoutSeconds <= 0) throw new SettingsException($"--timeout: {timeoutSeconds} is not a positive number of seconds");
            var store = new FileStore(root, lab.Name);
            var inputs = Load(envFile, server);
            CheckStack(stack, inputs.Servers);

            // Everything that can fail without touching anything fails here: the settings, the engines, the root, hand
            // edits. (Compose is looked for when the first stack needs it, still before that stack is written.) The
            // engines come before the lock, whose file is the first thing a deploy writes under the root.
            using var engines = await ConnectAsync(inputs.Servers, readContainers: true, interruption.Stop);
            var targets = engines.Targets;
            // A dry run writes nothing, so it neither waits for nor holds the root.
            using var held = dryRun ? null : await TakeRootAsync(store, "deploy", wait, force, interruption.Stop);
            if (dryRun) CheckLabOwnsRoot(store, forcedBy: "");
            var (placed, servers, secrets) = Prepare(store, inputs, regenerate);
            if (secrets.Refusal is { } refusal) throw refusal;
            var blocked = MissingSecrets(secrets.Settings, servers, stack);
            var computed = Planner.Compute(store, placed, servers);
            var plan = stack is null ? computed : computed.OnlyStack(stack);
            RunTimings.Mark("planned");
            if (!dryRun) store.EnsureWritable();
            if (RefuseDrift(plan, force)) return Failure;

            var console = TextOutput.For(stdout, UseColor());
            if (!json) PlanText.Write(plan, console, withDiff: false);
            RunTimings.Mark("plan written");
            var severalServers = targets.Count > 1;
            var options = new DeployOptions(stack, dryRun, TimeSpan.FromSeconds(timeoutSeconds), blocked);
            Deployer DeployerWith(IDeployProgress progress)
            {
                // From here on a signal is told among the progress lines (a plain line would tear the live table).
                DeploySignalSteps(progress.Note);
                return new(lab, store, plan, placed, PerServerFolders(server), targets, ComposeCli.DetectAsync, options, progress, interruption);
            }
            DeployReport report;
            if (UseLiveProgress())
            {
                var live = new LiveProgress(ErrorConsole(), severalServers);
                report = await live.RunAsync(() => DeployerWith(live).RunAsync());
            }
            else report = await DeployerWith(new PlainProgress(stderr, severalServers)).RunAsync();
            RunTimings.Mark("stacks done");

            if (json) stdout.WriteLine(DeployReportJson.Write(report));
            else WriteReport(console, report, severalServers);
            RunTimings.Mark("report written");
            if (!dryRun) ShowGeneratedAdminPassword(store, secrets);
            // The full story of each failure, once; a stack rolled back on a second signal is told by the last line.
            foreach (var failed in report.Stacks.Where(s => s.Outcome is StackOutcome.RolledBack or StackOutcome.Failed or StackOutcome.Blocked && s.Cause != Deployer.InterruptedCause))
                stderr.WriteLine($"error: stack '{failed.Stack}'{(severalServers ? $" on server '{failed.Server}'" : "")}{(failed.Outcome == StackOutcome.Blocked ? " was not deployed" : "")}: {failed.Detail}");
            if (interruption.Requested)
            {
                stderr.WriteLine(InterruptedLine("deploy", report.Stacks.Select(s => (StackLabel.Of(s.Server, s.Stack, severalServers), OutcomeText(s.Outcome).Text)), report.Complete));
                return interruption.ExitCode;
            }
            return report.Succeeded ? Ok : Failure;
        }

        /// <summary>
        /// The one line an interrupted deploy or down ends with: the state each stack was left in, stacks in the same
        /// state together (<c>egress deployed; lazy, web not reached</c>), and what to run next.
        /// </summary>
        private string InterruptedLine(string verb, IEnumerable<(string Stack, string State)> stacks, bool complete)
        {
            var states = stacks.GroupBy(s => s.State, StringComparer.Ordinal).Select(g => $"{string.Join(", ", g.Select(s => s.Stack))} {g.Key}").ToList();
            var next = complete ? "Nothing is left to do." : $"Run the same {verb} again to finish.";
            return $"interrupted by {interruption.SignalName}: {(states.Count == 0 ? "no stack was reached" : string.Join("; ", states))}. {next}";
        }

        private async Task<int> StatusAsync(string root, string? envFile, string? server, string? stack, bool json, CancellationToken cancellationToken)
        {
            var store = new FileStore(root, lab.Name);
            CheckLabOwnsRoot(store, forcedBy: "");
            var connecting = ConnectInBackground(server, cancellationToken);
            var (placed, servers, plan) = ConnectedEngines.UnlessFails(connecting, () =>
            {
                var (placed, servers, _) = Prepare(store, envFile, server);
                CheckStack(stack, servers);
                return (placed, servers, Planner.Compute(store, placed, servers));
            });
            using var engines = await connecting;
            var targets = engines.Targets;
            var status = await StatusReport.ComputeAsync(lab, store, plan, placed, targets, stack, cancellationToken);
            if (json)
            {
                stdout.WriteLine(StatusReport.Json(status));
                return Ok;
            }
            var console = TextOutput.For(stdout, UseColor());
            console.Table(["stack", "files", "service", "desired", "actual"], status.SelectMany(s => s.Services.Select((service, i) => (IReadOnlyList<string>)
            [
                i == 0 ? Markup.Escape(StackLabel.Of(s.Server, s.Name, targets.Count > 1)) : "",
                i == 0 ? $"[{(s.Files == "current" ? "green" : "yellow")}]{s.Files}[/]" : "",
                Markup.Escape(service.Name), service.Desired,
                $"[{(service.AsDesired ? "green" : "red")}]{Markup.Escape(service.Actual)}[/]",
            ])));
            var off = status.SelectMany(s => s.Services).Count(s => !s.AsDesired);
            console.MarkupLine(off == 0 ? "Every service is as the lab wants it." : $"[red]{off} services are not as the lab wants them[/] (run deploy).");
            return Ok;
        }

        /// <summary>
        /// Stacks go down one by one. A signal lets the stack going down finish (compose down cut short leaves it half
        /// down) and stops before the next; a second one exits at once.
        /// </summary>
        private async Task<int> DownAsync(string root, string? server, string? stack, bool volumes, bool wait, bool force)
        {
            interruption.StopInSteps(stderr.WriteLine,
                onStop: "the stack going down finishes, then down stops. Ctrl-C or SIGTERM again exits at once.",
                onAbort: null,
                onExit: "exiting at once; the stack going down may be half down. Run the same down again to finish.");
            var servers = ServersInScope(server);
            CheckStack(stack, servers);
            // down reads no settings, only the engines' variables: a mistyped EZH_DOCKER_HOST_<SERVER> must not go unnoticed.
            foreach (var warning in RunnerVariables.Unknown(lab, environment, file: null)) stderr.WriteLine($"warning: {warning}");
            var store = new FileStore(root, lab.Name);
            using var engines = await ConnectAsync(servers, readContainers: false, interruption.Stop);
            using var held = await TakeRootAsync(store, "down", wait, force, interruption.Stop);
            var targets = engines.Targets;
            var compose = await ComposeCli.DetectAsync(interruption.Stop);
            int failures = 0;
            var states = new List<(string Stack, string State)>();
            foreach (var target in targets.AsEnumerable().Reverse())
                foreach (var s in DeployOrder.DownOf(lab, target.Server).Where(s => stack is null || s.Name == stack))
                {
                    var name = StackLabel.Of(target.Server.Name, s.Name, targets.Count > 1);
                    if (interruption.Stop.IsCancellationRequested)
                    {
                        states.Add((name, "not reached"));
                        continue;
                    }
                    var folder = Path.Combine(store.Root, OutputLayout.StackFolder(target.Server.Name, s.Name, PerServerFolders(server)));
                    if (!File.Exists(Path.Combine(folder, ComposeRenderer.ComposeFileName)))
                    {
                        stderr.WriteLine($"{name}: not deployed here (no {ComposeRenderer.ComposeFileName} in {folder})");
                        continue;
                    }
                    stderr.WriteLine($"{name}: compose down");
                    var result = await interruption.ComposeAsync(() => compose.DownAsync(target.Engine.Endpoint, s.Name, folder, volumes, CancellationToken.None), line => stderr.WriteLine($"{name}: {line}"));
                    if (result.Succeeded)
                    {
                        DeployedState.Record(store, target.Server.Name, s.Name, null);
                        stderr.WriteLine($"{name}: down ({result.Duration.TotalSeconds:0.0} s)");
                        states.Add((name, "down"));
                    }
                    else
                    {
                        failures++;
                        stderr.WriteLine($"error: {name}: compose down failed: {result.Tail()}");
                        states.Add((name, "failed to go down"));
                    }
                }
            if (interruption.Requested)
            {
                stderr.WriteLine(InterruptedLine("down", states, complete: states.All(s => s.State == "down")));
                return interruption.ExitCode;
            }
            return failures == 0 ? Ok : Failure;
        }

        /// <summary>Connects to every server's engine before anything is written; the first unreachable one is the error.</summary>
        /// <param name="readContainers">Also start reading each engine's networks and containers (<see cref="Engine.StartReading"/>).</param>
        private async Task<ConnectedEngines> ConnectAsync(IReadOnlyList<string> servers, bool readContainers, CancellationToken cancellationToken)
        {
            var engines = new ConnectedEngines();
            try
            {
                foreach (var spec in lab.Servers.Where(s => servers.Contains(s.Name)))
                {
                    var engine = await Engine.ConnectAsync(DockerEndpoint.For(lab, spec, environment), ConnectTimeout, cancellationToken);
                    engines.Targets.Add(new DeployServer(spec, engine));
                    if (readContainers) engine.StartReading(cancellationToken);
                }
                return engines;
            }
            catch
            {
                engines.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Connects to the engines of the servers in scope, and starts reading their networks and containers, while the
        /// caller checks the lab's names and settings, renders and plans: a cold process spends about as long waiting for
        /// the engine as it does rendering. The caller awaits the result after its own checks, so their errors still come
        /// first (an unknown <c>--server</c> connects to nothing here, and is the caller's error).
        /// </summary>
        private Task<ConnectedEngines> ConnectInBackground(string? server, CancellationToken cancellationToken)
        {
            var servers = lab.Servers.Where(s => server is null || s.Name == server).Select(s => s.Name).ToArray();
            // On the thread pool from the start: setting up the first socket is itself a few milliseconds of a cold start.
            return Task.Run(() => ConnectAsync(servers, readContainers: true, cancellationToken), CancellationToken.None);
        }

        /// <summary>The engines of the servers in scope; disposing closes every connection.</summary>
        private sealed class ConnectedEngines : IDisposable
        {
            public List<DeployServer> Targets { get; } = [];

            public void Dispose()
            {
                foreach (var target in Targets) target.Engine.Dispose();
            }

            /// <summary>
            /// Runs <paramref name="work"/> while <paramref name="connecting"/> goes on; when it throws, the connections are
            /// closed once made (and their failure ignored: the work's error is the one to report), without waiting for them.
            /// </summary>
            public static T UnlessFails<T>(Task<ConnectedEngines> connecting, Func<T> work)
            {
                try
                {
                    return work();
                }
                catch
                {
                    connecting.ContinueWith(t =>
                    {
                        if (t.IsCompletedSuccessfully) t.Result.Dispose();
                        else _ = t.Exception;
                    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    throw;
                }
            }
        }

        private void CheckStack(string? stack, IReadOnlyList<string> servers)
        {
            if (stack is null) return;
            var stacks = lab.Servers.Where(s => servers.Contains(s.Name)).SelectMany(lab.StacksOn).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (!stacks.Contains(stack))
                throw new SettingsException($"--stack: the lab has no stack '{stack}'{(servers.Count == 1 ? $" on server '{servers[0]}'" : "")} (stacks: {string.Join(", ", stacks)})");
        }

        /// <summary>
        /// Stacks that read a secret only the owner can give (a token, a VPN key, an API key copied from an app's UI)
        /// that is not set yet, by <c>server/stack</c>, with what to set. They are held back; the others deploy, so a
        /// dashboard's widget keys can be set once the apps they come from are running.
        /// </summary>
        private Dictionary<string, string> MissingSecrets(RuntimeSettings settings, IReadOnlyList<string> servers, string? stack)
        {
            var missing = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in lab.Services.Where(s => servers.Contains(lab.ServerOf(s).Name) && (stack is null || s.Stack == stack))
                         .GroupBy(s => DeployOptions.BlockedKey(lab.ServerOf(s).Name, s.Stack), StringComparer.Ordinal))
            {
                var needed = group.SelectMany(service => LabSecrets.Of(lab, service).Where(u => !settings.Secrets.TryGet(u.Secret, out _)).Select(u => new NeededSecret(service.Name, u.Secret)))
                    .DistinctBy(n => n.Secret).ToList();
                if (needed.Count > 0)
                    missing[group.Key] = "needs secrets only you can give: " + string.Join(", ", needed.Select(n => $"'{n.Secret}' (service '{n.Service}'): set {Naming.SecretVariable(n.Secret)}"));
            }
            return missing;
        }

        // A class, not a tuple: LINQ over a value type is JIT-compiled at every start of the runner.
        private sealed record NeededSecret(string Service, string Secret);

        /// <summary>
        /// The table after a deploy: per stack its result and a few words why (<see cref="StackReport.Summary"/>); the
        /// whole of a failure (compose's own words, log lines) is the error line below it, once.
        /// </summary>
        private static void WriteReport(TextOutput console, DeployReport report, bool severalServers)
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (var s in report.Stacks)
            {
                var (text, color) = OutcomeText(s.Outcome);
                rows.Add([Markup.Escape(StackLabel.Of(s.Server, s.Stack, severalServers)), $"[{color}]{text}[/]",
                    $"{s.Duration.TotalSeconds:0.0} s", Markup.Escape(s.Summary)]);
            }
            console.Table(["stack", "result", "time", "detail"], rows);
            int changed = report.Stacks.Count(s => s.Outcome is StackOutcome.Deployed or StackOutcome.Created or StackOutcome.Removed);
            console.MarkupLine(report.InterruptedBy is not null ? $"[yellow]Deploy interrupted by {report.InterruptedBy}[/]; no further stack was started."
                : report.Succeeded ? $"Deploy done: {changed} stacks brought up to date, {report.Stacks.Count(s => s.Outcome == StackOutcome.Unchanged)} unchanged."
                : "[red]Deploy failed[/]; see the errors below.");
        }

        /// <summary>How a result reads in the table and in the interrupted line, with its table colour.</summary>
        private static (string Text, string Color) OutcomeText(StackOutcome outcome) => outcome switch
        {
            StackOutcome.Unchanged => ("unchanged", "grey"),
            StackOutcome.Deployed => ("deployed", "green"),
            StackOutcome.Created => ("created (lazy)", "green"),
            StackOutcome.Removed => ("removed", "green"),
            StackOutcome.RolledBack => ("rolled back", "yellow"),
            StackOutcome.Failed => ("FAILED", "red"),
            StackOutcome.NotReached => ("not reached", "grey"),
            StackOutcome.Blocked => ("blocked", "red"),
            _ => ("would deploy", "blue"),
        };

        private bool UseLiveProgress() =>
            ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && !environment.Contains("NO_COLOR")
            && environment["TERM"] as string is not (null or "dumb");

        private static IAnsiConsole ErrorConsole() => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(Console.Error),
        });
    }
}
