using System.Collections;
using System.CommandLine;
using EzHomelab.Deploy;
using EzHomelab.Model;
using EzHomelab.Planning;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Rules;
using EzHomelab.Settings;

namespace EzHomelab.Cli;

/// <summary>
/// The runner's verbs. Data (plans, JSON) goes to stdout; progress, warnings and errors to stderr.
/// Exit codes: 0 ok, 1 failure, 2 usage or validation error, 3 changes pending (<c>plan --detailed-exitcode</c>),
/// 130/143 stopped by SIGINT/SIGTERM (<see cref="Interruption"/>).
/// </summary>
internal static partial class CommandLine
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int ChangesPending = 3;
    public const string DefaultRoot = "/opt/stacks";

    /// <param name="interruption">The process's signals (<see cref="HomelabCli.RunAsync{TLab}"/> listens); none when omitted.</param>
    public static async Task<int> RunAsync(Lab lab, string[] args, TextWriter stdout, TextWriter stderr, IDictionary environment, Interruption? interruption = null)
    {
        RunTimings.StartIfAsked(environment, stderr);
        var runner = new Runner(lab, stdout, stderr, environment, interruption ?? new Interruption());
        var root = new RootCommand($"EzHomelab runner for {lab.Name}: renders, plans and deploys the lab's compose stacks.")
        {
            runner.RenderCommand(),
            runner.PlanCommand(),
            runner.DeployCommand(),
            runner.StatusCommand(),
            runner.DownCommand(),
            runner.SecretsCommand(),
        };
        var parsed = UsageErrors.Parse(root, args, out var problems);
        RunTimings.Mark("command line parsed");
        if (problems.Count > 0)
        {
            foreach (var problem in problems) stderr.WriteLine($"error: {problem}");
            return UsageError;
        }
        // No ProcessTerminationTimeout: with one, System.CommandLine takes SIGINT and SIGTERM itself, cancels the action's
        // token and, once the timeout has passed, makes InvokeAsync return 130/143 while the action still runs, so the
        // process ends in the middle of compose. (2.0.0 leaves it null by default, despite its doc's "2 seconds": then
        // it registers nothing and the runtime ends the process at once.) Interruption handles the signals instead.
        int code = await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        RunTimings.Mark("done");
        return code;
    }

    /// <summary>Options both verbs share.</summary>
    private sealed record CommonOptions(Option<string> Root, Option<string?> EnvFile, Option<string?> Server)
    {
        public static CommonOptions Create() => new(
            new Option<string>("--root", "--out")
            {
                Description = "Folder that holds one sub-folder per stack (Dockge's layout)",
                DefaultValueFactory = _ => DefaultRoot,
                Validators = { OutputRoot.Validate },
            },
            new Option<string?>("--env-file") { Description = "KEY=VALUE file with EZH_DOMAIN, EZH_EMAIL, EZH_TIMEZONE, EZH_ADMIN_USER/EMAIL/DISPLAY_NAME/PASSWORD and EZH_SECRET_<NAME> (the environment wins)" },
            new Option<string?>("--server") { Description = "Only this server's stacks, written to <root>/<stack>" });

        public IEnumerable<Option> All => [Root, EnvFile, Server];
    }

    /// <summary>Options of the verbs that write under the root (render, deploy).</summary>
    private sealed record WriteOptions(Option<bool> Wait, Option<string[]> Regenerate)
    {
        public static WriteOptions Create() => new(
            WaitOption(),
            new Option<string[]>("--regenerate-secret")
            {
                Description = "Make a new value for this generated secret whose file was deleted (repeatable); without it such a run refuses, since services may have stored data with the old value",
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
            });

        public IEnumerable<Option> All => [Wait, Regenerate];
    }

    private static Option<bool> WaitOption() =>
        new("--wait") { Description = "When another run is using the root, wait for it to finish instead of stopping" };

    private sealed partial class Runner(Lab lab, TextWriter stdout, TextWriter stderr, IDictionary environment, Interruption interruption)
    {
        public Command RenderCommand()
        {
            var common = CommonOptions.Create();
            var write = WriteOptions.Create();
            var force = ForceOption();
            var command = new Command("render", "Write every stack's files (compose.yaml, .env, config, secrets/ generated once) under the root; nothing is deployed");
            foreach (var option in common.All.Concat(write.All)) command.Options.Add(option);
            command.Options.Add(force);
            command.SetAction(parse => GuardedAsync(() =>
            {
                interruption.ExitAtOnce("render stopped; every file is its old or its new version (each write is atomic). Run the same render again to finish.");
                return RenderAsync(parse.GetValue(common.Root)!, parse.GetValue(common.EnvFile), parse.GetValue(common.Server), parse.GetValue(force),
                    parse.GetValue(write.Wait), parse.GetValue(write.Regenerate) ?? [], interruption.Stop);
            }));
            return command;
        }

        public Command PlanCommand()
        {
            var common = CommonOptions.Create();
            var diff = new Option<bool>("--diff") { Description = "Show a unified diff of each changed file (files holding secrets are never shown)" };
            var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
            var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit with 3 when changes are pending (0 when none)" };
            var regenerate = WriteOptions.Create().Regenerate;
            var command = new Command("plan", "Show which files render would add, change or remove, per server and stack");
            foreach (var option in common.All) command.Options.Add(option);
            command.Options.Add(diff);
            command.Options.Add(json);
            command.Options.Add(detailed);
            command.Options.Add(regenerate);
            command.SetAction(parse => Guarded(() => Plan(
                parse.GetValue(common.Root)!, parse.GetValue(common.EnvFile), parse.GetValue(common.Server),
                parse.GetValue(diff), parse.GetValue(json), parse.GetValue(detailed), parse.GetValue(regenerate) ?? [])));
            return command;
        }

        private int Guarded(Func<int> verb) => GuardedAsync(() => Task.FromResult(verb())).GetAwaiter().GetResult();

        /// <summary>
        /// Takes the root's lock for a run that writes there, and checks that the root is this lab's (another lab's
        /// files would be removed as "no longer rendered"). Dispose the result to release the lock.
        /// </summary>
        private async Task<RootLock> TakeRootAsync(FileStore store, string verb, bool wait, bool force, CancellationToken cancellationToken)
        {
            var held = wait
                ? await RootLock.AcquireWaitingAsync(store, verb, line => stderr.WriteLine(line), cancellationToken)
                : RootLock.Acquire(store, verb);
            try
            {
                CheckLabOwnsRoot(store, force ? "--force" : null);
                return held;
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Refuses a root whose manifest names another lab, unless <paramref name="forcedBy"/> names the option that
        /// takes it over (then a warning). A read-only verb passes <c>""</c>: it only warns.
        /// </summary>
        private void CheckLabOwnsRoot(FileStore store, string? forcedBy)
        {
            if (store.RecordedLab() is not { } owner || owner == lab.Name) return;
            var what = $"{store.Root} holds the files of lab '{owner}' (recorded in {Manifest.RelativePath}), not of {lab.Name}";
            if (forcedBy is null)
                throw new RefusedException($"{what}; its files would be replaced or removed. Use another --root, or run again with --force to take the root over for {lab.Name}");
            stderr.WriteLine(forcedBy.Length == 0
                ? $"warning: {what}; render and deploy will refuse it without --force"
                : $"warning: {what}; taking it over ({forcedBy}): files of '{owner}' that {lab.Name} does not render are removed (copies go to {FileHistory.Folder})");
        }

        private async Task<int> GuardedAsync(Func<Task<int>> verb)
        {
            try
            {
                return await verb();
            }
            catch (SettingsException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return UsageError;
            }
            catch (RefusedException e)
            {
                foreach (var line in e.Message.Split('\n')) stderr.WriteLine($"error: {line}");
                return Failure;
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                // Only waits that come before any change (connecting, finding compose) end on a signal.
                stderr.WriteLine($"interrupted by {interruption.SignalName} before anything was changed. Run the same command again.");
                return interruption.ExitCode;
            }
            catch (OperationCanceledException e)
            {
                // Not a signal: a request to the engine that timed out.
                stderr.WriteLine($"error: {e.Message}");
                return Failure;
            }
            catch (Exception e) when (e is FileStoreException or Deploy.EngineException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return Failure;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return Failure;
            }
        }

        private async Task<int> RenderAsync(string root, string? envFile, string? server, bool force, bool wait, string[] regenerate, CancellationToken cancellationToken)
        {
            var store = new FileStore(root, lab.Name);
            var inputs = Load(envFile, server);
            using var held = await TakeRootAsync(store, "render", wait, force, cancellationToken);
            var (placed, servers, secrets) = Prepare(store, inputs, regenerate);
            if (secrets.Refusal is { } refusal) throw refusal;
            var plan = Planner.Compute(store, placed, servers);
            if (RefuseDrift(plan, force)) return Failure;
            foreach (var warning in store.Apply(plan, placed, servers, new FileHistory(store.Root, FileHistory.NewRunId())))
                stderr.WriteLine($"warning: {warning}");
            var s = plan.Summary;
            stderr.WriteLine($"Rendered {placed.Select(p => (p.Server, p.Stack)).Distinct().Count()} stacks to {store.Root}: {s.Add} added, {s.Change} changed, {s.Remove} removed, {s.Unchanged} unchanged.");
            ShowGeneratedAdminPassword(store, secrets);
            return Ok;
        }

        /// <summary>
        /// Said once, when this run created the users database with a generated password: where the password is kept
        /// (never the value: output ends up in logs), and how to see it.
        /// </summary>
        private void ShowGeneratedAdminPassword(FileStore store, PreparedSecrets secrets)
        {
            if (secrets.NewAdminPasswordFile is not { } path || !File.Exists(Path.Combine(store.Root, path))) return;
            var rootOption = store.Root == Path.GetFullPath(DefaultRoot) ? "" : $" --root {store.Root}";
            stderr.WriteLine($"Authelia user '{secrets.Settings.Admin?.User}' was created with a generated password, kept in {Path.Combine(store.Root, path)} (mode 0600); "
                + $"print it with: dotnet run -- secrets show {LabSecrets.AutheliaAdminPassword}{rootOption}");
        }

        private int Plan(string root, string? envFile, string? server, bool diff, bool json, bool detailedExitCode, string[] regenerate)
        {
            if (diff && json) throw new SettingsException("--diff and --json cannot be combined");
            var store = new FileStore(root, lab.Name);
            CheckLabOwnsRoot(store, forcedBy: "");
            var (placed, servers, secrets) = Prepare(store, Load(envFile, server), regenerate);
            foreach (var line in secrets.Refusal?.Message.Split('\n') ?? []) stderr.WriteLine($"warning: render and deploy will refuse: {line}");
            var plan = Planner.Compute(store, placed, servers);
            RunTimings.Mark("planned");
            if (secrets.NewAdminPasswordFile is { } passwordFile)
                stderr.WriteLine($"note: render will create the Authelia users database with a generated admin password, kept in {passwordFile} (set {RuntimeSettingsLoader.AdminPasswordVariable} to choose it)");
            if (json) stdout.WriteLine(PlanJson.Write(plan));
            else PlanText.Write(plan, TextOutput.For(stdout, UseColor()), diff);
            RunTimings.Mark("plan written");
            return detailedExitCode && plan.Summary.HasChanges ? ChangesPending : Ok;
        }

        /// <summary>What a verb works on, validated (names, settings) before the root is touched.</summary>
        private sealed record Inputs(string? Server, IReadOnlyList<string> Servers, LoadedSettings Settings);

        /// <summary>Checks the lab's names and loads the settings of the servers in scope; reads nothing under the root.</summary>
        private Inputs Load(string? envFile, string? server)
        {
            var servers = ServersInScope(server);
            var services = lab.Services.Where(s => servers.Contains(lab.ServerOf(s).Name)).ToArray();
            var loaded = RuntimeSettingsLoader.Load(lab, environment, envFile, services);
            foreach (var warning in LabRoutes.RoutesWithoutPortal(lab)) stderr.WriteLine($"warning: {warning}");
            foreach (var warning in loaded.Warnings) stderr.WriteLine($"warning: {warning}");
            RunTimings.Mark("names checked, settings loaded");
            return new Inputs(server, servers, loaded);
        }

        /// <summary>Validates names and settings, then renders the servers in scope; throws before anything is written.</summary>
        private (IReadOnlyList<PlacedFile> Placed, IReadOnlyList<string> Servers, PreparedSecrets Secrets) Prepare(FileStore store, string? envFile, string? server) =>
            Prepare(store, Load(envFile, server), []);

        /// <summary>
        /// Gives every secret its value (from the root, the settings, or new) and renders the servers in scope. A verb
        /// that writes calls it holding the root's lock, so no other run reads or makes the same secrets meanwhile.
        /// </summary>
        private (IReadOnlyList<PlacedFile> Placed, IReadOnlyList<string> Servers, PreparedSecrets Secrets) Prepare(
            FileStore store, Inputs inputs, IReadOnlyCollection<string> regenerate)
        {
            var perServer = PerServerFolders(inputs.Server);
            SecretStore.CheckRegenerate(store, lab, inputs.Servers, perServer, regenerate);
            var secrets = SecretStore.Prepare(store, lab, inputs.Servers, perServer, inputs.Settings, regenerate);
            foreach (var warning in secrets.Warnings) stderr.WriteLine($"warning: {warning}");
            RunTimings.Mark("secrets read");
            foreach (var problem in LabSecrets.OwnershipProblems(lab, secrets.Settings, inputs.Servers)) stderr.WriteLine($"warning: {problem}");
            var rendered = LabRenderer.Render(lab, secrets.Settings, inputs.Server);
            var placed = OutputLayout.Place(rendered, perServer);
            RunTimings.Mark("rendered");
            return (placed, inputs.Servers, secrets);
        }

        /// <summary>The servers a verb works on (all, or the one <c>--server</c> names), after the lab's names are checked.</summary>
        private string[] ServersInScope(string? server)
        {
            if (server is not null && lab.Servers.All(s => s.Name != server))
                throw new SettingsException($"--server: the lab has no server '{server}' (servers: {string.Join(", ", lab.Servers.Select(s => s.Name))})");
            CheckNames();
            return lab.Servers.Where(s => server is null || s.Name == server).Select(s => s.Name).ToArray();
        }

        /// <summary>Several servers written under one root get a folder each (<c>&lt;server&gt;/&lt;stack&gt;</c>).</summary>
        private bool PerServerFolders(string? server) => server is null && lab.Servers.Count > 1;

        /// <summary>Server and stack names become folder names: they must be DNS labels (the generator checks this too).</summary>
        private void CheckNames()
        {
            foreach (var s in lab.Servers)
                if (!DnsName.IsValidLabel(s.Name))
                    throw new SettingsException($"server '{s.Name}' of {lab.Name}: the name must be a lower-case DNS label (a-z, 0-9, '-')");
            foreach (var s in lab.Services)
            {
                if (!DnsName.IsValidLabel(s.Stack))
                    throw new SettingsException($"service '{s.Name}' ({s.ClassName ?? "unknown class"}): stack name '{s.Stack}' must be a lower-case DNS label (a-z, 0-9, '-')");
                if (s.Server is not null && lab.Servers.All(x => x.Name != s.Server))
                    throw new SettingsException($"service '{s.Name}' ({s.ClassName ?? "unknown class"}): server '{s.Server}' is not declared on {lab.Name}");
            }
            // Admin UIs left without a login and bad [ExternalHost] values (the generator's rules, re-checked here).
            if (LabRoutes.Problems(lab).FirstOrDefault() is { } problem) throw new SettingsException(problem);
            // Lab variables: names, defaults, and every ${NAME} declared (the generator's EZH0044-EZH0046, re-checked here).
            if (LabVariables.Problems(lab).FirstOrDefault() is { } variableProblem) throw new SettingsException(variableProblem);
        }

        private bool UseColor() =>
            ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !environment.Contains("NO_COLOR");
    }
}
