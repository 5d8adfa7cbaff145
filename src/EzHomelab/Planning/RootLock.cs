using System.Globalization;

namespace EzHomelab.Planning;

/// <summary>
/// An exclusive lock on an output root, held for a whole run that writes there (render, deploy, down), so two runs
/// never interleave their writes: two renders racing once printed two admin passwords and kept one hash.
/// The lock is <c>&lt;root&gt;/.ezhomelab/lock</c> opened without sharing (an advisory <c>flock</c> on Linux and macOS,
/// a share-mode lock on Windows): the operating system releases it when the process ends, however it ends, so a killed
/// run never leaves a stale lock. Who holds it is written beside it (<c>lock.holder</c>) for the refusal message only.
/// </summary>
public sealed class RootLock : IDisposable
{
    public const string FileName = Manifest.Folder + "/lock";
    public const string HolderFileName = Manifest.Folder + "/lock.holder";
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _lock;
    private readonly string _holderPath;

    private RootLock(FileStream handle, string holderPath)
    {
        _lock = handle;
        _holderPath = holderPath;
    }

    /// <summary>Takes the lock, or throws <see cref="RefusedException"/> naming its holder.</summary>
    /// <param name="verb">What this run does (shown to a run that finds the root locked).</param>
    /// <exception cref="FileStoreException">The root's <c>.ezhomelab</c> folder cannot be created.</exception>
    public static RootLock Acquire(FileStore store, string verb) =>
        TryAcquire(store, verb) ?? throw new RefusedException(
            $"another EzHomelab run is using {store.Root}: {DescribeHolder(store)}; wait for it to finish, or run again with --wait to wait for it");

    /// <summary>Takes the lock, waiting as long as another run holds it; <paramref name="waiting"/> is told once, with the holder.</summary>
    public static async Task<RootLock> AcquireWaitingAsync(FileStore store, string verb, Action<string> waiting, CancellationToken cancellationToken)
    {
        bool told = false;
        while (true)
        {
            if (TryAcquire(store, verb) is { } taken) return taken;
            if (!told)
            {
                waiting($"waiting for another EzHomelab run to finish with {store.Root}: {DescribeHolder(store)}");
                told = true;
            }
            await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static RootLock? TryAcquire(FileStore store, string verb)
    {
        var folder = Path.Combine(store.Root, Manifest.Folder);
        var path = Path.Combine(store.Root, FileName);
        FileStream handle;
        try
        {
            Directory.CreateDirectory(folder);
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(path) && !IsFolderProblem(folder))
        {
            return null; // held by another process
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileStoreException($"cannot write to {store.Root}: {e.Message}", e);
        }

        var holderPath = Path.Combine(store.Root, HolderFileName);
        try
        {
            var started = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            File.WriteAllText(holderPath, $"pid {Environment.ProcessId} ({verb}, started {started} on {Environment.MachineName})\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the refusal message of another run would miss it; the lock itself is held.
        }
        return new RootLock(handle, holderPath);
    }

    private static bool IsFolderProblem(string folder) => !Directory.Exists(folder);

    private static string DescribeHolder(FileStore store)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(store.Root, HolderFileName)).Trim();
            return text.Length > 0 ? text : "its holder did not say who it is";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "its holder did not say who it is";
        }
    }

    public void Dispose()
    {
        // The holder note goes first, while the lock still keeps others from writing their own.
        try { File.Delete(_holderPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        _lock.Dispose();
    }
}
