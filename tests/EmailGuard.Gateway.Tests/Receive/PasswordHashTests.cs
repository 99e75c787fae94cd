using EmailGuard.Gateway.Receive;

namespace EmailGuard.Gateway.Tests.Receive;

public sealed class PasswordHashTests
{
    [Test]
    public void Hash_verifies_the_right_password_only()
    {
        var hash = PasswordHash.Create("correct horse");
        Assert.That(PasswordHash.Verify("correct horse", hash), Is.True);
        Assert.That(PasswordHash.Verify("correct horsE", hash), Is.False);
        Assert.That(hash, Does.Not.Contain("correct"));
    }

    [Test]
    public void Two_hashes_of_one_password_differ_by_salt()
    {
        var first = PasswordHash.Create("pw");
        var second = PasswordHash.Create("pw");
        Assert.That(first, Is.Not.EqualTo(second));
    }

    [TestCase("")]
    [TestCase("plaintext")]
    [TestCase("pbkdf2-sha256$1$AAAA$AAAA")]
    public void Malformed_hash_is_not_well_formed_and_never_verifies(string stored)
    {
        Assert.That(PasswordHash.IsWellFormed(stored), Is.False);
        Assert.That(PasswordHash.Verify("x", stored), Is.False);
    }
}
