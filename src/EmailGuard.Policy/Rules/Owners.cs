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

    public void Add(T owner) => (_more ??= []).Add(owner);

    public IReadOnlyList<T> ToList() => _more is null ? [First] : [First, .. _more];
}
