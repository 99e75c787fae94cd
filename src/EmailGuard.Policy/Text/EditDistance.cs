namespace EmailGuard.Policy.Text;

/// <summary>Damerau–Levenshtein distance (optimal string alignment: a swap of neighbours counts as one edit).</summary>
public static class EditDistance
{
    /// <summary>
    /// The distance between <paramref name="a"/> and <paramref name="b"/>, or <c>max + 1</c> as soon as it is
    /// known to exceed <paramref name="max"/> (callers only ask "within N?", so the early exit keeps it cheap).
    /// </summary>
    public static int Damerau(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        // Row i lives in rows[i % 3]; the row two back is needed for transpositions.
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }
        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var current = rows[i % 3];
            var previous = rows[(i - 1) % 3];
            var beforePrevious = rows[(i + 1) % 3];
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
        }
        return Math.Min(rows[a.Length % 3][b.Length], max + 1);
    }
}
