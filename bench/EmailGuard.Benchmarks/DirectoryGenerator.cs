using System.Globalization;
using System.Text;

namespace EmailGuard.Benchmarks;

/// <summary>
/// A deterministic fictional directory: the same N always gives the same people, so samples, load tests and
/// benchmarks are reproducible. Names include accents, apostrophes, hyphens and multi-word given names so the
/// normaliser and CSV quoting are exercised, not just ASCII.
/// </summary>
internal static class DirectoryGenerator
{
    private static readonly string[] FirstNames =
    [
        "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Zoë", "Leo", "Chloé", "Arthur",
        "Siobhán", "Muhammad", "Freya", "Oscar", "Poppy", "Charlie", "Ivy", "Theo", "Florence", "Jacob", "Willow",
        "Alfie", "Rosie", "Finley", "Sophia", "Archie", "Isabella", "Henry", "Grace", "Thomas", "Evie", "Joshua",
        "Daisy", "William", "Elsie", "James", "Mary Ann", "Ethan", "Aoife", "Reuben", "Niamh", "Kacper", "Zofia",
        "Tomás", "Anaïs", "Dylan", "Eleri", "Rhys", "Ffion", "Kai", "Amara", "Yusuf", "Priya", "Arjun", "Léa", "Matteo",
        "Emre",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood",
        "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King",
        "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott", "Watson", "Davis", "Parker", "James",
        "Bennett", "Young", "Phillips", "Richardson", "Mitchell", "O'Brien", "Nowak", "Kowalski", "Nguyen", "Ahmed",
        "Murphy", "Price-Jones", "MacLeod", "Fitzgerald", "Okafor", "Da Silva", "Sørensen", "Ó Súilleabháin",
    ];

    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\n;' ");

    private static readonly string[] Preferred = ["", "", "", "", "", "", "", "Alex", "Sam", "Charlie", "Bea", "Jo"];

    public static string PupilsCsv(int count, string pupilDomain)
    {
        var csv = new StringBuilder("upn,first_name,last_name,preferred_name,email,personal_emails\n");
        for (var i = 0; i < count; i++)
        {
            var (first, last) = NameOf(i);
            var preferred = Preferred[(i * 5 + 3) % Preferred.Length];
            var local = Local(first, last, i);
            // Roughly one pupil in seven has a personal address on file (given by a parent at admission).
            var personal = i % 7 == 3 ? $"{local}.home@gmail.com;family{i}@outlook.com" : "";
            csv.Append(CultureInfo.InvariantCulture,
                $"P{i:D6},{Quote(first)},{Quote(last)},{Quote(preferred)},{local}@{pupilDomain},{Quote(personal)}\n");
        }
        return csv.ToString();
    }

    public static string StaffCsv(int count, string trustDomain)
    {
        var csv = new StringBuilder("first_name,last_name,email\n");
        for (var i = 0; i < count; i++)
        {
            // Staff names come from the far end of the lists so they rarely coincide with pupils'.
            var first = FirstNames[FirstNames.Length - 1 - (i * 7 % FirstNames.Length)];
            var last = LastNames[LastNames.Length - 1 - (i * 3 % LastNames.Length)];
            csv.Append(CultureInfo.InvariantCulture, $"{Quote(first)},{Quote(last)},{Local(first, last, i, staff: true)}@{trustDomain}\n");
        }
        return csv.ToString();
    }

    public static (string First, string Last) NameOf(int i) =>
        (FirstNames[(i * 7 + i / FirstNames.Length) % FirstNames.Length], LastNames[(i * 13 + i / 3) % LastNames.Length]);

    private static string Local(string first, string last, int i, bool staff = false)
    {
        var f = Ascii(first);
        var l = Ascii(last);
        return staff ? $"{f[0]}.{l}{(i >= 50 ? i.ToString(CultureInfo.InvariantCulture) : "")}" : $"{f}.{l}{i}";
    }

    private static string Ascii(string name)
    {
        var decomposed = name.ToLowerInvariant().Replace("ø", "o", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(char.IsAsciiLetter).ToArray());
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(NeedsQuotes) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
