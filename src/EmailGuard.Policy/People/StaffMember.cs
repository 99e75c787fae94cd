namespace EmailGuard.Policy.People;

/// <summary>One row of staff.csv; <see cref="Email"/> is an approved Trust account.</summary>
public sealed record StaffMember(string FirstName, string LastName, string Email);
