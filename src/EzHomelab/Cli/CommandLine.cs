using System.Collections;
using System.CommandLine;
using EzHomelab.Model;
using EzHomelab.Planning;
using EzHomelab.Rendering;
using EzHomelab.Rules;
using EzHomelab.Settings;

namespace EzHomelab.Cli;

/// <summary>
/// The runner's verbs. Data (plans, JSON) goes to stdout; progress, warnings and errors to stderr.
/// Exit codes: 0 ok, 1 failure, 2 usage or validation error, 3 changes pending (<c>plan --detailed-exitcode</c>).
/// </summary>
internal static partial class CommandLine
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int ChangesPending = 3;
    public const string DefaultRoot = "/opt/stacks";

    public static async Task<int> RunAsync(Lab lab, string[] args, TextWriter stdout, TextWriter stderr, IDictionary environment)
    {
        RunTimings.StartIfAsked(environment, stderr);
        var runner = new Runner(lab, stdout, stderr, environment);
        var root = new RootCommand($"EzHomelab runner for {lab.Name}: renders, plans and deploys the lab's compose stacks.")
        {
            runner.RenderCommand(),
            runner.PlanCommand(),
            runner.DeployCommand(),
            runner.StatusCommand(),
            runner.DownCommand(),
        };
        var parsed = root.Parse(args);
        RunTimings.Mark("command line parsed");
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run with --help to see the verbs and their options.");
            return UsageError;
        }
        int code = await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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
            },
            new Option<string?>("--env-file") { Description = "KEY=VALUE file with EZH_DOMAIN, EZH_EMAIL, EZH_TIMEZONE, EZH_ADMIN_USER/EMAIL/DISPLAY_NAME/PASSWORD and EZH_SECRET_<NAME> (the environment wins)" },
            new Option<string?>("--server") { Description = "Only this server's stacks, written to <root>/<stack>" });

        public IEnumerable<Option> All => [Root, EnvFile, Server];
    }

    private sealed partial class Runner(Lab lab, TextWriter stdout, TextWriter stderr, IDictionary environment)
    {
        public Command RenderCommand()
        {
            var common = CommonOptions.Create();
            var force = ForceOption();
            var command = new Command("render", "Write every stack's files (compose.yaml, .env, config, secrets/ generated once) under the root; nothing is deployed");
            foreach (var option in common.All) command.Options.Add(option);
            command.Options.Add(force);
            command.SetAction(parse => Guarded(() => Render(parse.GetValue(common.Root)!, parse.GetValue(common.EnvFile), parse.GetValue(common.Server), parse.GetValue(force))));
            return command;
        }

        public Command PlanCommand()
        {
            var common = CommonOptions.Create();
            var diff = new Option<bool>("--diff") { Description = "Show a unified diff of each changed file (files holding secrets are never shown)" };
            var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
            var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit with 3 when changes are pending (0 when none)" };
            var command = new Command("plan", "Show which files render would add, change or remove, per server and stack");
            foreach (var option in common.All) command.Options.Add(option);
            command.Options.Add(diff);
            command.Options.Add(json);
            command.Options.Add(detailed);
            command.SetAction(parse => Guarded(() => Plan(
                parse.GetValue(common.Root)!, parse.GetValue(common.EnvFile), parse.GetValue(common.Server),
                parse.GetValue(diff), parse.GetValue(json), parse.GetValue(detailed))));
            return command;
        }

        private int Guarded(Func<int> verb) => GuardedAsync(() => Task.FromResult(verb())).GetAwaiter().GetResult();

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
            catch (OperationCanceledException)
            {
                // Ctrl-C: files are whole (atomic writes), a stack may be half up; the next deploy converges.
                stderr.WriteLine("error: interrupted; run the same command again to finish (every file is either the old or the new version)");
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

        private int Render(string root, string? envFile, string? server, bool force)
        {
            var store = new FileStore(root);
            var (placed, servers, secrets) = Prepare(store, envFile, server);
            var plan = Planner.Compute(store, placed, servers);
            if (RefuseDrift(plan, force)) return Failure;
            store.Apply(plan, placed, servers, new FileHistory(store.Root, FileHistory.NewRunId()));
            var s = plan.Summary;
            stderr.WriteLine($"Rendered {placed.Select(p => (p.Server, p.Stack)).Distinct().Count()} stacks to {store.Root}: {s.Add} added, {s.Change} changed, {s.Remove} removed, {s.Unchanged} unchanged.");
            ShowGeneratedAdminPassword(store, plan, secrets);
            return Ok;
        }

        /// <summary>
        /// Shown once, when this run created the users database with a generated password: the file holds only its
        /// hash, and later runs never recreate it.
        /// </summary>
        private void ShowGeneratedAdminPassword(FileStore store, Plan plan, PreparedSecrets secrets)
        {
            var usersDatabase = plan.Files.FirstOrDefault(f => f.Path.EndsWith("/" + Rendering.Authelia.UsersDatabase.FileName, StringComparison.Ordinal));
            if (secrets.GeneratedAdminPassword is { } password && usersDatabase?.Change == FileChange.Add && File.Exists(Path.Combine(store.Root, usersDatabase.Path)))
                stderr.WriteLine($"Authelia password for user '{secrets.Settings.Admin?.User}' (shown only now; {usersDatabase.Path} keeps only its argon2id hash): {password.Value}");
        }

        private int Plan(string root, string? envFile, string? server, bool diff, bool json, bool detailedExitCode)
        {
            if (diff && json) throw new SettingsException("--diff and --json cannot be combined");
            var store = new FileStore(root);
            var (placed, servers, secrets) = Prepare(store, envFile, server);
            var plan = Planner.Compute(store, placed, servers);
            RunTimings.Mark("planned");
            if (secrets.GeneratedAdminPassword is not null)
                stderr.WriteLine($"note: render will create the Authelia users database with a generated admin password and show it once (set {RuntimeSettingsLoader.AdminPasswordVariable} to choose it)");
            if (json) stdout.WriteLine(PlanJson.Write(plan));
            else PlanText.Write(plan, TextOutput.For(stdout, UseColor()), diff);
            RunTimings.Mark("plan written");
            return detailedExitCode && plan.Summary.HasChanges ? ChangesPending : Ok;
        }

        /// <summary>Validates names and settings, then renders the servers in scope; throws before anything is written.</summary>
        private (IReadOnlyList<PlacedFile> Placed, IReadOnlyList<string> Servers, PreparedSecrets Secrets) Prepare(FileStore store, string? envFile, string? server)
        {
            var servers = ServersInScope(server);
            var services = lab.Services.Where(s => servers.Contains(lab.ServerOf(s).Name)).ToArray();
            var loaded = RuntimeSettingsLoader.Load(lab, environment, envFile, services);
            foreach (var warning in loaded.Warnings) stderr.WriteLine($"warning: {warning}");
            RunTimings.Mark("names checked, settings loaded");
            var secrets = SecretStore.Prepare(store, lab, servers, PerServerFolders(server), loaded);
            foreach (var warning in secrets.Warnings) stderr.WriteLine($"warning: {warning}");
            RunTimings.Mark("secrets read");
            var rendered = LabRenderer.Render(lab, secrets.Settings, server);
            var placed = OutputLayout.Place(rendered, PerServerFolders(server));
            RunTimings.Mark("rendered");
            return (placed, servers, secrets);
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
        }

        private bool UseColor() =>
            ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !environment.Contains("NO_COLOR");
    }
}
