namespace EmailGuard.Policy.Rules;

/// <summary>
/// Who a name belongs to. Almost every name has one owner, so the first is held inline and a list is made only
/// for the rare shared name: at 50,000 pupils a list per name was a large share of load time and memory.
/// </summary>
internal sealed class Owners<T>(T first)
{
    private List<T>? _more;

    public T First { get; } = first;

    public int Count => 1 + (_more?.Count ?? 0);

    /// <summary>Adds an owner once: one pupil reaches the same form twice when first and preferred names share an initial.</summary>
    public void Add(T owner)
    {
        if (EqualityComparer<T>.Default.Equals(First, owner) || (_more?.Contains(owner) ?? false))
        {
            return;
        }
        (_more ??= []).Add(owner);
    }

    public IReadOnlyList<T> ToList() => _more is null ? [First] : [First, .. _more];
}
