namespace EmailGuard.Policy.People;

/// <summary>The people the policy protects and trusts, as loaded from the directory files.</summary>
public sealed record TrustDirectory(IReadOnlyList<Pupil> Pupils, IReadOnlyList<StaffMember> Staff)
{
    public static TrustDirectory Empty { get; } = new([], []);
}
