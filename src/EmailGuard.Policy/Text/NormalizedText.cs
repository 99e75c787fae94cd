using System.Buffers;

namespace EmailGuard.Policy.Text;

/// <summary>
/// A normalised text (tokens separated by single spaces, as <see cref="TextNormalizer.Normalize"/> returns) in a
/// pooled buffer, for a caller that scans it once and keeps only slices: a 20 KB body is not copied into a string
/// that is dropped straight after. <see cref="Dispose"/> returns the buffer.
/// </summary>
internal sealed class NormalizedText(char[] buffer, int length) : IDisposable
{
    private char[]? _buffer = buffer;

    public ReadOnlySpan<char> Text => (_buffer ?? throw new ObjectDisposedException(nameof(NormalizedText))).AsSpan(0, length);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
