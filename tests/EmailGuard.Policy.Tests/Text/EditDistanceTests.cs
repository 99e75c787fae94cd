using EmailGuard.Policy.Text;

namespace EmailGuard.Policy.Tests.Text;

public class EditDistanceTests
{
    [TestCase("gmail.com", "gmail.com", 0)]
    [TestCase("gmial.com", "gmail.com", 1)]
    [TestCase("gmail.co", "gmail.com", 1)]
    [TestCase("gmaill.con", "gmail.com", 2)]
    [TestCase("ca", "abc", 3)]
    [TestCase("kitten", "sitting", 3)]
    public void Damerau_counts_a_transposition_as_one_edit(string a, string b, int expected)
    {
        Assert.That(EditDistance.Damerau(a, b, max: 5), Is.EqualTo(expected));
    }

    [Test]
    public void Distance_beyond_the_limit_reports_limit_plus_one()
    {
        Assert.That(EditDistance.Damerau("outlook.com", "yahoo.co.uk", max: 2), Is.EqualTo(3));
    }
}
