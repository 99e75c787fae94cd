namespace EmailGuard.Policy.Safety;

/// <summary>A character budget shared by every part of one message.</summary>
internal sealed class CharBudget(int limit)
{
    public int Remaining { get; private set; } = limit;

    public bool Exhausted => Remaining <= 0;

    public int Take(int wanted)
    {
        var taken = Math.Min(wanted, Remaining);
        Remaining -= taken;
        return taken;
    }
}

/// <summary>Reads from <paramref name="inner"/> until the budget runs out, then reports end of text.</summary>
internal sealed class BoundedTextReader(TextReader inner, CharBudget budget) : TextReader
{
    public override int Peek() => budget.Exhausted ? -1 : inner.Peek();

    public override int Read()
    {
        if (budget.Exhausted)
        {
            return -1;
        }
        var c = inner.Read();
        if (c >= 0)
        {
            budget.Take(1);
        }
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var allowed = Math.Min(buffer.Length, budget.Remaining);
        if (allowed <= 0)
        {
            return 0;
        }
        var read = inner.Read(buffer[..allowed]);
        budget.Take(read);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
