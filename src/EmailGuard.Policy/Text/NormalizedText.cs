using System.Buffers;

namespace EmailGuard.Policy.Text;

/// <summary>
/// A normalised text (tokens separated by single spaces, as <see cref="TextNormalizer.Normalize"/> returns) in
/// pooled buffers, for a caller that scans it once and keeps only slices: a 20 KB body is not copied into a string
/// that is dropped straight after. <see cref="Spaces"/> are where the normaliser put its spaces, so a token scan
/// need not look at every character again. <see cref="Dispose"/> returns the buffers.
/// </summary>
internal sealed class NormalizedText(char[] buffer, int length, int[] spaces, int spaceCount) : IDisposable
{
    private char[]? _buffer = buffer;
    private int[]? _spaces = spaces;

    public ReadOnlySpan<char> Text =>
        (_buffer ?? throw new ObjectDisposedException(nameof(NormalizedText))).AsSpan(0, length);

    /// <summary>The index in <see cref="Text"/> of each space, ascending.</summary>
    public ReadOnlySpan<int> Spaces =>
        (_spaces ?? throw new ObjectDisposedException(nameof(NormalizedText))).AsSpan(0, spaceCount);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(_spaces!);
            _buffer = null;
            _spaces = null;
        }
    }
}
