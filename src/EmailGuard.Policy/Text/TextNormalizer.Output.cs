using System.Buffers;
using System.Text;

namespace EmailGuard.Policy.Text;

public static partial class TextNormalizer
{
    /// <summary>
    /// Builds the result in a pooled buffer with single spaces between tokens and none at either end; a 20 KB
    /// body would otherwise cost a StringBuilder append per character. <see cref="Dispose"/> returns the buffer.
    /// </summary>
    private struct Output(int capacity) : IDisposable
    {
        private char[] _buffer = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 16));
        private int _length;
        private bool _pendingSpace;

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
                        buffer[length++] = ' ';
                    }
                    pendingSpace = false;
                    buffer[length++] = folded;
                }
            }
            _length = length;
            _pendingSpace = pendingSpace;
        }

        public void Dispose() => ArrayPool<char>.Shared.Return(_buffer);

        /// <summary>Hands the buffer to the result instead of returning it; do not dispose afterwards.</summary>
        public readonly NormalizedText Detach() => new(_buffer, _length);

        private void BeforeToken()
        {
            if (_pendingSpace && _length > 0)
            {
                _buffer[_length++] = ' ';
            }
            _pendingSpace = false;
        }

        private void Reserve(int chars)
        {
            if (_length + chars > _buffer.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + chars));
                Text.CopyTo(larger);
                ArrayPool<char>.Shared.Return(_buffer);
                _buffer = larger;
            }
        }
    }
}
