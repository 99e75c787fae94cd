using System.Runtime.InteropServices;

namespace EmailGuard.Gateway.Spool;

/// <summary>
/// Makes renames into one directory durable with fsync on the directory, batched: every caller that renamed
/// before a sync starts shares that sync (group commit), so 20 sessions cost one directory fsync, not 20.
/// </summary>
internal sealed partial class DirectorySync(string path)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _pending;
    private bool _busy;

    public Task SyncAsync()
    {
        lock (_gate)
        {
            if (_pending is not null)
            {
                return _pending.Task;
            }
            var batch = _pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_busy)
            {
                _busy = true;
                _ = Task.Run(DrainAsync);
            }
            return batch.Task;
        }
    }

    private Task DrainAsync()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (_gate)
            {
                if (_pending is null)
                {
                    _busy = false;
                    return Task.CompletedTask;
                }
                batch = _pending;
                _pending = null;
            }
            try
            {
                Fsync(path);
                batch.SetResult();
            }
            catch (Exception e)
            {
                batch.SetException(e);
            }
        }
    }

    /// <summary>fsync(2) on a directory: .NET has no managed way to open one for flushing.</summary>
    public static void Fsync(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        var fd = Open(directory, ORdOnly | ODirectory);
        if (fd < 0)
        {
            throw new IOException($"open({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
        try
        {
            if (FsyncFd(fd) != 0)
            {
                throw new IOException($"fsync({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private const int ORdOnly = 0;
    private static readonly int ODirectory = OperatingSystem.IsMacOS() ? 0x100000 : 0x10000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncFd(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
