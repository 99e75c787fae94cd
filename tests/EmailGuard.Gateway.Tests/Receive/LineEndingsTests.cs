using System.Buffers;
using System.Text;
using EmailGuard.Gateway.Receive;

namespace EmailGuard.Gateway.Tests.Receive;

public sealed class LineEndingsTests
{
    [TestCase("a\r\nb\r\n", false)]
    [TestCase("", false)]
    [TestCase("a\nb", true)]
    [TestCase("a\rb", true)]
    [TestCase("a\r", true)]
    [TestCase("\n", true)]
    [TestCase("a\r\r\n", true)]
    public void Finds_bare_cr_or_lf(string text, bool expected) =>
        Assert.That(LineEndings.HasBareCrOrLf(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text))), Is.EqualTo(expected));

    [TestCase("ab\r", "\nc", false)]
    [TestCase("ab\r", "c", true)]
    [TestCase("ab", "\nc", true)]
    public void Sees_pairs_split_across_segments(string first, string second, bool expected)
    {
        var a = new Segment(Encoding.ASCII.GetBytes(first));
        var b = a.Append(Encoding.ASCII.GetBytes(second));
        Assert.That(LineEndings.HasBareCrOrLf(new ReadOnlySequence<byte>(a, 0, b, second.Length)), Is.EqualTo(expected));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
