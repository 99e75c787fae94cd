using System.Buffers;
using System.Text;

namespace EmailGuard.Policy.Text;

public static partial class TextNormalizer
{
    /// <summary>
    /// Builds the result in a pooled buffer with single spaces between tokens and none at either end; a 20 KB
    /// body would otherwise cost a StringBuilder append per character. With <paramref name="recordSpaces"/> it
    /// also notes where each space goes, so a scan of the tokens need not look for them again.
    /// <see cref="Dispose"/> returns the buffers.
    /// </summary>
    private struct Output : IDisposable
    {
        private char[] _buffer;
        private int _length;
        private bool _pendingSpace;
        private int[]? _spaces;
        private int _spaceCount;

        public Output(int capacity, bool recordSpaces = false)
        {
            _buffer = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 16));
            _spaces = recordSpaces ? ArrayPool<int>.Shared.Rent(SpacesFor(_buffer)) : null;
        }

        public readonly ReadOnlySpan<char> Text => _buffer.AsSpan(0, _length);

        public void Separate() => _pendingSpace = true;

        public void Append(char c)
        {
            Reserve(2);
            BeforeToken();
            _buffer[_length++] = c;
        }

        public void Append(ReadOnlySpan<char> s)
        {
            Reserve(s.Length + 1);
            BeforeToken();
            s.CopyTo(_buffer.AsSpan(_length));
            _length += s.Length;
        }

        public void Append(Rune rune)
        {
            Span<char> chars = stackalloc char[2];
            Append(chars[..rune.EncodeToUtf16(chars)]);
        }

        /// <summary>Appends ASCII characters through <paramref name="table"/> (see <see cref="AsciiTable"/>).</summary>
        public void AppendAscii(ReadOnlySpan<char> run, char[] table)
        {
            // A character writes at most one character (a separator writes none, only the space that may follow
            // it), plus a space pending from before the run, so one check covers the whole run.
            Reserve(run.Length + 1);
            var buffer = _buffer;
            var length = _length;
            var pendingSpace = _pendingSpace;
            var spaces = _spaces;
            var spaceCount = _spaceCount;
            foreach (var c in run)
            {
                var folded = table[c];
                if (folded == Separator)
                {
                    pendingSpace = true;
                }
                else if (folded != Nothing)
                {
                    if (pendingSpace && length > 0)
                    {
                        if (spaces is not null)
                        {
                            spaces[spaceCount++] = length;
                        }
                        buffer[length++] = ' ';
                    }
                    pendingSpace = false;
                    buffer[length++] = folded;
                }
            }
            _length = length;
            _pendingSpace = pendingSpace;
            _spaceCount = spaceCount;
        }

        public readonly void Dispose()
        {
            ArrayPool<char>.Shared.Return(_buffer);
            if (_spaces is not null)
            {
                ArrayPool<int>.Shared.Return(_spaces);
            }
        }

        /// <summary>Hands the buffers to the result instead of returning them; do not dispose afterwards.</summary>
        public readonly NormalizedText Detach() => new(_buffer, _length,
            _spaces ?? throw new InvalidOperationException("Only output that records spaces is detached."), _spaceCount);

        private void BeforeToken()
        {
            if (_pendingSpace && _length > 0)
            {
                if (_spaces is not null)
                {
                    _spaces[_spaceCount++] = _length;
                }
                _buffer[_length++] = ' ';
            }
            _pendingSpace = false;
        }

        // A space comes only between two token characters, so a buffer holds fewer than half as many spaces.
        private static int SpacesFor(char[] buffer) => buffer.Length / 2 + 1;

        private void Reserve(int chars)
        {
            if (_length + chars > _buffer.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + chars));
                Text.CopyTo(larger);
                ArrayPool<char>.Shared.Return(_buffer);
                _buffer = larger;
                if (_spaces is not null)
                {
                    var moreSpaces = ArrayPool<int>.Shared.Rent(SpacesFor(larger));
                    _spaces.AsSpan(0, _spaceCount).CopyTo(moreSpaces);
                    ArrayPool<int>.Shared.Return(_spaces);
                    _spaces = moreSpaces;
                }
            }
        }
    }
}
