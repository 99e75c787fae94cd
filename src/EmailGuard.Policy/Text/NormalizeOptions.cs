namespace EmailGuard.Policy.Text;

/// <summary>Variations on <see cref="TextNormalizer.Normalize"/> for callers that need more or less folding.</summary>
[Flags]
public enum NormalizeOptions
{
    None = 0,
    /// <summary>Fold digits and symbols used as letters (3→e, 1→i, 0→o, 4→a, 5→s, 7→t, @→a, $→s) for word lexicons.</summary>
    FoldLeet = 1,
    /// <summary>Keep ASCII punctuation instead of turning it into spaces (domain skeletons keep '.' and '-').</summary>
    KeepPunctuation = 2,
}
