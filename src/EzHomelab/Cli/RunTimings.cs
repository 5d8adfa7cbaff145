using System.Collections;
using System.Diagnostics;
using System.Globalization;

namespace EzHomelab.Cli;

/// <summary>
/// <c>EZH_TRACE_TIMINGS=1</c>: one stderr line per step of a run (<c>timing: 212.4 ms (+3.1) cpu 180 ms (+2.0) rendered</c>):
/// the wall time since the process started (runtime start included) and since the previous step, and the CPU time the
/// process has used (all its threads: the JIT's background compilation and the GC count too), which a busy machine
/// inflates far less than the wall time. For finding out where a slow run spends its time; says nothing about the lab
/// but step names (stack and server names), never a value.
/// </summary>
internal sealed class RunTimings
{
    public const string Variable = "EZH_TRACE_TIMINGS";

    // The run being traced, for the parts that have no reference to the command line (the engine, the deployer).
    private static readonly AsyncLocal<RunTimings?> Current = new();

    private readonly TextWriter _writer;
    private readonly TimeSpan _beforeClock;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;
    private TimeSpan _lastCpu;

    private RunTimings(TextWriter writer, TimeSpan beforeClock)
    {
        _writer = writer;
        _beforeClock = beforeClock;
        _last = beforeClock;
    }

    /// <summary>Starts tracing this run (and what it awaits) when the environment asks for it; a run already traced goes on.</summary>
    public static void StartIfAsked(IDictionary environment, TextWriter stderr)
    {
        if (environment[Variable] is not string value || value is "" or "0" or "false") { Current.Value = null; return; }
        if (Current.Value is not null) return;
        // The process's own start time has a resolution of the kernel's clock tick (10 ms): good enough for the
        // runtime's start, which is the first step.
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Current.Value = new RunTimings(stderr, sinceStart > TimeSpan.Zero ? sinceStart : TimeSpan.Zero);
        Mark("main (runtime started)");
    }

    /// <summary>Notes that <paramref name="step"/> just finished; nothing unless tracing.</summary>
    public static void Mark(string step) => Current.Value?.Write(step);

    private void Write(string step)
    {
        var now = _beforeClock + _clock.Elapsed;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        lock (_writer)
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"timing: {now.TotalMilliseconds,7:0.0} ms (+{(now - _last).TotalMilliseconds:0.0}) cpu {cpu.TotalMilliseconds:0} ms (+{(cpu - _lastCpu).TotalMilliseconds:0}) {step}"));
            _last = now;
            _lastCpu = cpu;
        }
    }
}
