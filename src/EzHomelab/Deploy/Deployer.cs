using System.Diagnostics;
using EzHomelab.Model;
using EzHomelab.Planning;
using EzHomelab.Rendering.Compose;

namespace EzHomelab.Deploy;

public enum StackOutcome
{
    /// <summary>Files and containers already as desired: compose was not called.</summary>
    Unchanged,
    /// <summary>Brought up (and healthy).</summary>
    Deployed,
    /// <summary>Every service is lazy: containers created, not started (Sablier starts them).</summary>
    Created,
    /// <summary>Left the lab: brought down and its files removed.</summary>
    Removed,
    /// <summary>Failed; its previous files and containers are back.</summary>
    RolledBack,
    /// <summary>Failed, and could not be put back as it was (the detail says what is left).</summary>
    Failed,
    /// <summary>Not touched because an earlier stack failed.</summary>
    NotReached,
    /// <summary><c>--dry-run</c>: would be deployed.</summary>
    WouldDeploy,
    /// <summary>Held back before anything started: it needs a secret only the owner can give (the detail names it).</summary>
    Blocked,
}

/// <param name="Detail">The whole story, compose's own words included: the error line and <c>deploy --json</c> show it.</param>
/// <param name="Cause">A few words for the table (<c>site exited with code 3</c>, <c>not ready within 120 s</c>); null
/// when <paramref name="Detail"/> is short already.</param>
public sealed record StackReport(string Server, string Stack, StackOutcome Outcome, string Detail, TimeSpan Duration, string? Cause = null)
{
    /// <summary>What the table shows: the cause, or the detail when there is no separate cause.</summary>
    public string Summary => Cause ?? Detail;
}

/// <param name="InterruptedBy">The signal that stopped the deploy (<c>SIGINT</c>, <c>SIGTERM</c>); null when it ran to the end.</param>
public sealed record DeployReport(IReadOnlyList<StackReport> Stacks, string? InterruptedBy = null)
{
    public bool Succeeded => InterruptedBy is null && Stacks.All(s => s.Outcome is not (StackOutcome.RolledBack or StackOutcome.Failed or StackOutcome.Blocked));

    /// <summary>Every stack is as the lab wants it (or, for <c>--dry-run</c>, would be): nothing is left to run again.</summary>
    public bool Complete => Stacks.All(s => s.Outcome is StackOutcome.Unchanged or StackOutcome.Deployed or StackOutcome.Created or StackOutcome.Removed or StackOutcome.WouldDeploy);
}

/// <param name="Stack">Only this stack (on every server in scope).</param>
/// <param name="Timeout">How long each stack's started services may take to be running (and healthy).</param>
/// <param name="Blocked">Stacks (by <c>server/stack</c>) held back, with why: their missing must-supply secrets.</param>
public sealed record DeployOptions(string? Stack = null, bool DryRun = false, TimeSpan? Timeout = null, IReadOnlyDictionary<string, string>? Blocked = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);
    public TimeSpan HealthTimeout => Timeout ?? DefaultTimeout;

    /// <summary>The key of a stack in <see cref="Blocked"/>.</summary>
    public static string BlockedKey(string server, string stack) => $"{server}/{stack}";
}

/// <summary>One server to deploy: its engine and where its stacks live under the root.</summary>
public sealed record DeployServer(ServerSpec Server, Engine Engine);

