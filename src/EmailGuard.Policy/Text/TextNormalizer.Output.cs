using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        private const int WordBlock = 8; // one Vector128 of chars
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
            for (var i = 0; i < run.Length; i += WordBlock)
            {
                var block = run[i..Math.Min(i + WordBlock, run.Length)];
                if (block.Length < WordBlock || !TryAppendWords(block))
                {
                    AppendFolded(block, table);
                }
            }
        }

        // Eight characters of letters and single spaces (most of a body, and folded alike under every option)
        // lower-case in one vector step; on a 20 KB body this takes a quarter off the table loop's time.
        // Anything else is left to the table: false, nothing appended.
        private bool TryAppendWords(ReadOnlySpan<char> block)
        {
            if (!Vector128.IsHardwareAccelerated)
            {
                return false;
            }
            var chars = Vector128.Create(MemoryMarshal.Cast<char, ushort>(block));
            var lower = chars | Vector128.Create((ushort)0x20); // A-Z to a-z; a space stays a space
            var letters = Vector128.GreaterThanOrEqual(lower, Vector128.Create((ushort)'a'))
                & Vector128.LessThanOrEqual(lower, Vector128.Create((ushort)'z'));
            var blanks = Vector128.Equals(chars, Vector128.Create((ushort)' '));
            var spaceBits = blanks.ExtractMostSignificantBits();
            // A space is copied only between two letters: not two in a row, and not first when it would join a
            // pending space or start the text. One at the end becomes pending, as the table loop would leave it.
            var leadingSpaceCollapses = _pendingSpace || _length == 0;
            if ((letters | blanks) != Vector128<ushort>.AllBitsSet || (spaceBits & (spaceBits >> 1)) != 0
                || ((spaceBits & 1) != 0 && leadingSpaceCollapses))
            {
                return false;
            }
            if (_pendingSpace && _length > 0)
            {
                AddSpace();
            }
            lower.CopyTo(MemoryMarshal.Cast<char, ushort>(_buffer.AsSpan(_length)));
            var trailingSpace = (spaceBits & (1u << (WordBlock - 1))) != 0;
            if (_spaces is not null)
            {
                for (var bits = spaceBits & ~(1u << (WordBlock - 1)); bits != 0; bits &= bits - 1)
                {
                    _spaces[_spaceCount++] = _length + BitOperations.TrailingZeroCount(bits);
                }
            }
            _length += trailingSpace ? WordBlock - 1 : WordBlock;
            _pendingSpace = trailingSpace;
            return true;
        }

        private void AppendFolded(ReadOnlySpan<char> chars, char[] table)
        {
            var buffer = _buffer;
            var length = _length;
            var pendingSpace = _pendingSpace;
            var spaces = _spaces;
            var spaceCount = _spaceCount;
            foreach (var c in chars)
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
                AddSpace();
            }
            _pendingSpace = false;
        }

        private void AddSpace()
        {
            if (_spaces is not null)
            {
                _spaces[_spaceCount++] = _length;
            }
            _buffer[_length++] = ' ';
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
