using System.Text;
using EmailGuard.Gateway.Delivery;

namespace EmailGuard.Gateway.Tests.Delivery;

public class ContentScannerTests
{
    private static readonly int[] ChunkSizes = [1, 2, 3, 5, 64 * 1024];

    [TestCase("A: b\r\n\r\nbody\r\n", 4, true, false, false)]
    [TestCase("A: é\r\n\r\nbody\r\n", 5, true, true, true)]
    [TestCase("A: b\r\n\r\né\r\n", 4, true, true, false)]
    [TestCase("\r\né\r\n", 0, true, true, false)]
    [TestCase("no line ending é", -1, false, true, true)]
    [TestCase("ends in bare LF\n", -1, false, false, false)]
    [TestCase("", -1, false, false, false)]
    public void Scanning_gives_the_same_answer_whatever_the_buffer_size(string text, long firstCrLf, bool endsWithCrLf, bool eightBit, bool headerEightBit)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var size in ChunkSizes)
        {
            var scanner = new ContentScanner();
            foreach (var chunk in bytes.Chunk(size))
            {
                scanner.Add(chunk);
            }

            Assert.Multiple(() =>
            {
                Assert.That(scanner.Length, Is.EqualTo(bytes.Length), $"chunk {size}");
                Assert.That(scanner.FirstCrLf, Is.EqualTo(firstCrLf), $"chunk {size}");
                Assert.That(scanner.EndsWithCrLf, Is.EqualTo(endsWithCrLf), $"chunk {size}");
                Assert.That(scanner.HasEightBitBytes, Is.EqualTo(eightBit), $"chunk {size}");
                Assert.That(scanner.HeaderHasEightBitBytes, Is.EqualTo(headerEightBit), $"chunk {size}");
            });
        }
    }
}