/// <summary>
/// Applies a plan server by server and stack by stack, in <see cref="DeployOrder"/>: writes a stack's files, brings it
/// up with compose, waits for its services, records what was deployed; a stack already as desired is skipped without
/// calling compose. When a stack fails, its previous files and containers are put back, and the stacks after it are
/// not touched. Every other part of the runner only reads; this is where the side effects are.
/// </summary>
/// <remarks>
/// Signals (<paramref name="interruption"/>): after the first, no further stack starts, and the one in progress runs to
/// its end — deployed, or rolled back if it fails — within its own <c>--timeout</c>; after the second, it is rolled back
/// at once; a rollback always runs to its end (a third signal ends the process). Why finish rather than roll back at the
/// first: both leave the stack whole, but a rollback costs as long (compose again, and for an updated stack the old
/// version's wait) and throws away a start that is most often seconds from healthy; cutting compose short is what
/// leaves a stack half up. The operator who cannot wait has the second signal.
/// </remarks>
public sealed class Deployer(
    Lab lab, FileStore store, Plan plan, IReadOnlyList<PlacedFile> placed, bool perServerFolders,
    IReadOnlyList<DeployServer> servers, Func<CancellationToken, Task<ComposeCli>> findCompose, DeployOptions options, IDeployProgress progress,
    Interruption interruption)
{
    /// <summary>The <see cref="StackReport.Cause"/> of a stack rolled back because of a second signal.</summary>
    public const string InterruptedCause = "interrupted";

    private const string WasInterrupted = "the deploy was interrupted";
    private const string EarlierFailed = "an earlier stack failed";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly FileHistory _history = new(store.Root, FileHistory.NewRunId());
    private ComposeCli? _compose;
    private readonly Dictionary<Engine, ContainerSnapshot> _snapshots = [];

    /// <summary>
    /// Compose, found the first time a stack needs it — before that stack's files are written, so a missing compose
    /// still changes nothing. A deploy with nothing to do never pays for the search (it runs <c>version</c> twice).
    /// </summary>
    private async Task<ComposeCli> ComposeAsync(CancellationToken cancellationToken) => _compose ??= await findCompose(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A stack's containers before it is deployed. Until this run uses compose, from one snapshot of the server's
    /// engine (one list call for all its stacks, taken at the first check): nothing but compose changes them, and a
    /// deploy with nothing to do then asks the engine once, not once per stack. Once compose was looked for, each
    /// stack's containers are asked again.
    /// </summary>
    private async Task<IReadOnlyList<ServiceContainer>> ContainersBeforeAsync(DeployServer target, string stack, CancellationToken cancellationToken)
    {
        if (_compose is not null) return await target.Engine.ContainersOfAsync(stack, cancellationToken).ConfigureAwait(false);
        if (!_snapshots.TryGetValue(target.Engine, out var snapshot))
            _snapshots[target.Engine] = snapshot = await target.Engine.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Of(stack);
    }

    public async Task<DeployReport> RunAsync()
    {
        var reports = new List<StackReport>();
        string? stopped = null; // why the stacks left are not reached
        string? Stopped() => stopped ?? (interruption.Stop.IsCancellationRequested ? WasInterrupted : null);
        var deployedBefore = DeployedState.Read(store);
        foreach (var target in servers)
        {
            var server = target.Server;
            var planned = plan.Servers.FirstOrDefault(s => s.Name == server.Name)?.Stacks ?? [];
            var removed = planned.Where(s => s.IsRemoved && lab.StacksOn(server).All(x => x.Name != s.Name) && InScope(s.Name)).ToList();
            var stacks = DeployOrder.Of(lab, server).Where(s => InScope(s.Name)).ToList();
            if (Stopped() is { } reason)
            {
                reports.AddRange(removed.Select(s => NotReached(server, s.Name, reason)).Concat(stacks.Select(s => NotReached(server, s.Name, reason))));
                continue;
            }
            if (!options.DryRun && stacks.Count > 0)
            {
                var networks = ExternalNetworks(lab, stacks);
                var created = await target.Engine.EnsureNetworksAsync(networks, CancellationToken.None).ConfigureAwait(false);
                foreach (var network in created) progress.Note($"{Prefix(server)}created network {network}");
            }

            // Stacks that left the lab go first: a service that moved to another stack may need their ports.
            foreach (var stack in removed)
            {
                if (Stopped() is { } why) { reports.Add(NotReached(server, stack.Name, why)); continue; }
                var report = await RemoveAsync(target, stack).ConfigureAwait(false);
                reports.Add(report);
                if (report.Outcome == StackOutcome.Failed) stopped ??= EarlierFailed;
            }
            foreach (var stack in stacks)
            {
                if (Stopped() is { } why) { reports.Add(NotReached(server, stack.Name, why)); continue; }
                var stackPlan = planned.FirstOrDefault(s => s.Name == stack.Name) ?? new PlannedStack(stack.Name, []);
                var report = await DeployStackAsync(target, stack, stackPlan, deployedBefore).ConfigureAwait(false);
                reports.Add(report);
                if (report.Outcome is StackOutcome.RolledBack or StackOutcome.Failed)
                    stopped ??= interruption.Stop.IsCancellationRequested ? WasInterrupted : EarlierFailed;
            }
        }
        return new DeployReport(reports, interruption.SignalName);
    }

    private bool InScope(string stack) => options.Stack is null || options.Stack == stack;

    private string Prefix(ServerSpec server) => servers.Count > 1 ? server.Name + "/" : "";

    private static StackReport NotReached(ServerSpec server, string stack, string why) => new(server.Name, stack, StackOutcome.NotReached, $"not reached: {why}", TimeSpan.Zero);

    /// <summary>Says something about one stack among the progress lines.</summary>
    private Action<string> About(ServerSpec server, string stack) => line => progress.Note($"{StackLabel.Of(server.Name, stack, servers.Count > 1)}: {line}");

    private string Folder(ServerSpec server, string stack) =>
        Path.Combine(store.Root, OutputLayout.StackFolder(server.Name, stack, perServerFolders));

    private IReadOnlyList<PlacedFile> FilesOf(ServerSpec server, string stack) =>
        placed.Where(p => p.Server == server.Name && p.Stack == stack).ToArray();

    private async Task<StackReport> DeployStackAsync(DeployServer target, StackSpec stack, PlannedStack stackPlan, IReadOnlyList<DeployedStack> deployedBefore)
    {
        var server = target.Server;
        var clock = Stopwatch.StartNew();
        if (options.Blocked?.TryGetValue(DeployOptions.BlockedKey(server.Name, stack.Name), out var blocked) == true)
        {
            progress.StackPhase(server.Name, stack.Name, "blocked");
            return new StackReport(server.Name, stack.Name, StackOutcome.Blocked, blocked, clock.Elapsed, "needs secrets only you can give");
        }
        var files = FilesOf(server, stack.Name);
        var filesHash = DeployedState.FilesHash(files);
        var previous = deployedBefore.FirstOrDefault(d => d.Server == server.Name && d.Stack == stack.Name);
        progress.StackPhase(server.Name, stack.Name, "checking");
        // Until its files are written a stack changes nothing: a signal is looked at just before that.
        var before = await ContainersBeforeAsync(target, stack.Name, CancellationToken.None).ConfigureAwait(false);

        var containersOff = IsAsDeployed(stack, before, previous);
        if (!stackPlan.HasChanges && previous?.FilesHash == filesHash && containersOff is null)
        {
            progress.StackPhase(server.Name, stack.Name, "unchanged");
            return new StackReport(server.Name, stack.Name, StackOutcome.Unchanged, "files and containers as deployed", clock.Elapsed);
        }
        var why = stackPlan.Files.Count > 0 && stackPlan.Files.All(f => f.Change == FileChange.Add) ? "new stack"
            : stackPlan.HasChanges ? $"{stackPlan.Files.Count(f => f.Change != FileChange.Unchanged)} files change"
            : previous is null || previous.FilesHash != filesHash ? "not deployed from these files yet"
            : containersOff!;
        if (options.DryRun)
        {
            progress.StackPhase(server.Name, stack.Name, "would deploy");
            return new StackReport(server.Name, stack.Name, StackOutcome.WouldDeploy, why, clock.Elapsed);
        }

        var compose = await ComposeAsync(CancellationToken.None).ConfigureAwait(false);
        if (interruption.Stop.IsCancellationRequested)
        {
            progress.StackPhase(server.Name, stack.Name, "not reached");
            return NotReached(server, stack.Name, WasInterrupted);
        }
        var previousEntries = store.ReadManifest().Where(e => e.Server == server.Name && e.Stack == stack.Name).ToArray();
        progress.StackPhase(server.Name, stack.Name, "writing files");
        foreach (var warning in store.Apply(plan.OnlyStack(stack.Name, server.Name), files, e => e.Server == server.Name && e.Stack == stack.Name, _history))
            progress.Note("warning: " + warning);

        Failure? failure;
        try
        {
            failure = await BringUpAsync(target, stack, interruption.Abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interruption.Abort.IsCancellationRequested)
        {
            failure = new Failure(InterruptedCause, $"interrupted by a second {interruption.SignalName} before it was up");
        }
        if (failure is null)
        {
            await RecordAsync(target, stack, filesHash).ConfigureAwait(false);
            bool lazyOnly = stack.Services.All(s => s.IsLazy);
            progress.StackPhase(server.Name, stack.Name, lazyOnly ? "created" : "deployed");
            return new StackReport(server.Name, stack.Name, lazyOnly ? StackOutcome.Created : StackOutcome.Deployed, why, clock.Elapsed);
        }

        // Roll back: the previous files, and the previous containers when there were any. No signal cuts it short.
        progress.StackPhase(server.Name, stack.Name, "rolling back");
        var folder = Folder(server, stack.Name);
        if (before.Count == 0)
        {
            var down = await interruption.ComposeAsync(() => compose.DownAsync(target.Engine.Endpoint, stack.Name, folder, volumes: false, CancellationToken.None), About(server, stack.Name)).ConfigureAwait(false);
            store.Restore(stackPlan, server.Name, previousEntries);
            DeployedState.Record(store, server.Name, stack.Name, null);
            var left = down.Succeeded ? "its new containers were removed" : $"removing its new containers failed too: {down.Tail(3)}";
            progress.StackPhase(server.Name, stack.Name, "rolled back");
            return new StackReport(server.Name, stack.Name, StackOutcome.RolledBack, $"{failure.Detail}; previous files restored, {left}", clock.Elapsed, failure.Cause);
        }
        store.Restore(stackPlan, server.Name, previousEntries);
        var again = await BringBackAsync(target, stack, before, CancellationToken.None).ConfigureAwait(false);
        if (again is not null)
        {
            progress.StackPhase(server.Name, stack.Name, "failed");
            return new StackReport(server.Name, stack.Name, StackOutcome.Failed, $"{failure.Detail}; previous files restored, but the previous version did not come back up: {again.Detail}", clock.Elapsed,
                $"{failure.Cause}; the previous version did not come back: {again.Cause}");
        }
        if (previous is not null)
            await RecordAsync(target, stack, previous.FilesHash).ConfigureAwait(false);
        progress.StackPhase(server.Name, stack.Name, "rolled back");
        return new StackReport(server.Name, stack.Name, StackOutcome.RolledBack, $"{failure.Detail}; the previous version is back up", clock.Elapsed, failure.Cause);
    }

    /// <summary>Why a stack did not come up: a few words for the table, and the whole of it (compose's words, logs) for the error line.</summary>
    private sealed record Failure(string Cause, string Detail)
    {
        /// <summary>A failure whose detail is its cause followed by <paramref name="more"/>.</summary>
        public static Failure Of(string cause, string more = "") => new(cause, cause + more);
    }

    /// <summary>Why the containers are not as the last deploy left them; null when they are.</summary>
    private static string? IsAsDeployed(StackSpec stack, IReadOnlyList<ServiceContainer> containers, DeployedStack? deployed)
    {
        if (deployed is null) return "never deployed";
        foreach (var service in stack.Services)
        {
            var own = containers.Where(c => c.Service == service.Name).ToList();
            if (own.Count == 0) return $"{service.Name}: no container";
            if (own.Count > 1) return $"{service.Name}: {own.Count} containers";
            var container = own[0];
            if (!deployed.ConfigHashes.TryGetValue(service.Name, out var hash) || hash != container.ConfigHash) return $"{service.Name}: container changed outside EzHomelab";
            if (!service.IsLazy && !container.IsRunning) return $"{service.Name}: {container.State}";
            if (container.Health == "unhealthy") return $"{service.Name}: unhealthy";
        }
        var strangers = containers.Where(c => stack.Services.All(s => s.Name != c.Service)).Select(c => c.Service).Distinct().ToList();
        return strangers.Count > 0 ? $"containers of services no longer in the stack: {string.Join(", ", strangers)}" : null;
    }

    /// <summary>Creates every service's container, starts the non-lazy ones and waits for them; returns why it failed, or null.</summary>
    private Task<Failure?> BringUpAsync(DeployServer target, StackSpec stack, CancellationToken cancellationToken)
    {
        var started = stack.Services.Where(s => !s.IsLazy).Select(s => s.Name).ToArray();
        bool anyLazy = started.Length < stack.Services.Count;
        return UpAsync(target, stack.Name, createAll: anyLazy, started, startNamed: anyLazy, options.HealthTimeout, cancellationToken);
    }

    /// <summary>
    /// After a rollback: the previous files may declare other services, so every container is created from them and
    /// exactly the services that were running before are started again. The previous version is known to start, so
    /// it gets at least the default timeout even when <c>--timeout</c> was set short for the new one.
    /// </summary>
    private Task<Failure?> BringBackAsync(DeployServer target, StackSpec stack, IReadOnlyList<ServiceContainer> before, CancellationToken cancellationToken)
    {
        var running = before.Where(c => c.IsRunning).Select(c => c.Service).Distinct().ToArray();
        var timeout = options.HealthTimeout > DeployOptions.DefaultTimeout ? options.HealthTimeout : DeployOptions.DefaultTimeout;
        return UpAsync(target, stack.Name, createAll: true, running, startNamed: true, timeout, cancellationToken);
    }

    private async Task<Failure?> UpAsync(DeployServer target, string stack, bool createAll, IReadOnlyList<string> start, bool startNamed, TimeSpan limit, CancellationToken cancellationToken)
    {
        var server = target.Server;
        var folder = Folder(server, stack);
        var compose = await ComposeAsync(cancellationToken).ConfigureAwait(false);
        // One deadline for compose and the wait after it: compose itself waits for dependencies to be healthy.
        var deadline = DateTime.UtcNow + limit;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        progress.StackPhase(server.Name, stack, "compose up");
        try
        {
            if (createAll || start.Count == 0)
            {
                var create = await interruption.ComposeAsync(() => compose.UpAsync(target.Engine.Endpoint, stack, folder, null, start: false, timeout.Token), About(server, stack)).ConfigureAwait(false);
                if (!create.Succeeded) return Failure.Of("compose could not create the containers", $": {create.Tail()}");
            }
            if (start.Count == 0) return null;
            var up = await interruption.ComposeAsync(() => compose.UpAsync(target.Engine.Endpoint, stack, folder, startNamed ? start : null, start: true, timeout.Token), About(server, stack)).ConfigureAwait(false);
            if (!up.Succeeded)
            {
                // Compose's own words are often about a dependency; what the containers did says why.
                var diagnosis = await WaitAsync(target, stack, start, DateTime.MinValue, limit, cancellationToken, diagnoseOnly: true).ConfigureAwait(false);
                return new Failure(diagnosis?.Cause ?? "compose up failed", $"compose up failed: {up.Tail()}{(diagnosis is null ? "" : "; " + diagnosis.Detail)}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Compose was stopped at the deadline; one look at the containers says what it was waiting for.
            return await WaitAsync(target, stack, start, deadline, limit, cancellationToken).ConfigureAwait(false) ?? Failure.Of($"compose up did not finish within {limit.TotalSeconds:0} s");
        }
        progress.StackPhase(server.Name, stack, "waiting");
        return await WaitAsync(target, stack, start, deadline, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until each of <paramref name="services"/> is running and, when it has a
    /// healthcheck, healthy. A container that exits, restarts or turns unhealthy fails at once; one still starting
    /// fails at the timeout. Returns why it failed, or null.
    /// </summary>
    /// <param name="diagnoseOnly">One look after compose failed: it just (re)created the containers, so any restart
    /// counts; returns only a container that failed, nothing about ones still starting.</param>
    private async Task<Failure?> WaitAsync(DeployServer target, string stack, IReadOnlyList<string> services, DateTime deadline, TimeSpan limit, CancellationToken cancellationToken, bool diagnoseOnly = false)
    {
        var server = target.Server.Name;
        var baseline = new Dictionary<string, long>(StringComparer.Ordinal);
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var containers = await target.Engine.ContainersOfAsync(stack, cancellationToken).ConfigureAwait(false);
            var pending = new List<string>();
            foreach (var service in services)
            {
                var container = containers.FirstOrDefault(c => c.Service == service);
                string state;
                Failure? failed = null;
                if (container is null) state = "missing";
                else
                {
                    if (!baseline.TryGetValue(service, out var restarts)) baseline[service] = restarts = diagnoseOnly ? 0 : container.RestartCount;
                    state = container.Health is { } health && container.IsRunning ? health : container.State;
                    if (container.State is "exited" or "dead")
                        failed = Failure.Of($"{service} exited with code {container.ExitCode}", await LogsAsync(target, container, cancellationToken).ConfigureAwait(false));
                    else if (container.State == "restarting" || container.RestartCount > restarts)
                        failed = Failure.Of($"{service} keeps exiting (code {container.ExitCode}) and being restarted", await LogsAsync(target, container, cancellationToken).ConfigureAwait(false));
                    else if (container.Health == "unhealthy")
                        failed = Failure.Of($"{service} is unhealthy", container.HealthOutput is { Length: > 0 } output ? ": " + OneLine(output) : "");
                }
                if (!shown.TryGetValue(service, out var last) || last != state)
                {
                    shown[service] = state;
                    progress.ServiceState(server, stack, service, state);
                }
                if (failed is not null) return failed;
                bool ready = container is { IsRunning: true } && container.Health is null or "healthy";
                if (!ready) pending.Add($"{service} ({state}{(container?.HealthOutput is { Length: > 0 } o ? ", last check: " + OneLine(o) : "")})");
            }
            if (pending.Count == 0 || diagnoseOnly) return null;
            if (DateTime.UtcNow >= deadline)
                return Failure.Of($"not ready within {limit.TotalSeconds:0} s", $": {string.Join(", ", pending)}");
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string> LogsAsync(DeployServer target, ServiceContainer container, CancellationToken cancellationToken)
    {
        var logs = await target.Engine.LogTailAsync(container.Id, 3, cancellationToken).ConfigureAwait(false);
        return logs.Length == 0 ? "" : $" (last output: {OneLine(logs)})";
    }

    private static string OneLine(string text)
    {
        var line = string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    /// <summary>Records what is deployed now; not cut short by a signal, or a stack that is up would look not deployed.</summary>
    private async Task RecordAsync(DeployServer target, StackSpec stack, string filesHash)
    {
        var containers = await target.Engine.ContainersOfAsync(stack.Name, CancellationToken.None).ConfigureAwait(false);
        var hashes = containers.Where(c => c.ConfigHash is not null).GroupBy(c => c.Service).ToDictionary(g => g.Key, g => g.First().ConfigHash!, StringComparer.Ordinal);
        DeployedState.Record(store, target.Server.Name, stack.Name, new DeployedStack(target.Server.Name, stack.Name, filesHash, hashes));
    }

    /// <summary>A stack that left the lab: compose down with its files still on disk, then the files go. A signal lets it finish.</summary>
    private async Task<StackReport> RemoveAsync(DeployServer target, PlannedStack stack)
    {
        var server = target.Server;
        var clock = Stopwatch.StartNew();
        if (options.DryRun)
            return new StackReport(server.Name, stack.Name, StackOutcome.WouldDeploy, "left the lab: would be brought down and its files removed", clock.Elapsed);
        progress.StackPhase(server.Name, stack.Name, "removing");
        if (File.Exists(Path.Combine(Folder(server, stack.Name), ComposeRenderer.ComposeFileName)))
        {
            var compose = await ComposeAsync(CancellationToken.None).ConfigureAwait(false);
            var down = await interruption.ComposeAsync(() => compose.DownAsync(target.Engine.Endpoint, stack.Name, Folder(server, stack.Name), volumes: false, CancellationToken.None), About(server, stack.Name)).ConfigureAwait(false);
            if (!down.Succeeded)
            {
                progress.StackPhase(server.Name, stack.Name, "failed");
                return new StackReport(server.Name, stack.Name, StackOutcome.Failed, $"left the lab, but compose down failed (files kept): {down.Tail()}", clock.Elapsed, "compose down failed");
            }
        }
        store.Apply(plan.OnlyStack(stack.Name, server.Name), [], e => e.Server == server.Name && e.Stack == stack.Name, _history);
        DeployedState.Record(store, server.Name, stack.Name, null);
        progress.StackPhase(server.Name, stack.Name, "removed");
        return new StackReport(server.Name, stack.Name, StackOutcome.Removed, "left the lab: brought down, files removed (secrets kept)", clock.Elapsed);
    }

    /// <summary>The external networks the stacks' compose files declare (compose will not create those).</summary>
    private static IReadOnlyList<string> ExternalNetworks(Lab lab, IEnumerable<StackSpec> stacks) =>
        stacks.SelectMany(stack => ComposeRenderer.ExternalNetworks(lab, stack)).Distinct().Order(StringComparer.Ordinal).ToArray();
}
