using System.Buffers;

namespace EmailGuard.Gateway.Receive;

/// <summary>
/// The memory behind every session's read pipe. SmtpServer holds a whole DATA in pipe segments until the end of
/// the message; with the shared pool most returned segments are dropped, live on into gen 2 and are freed only
/// by a full GC, so a second burst of large messages doubled peak memory. A dedicated pool reuses them instead:
/// peak memory follows the largest burst, not the sum of two.
/// </summary>
internal sealed class SegmentPool : MemoryPool<byte>
{
    public const int SegmentSize = 64 * 1024;

    private readonly ArrayPool<byte> _arrays;

    /// <param name="maxPooledBytes">Memory kept for reuse; beyond it segments are ordinary garbage.</param>
    public SegmentPool(long maxPooledBytes) =>
        _arrays = ArrayPool<byte>.Create(SegmentSize, (int)Math.Clamp(maxPooledBytes / SegmentSize, 16, 1_000_000));

    public override int MaxBufferSize => SegmentSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) =>
        new Owner(_arrays, _arrays.Rent(minBufferSize <= 0 ? SegmentSize : Math.Max(minBufferSize, SegmentSize)));

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Owner(ArrayPool<byte> pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Owner));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } a)
            {
                pool.Return(a);
            }
        }
    }
}
