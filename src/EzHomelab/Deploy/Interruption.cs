using System.Runtime.InteropServices;

namespace EzHomelab.Deploy;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM while a verb runs. What a signal does is the running verb's choice: <c>deploy</c> and
/// <c>down</c> stop in steps (<see cref="StopInSteps"/>: the first signal lets the stack in progress finish and starts
/// no other, the next one cuts it short), every other verb exits at once (<see cref="ExitAtOnce"/>; their writes are
/// atomic, or they write nothing). An instance made with <c>new</c> listens to nothing (in-process runs, tests);
/// <see cref="Listen"/> takes the process's signals until it is disposed.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>What a shell reports for a process ended by SIGINT (128 + 2) or SIGTERM (128 + 15); the runner exits so too.</summary>
    public const int SigIntExitCode = 130;
    public const int SigTermExitCode = 143;

    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _stderr;
    private readonly object _lock = new();
    private volatile Reaction _reaction;
    private int _count;
    private PosixSignal? _first;

    public Interruption() : this(TextWriter.Null)
    {
    }

    private Interruption(TextWriter stderr)
    {
        _stderr = stderr;
        _reaction = new Reaction(_ => { }, null, null, "stopped before anything was changed.");
    }

    /// <summary>Takes SIGINT and SIGTERM away from the runtime (which would end the process on the spot) until disposed.</summary>
    internal static Interruption Listen(TextWriter stderr)
    {
        var interruption = new Interruption(stderr);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            interruption._registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = interruption.Raise(context.Signal)));
        return interruption;
    }

    /// <summary>Cancelled by the first signal: start nothing new; what is in progress runs to its end.</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>Cancelled by the second signal (only under <see cref="StopInSteps"/> with a second step): cut the work in progress short.</summary>
    public CancellationToken Abort => _abort.Token;

    /// <summary>How many signals arrived so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public bool Requested => Count > 0;

    /// <summary>The first signal's name, <c>SIGINT</c> or <c>SIGTERM</c>; null before any.</summary>
    public string? SignalName => _first is { } signal ? Name(signal) : null;

    /// <summary>130 after SIGINT, 143 after SIGTERM (the first signal's), 0 before any.</summary>
    public int ExitCode => _first switch
    {
        null => 0,
        PosixSignal.SIGINT => SigIntExitCode,
        _ => SigTermExitCode,
    };

    /// <summary>From now on a signal writes <c>SIGNAL: <paramref name="line"/></c> to stderr and ends the process with <see cref="ExitCode"/>.</summary>
    public void ExitAtOnce(string line) => _reaction = new Reaction(_ => { }, null, null, line);

    /// <summary>
    /// From now on the first signal cancels <see cref="Stop"/>, the second (when <paramref name="onAbort"/> is given)
    /// cancels <see cref="Abort"/>, each telling the operator through <paramref name="say"/> what happens now; the one
    /// after ends the process as <see cref="ExitAtOnce"/> would, with <paramref name="onExit"/>.
    /// </summary>
    public void StopInSteps(Action<string> say, string onStop, string? onAbort, string onExit) => _reaction = new Reaction(say, onStop, onAbort, onExit);

    /// <summary>
    /// Runs a compose call, and once more when it failed while a signal arrived. Ctrl-C on a terminal, and systemd's
    /// SIGTERM, reach every process of the group: compose aborts half-way (v1 says "Aborting.") while the runner goes
    /// on to finish the stack. Compose converges, so the call that was cut short is simply made again.
    /// </summary>
    public async Task<ComposeResult> ComposeAsync(Func<Task<ComposeResult>> call, Action<string> say)
    {
        int before = Count;
        var result = await call().ConfigureAwait(false);
        if (result.Succeeded || Count == before) return result;
        say($"compose stopped on the {SignalName} too ({result.Tail(1)}); running it again");
        return await call().ConfigureAwait(false);
    }

    /// <summary>What one signal does; returns false when the process is to end (the runtime then ends it).</summary>
    internal bool Raise(PosixSignal signal)
    {
        int count;
        Reaction reaction;
        lock (_lock)
        {
            count = ++_count;
            _first ??= signal;
            reaction = _reaction;
        }
        var step = count switch
        {
            1 => reaction.OnStop,
            2 when reaction.OnStop is not null => reaction.OnAbort,
            _ => null,
        };
        if (step is null)
        {
            _stderr.WriteLine($"{Name(signal)}: {reaction.OnExit}");
            _stderr.Flush();
            Environment.Exit(ExitCode);
        }
        reaction.Say($"{Name(signal)}: {step}");
        (count == 1 ? _stop : _abort).Cancel();
        return true;
    }

    private static string Name(PosixSignal signal) => signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _registrations.Clear();
    }

    /// <param name="OnStop">Said at the first signal; null: the first signal ends the process.</param>
    /// <param name="OnAbort">Said at the second; null: the second ends the process.</param>
    private sealed record Reaction(Action<string> Say, string? OnStop, string? OnAbort, string OnExit);
}
