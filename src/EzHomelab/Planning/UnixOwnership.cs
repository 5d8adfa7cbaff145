using System.Runtime.InteropServices;

namespace EzHomelab.Planning;

/// <summary>
/// A file's numeric owner, read and changed through the C library (.NET has no API for either). Linux and macOS;
/// elsewhere nothing is read and a change is refused.
/// </summary>
internal static class UnixOwnership
{
    private const int AtCurrentFolder = -100; // AT_FDCWD
    private const uint StatxUid = 0x8, StatxGid = 0x10;
    private const int StatxSize = 256;        // struct statx, the same layout on every architecture
    private const int StatxUidOffset = 20, StatxGidOffset = 24;
    private const uint Unchanged = uint.MaxValue; // (gid_t)-1: chown leaves the group as it is

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    /// <summary>The file's uid and gid; null when they cannot be read here (not Linux, an old C library, no such file).</summary>
    public static (int Uid, int Gid)? TryGet(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtCurrentFolder, path, 0, StatxUid | StatxGid, buffer) != 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        return (BitConverter.ToInt32(buffer, StatxUidOffset), BitConverter.ToInt32(buffer, StatxGidOffset));
    }

    /// <summary>Gives the file to <paramref name="uid"/> (and <paramref name="gid"/>, unless null); the reason when that was refused (<c>Operation not permitted</c>), else null.</summary>
    public static string? TrySet(string path, int uid, int? gid)
    {
        if (OperatingSystem.IsWindows()) return "file owners are not set on Windows";
        try
        {
            if (Chown(path, (uint)uid, gid is { } g ? (uint)g : Unchanged) == 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "the C library's chown is not available";
        }
        return Marshal.GetLastPInvokeErrorMessage();
    }
}
