using System.Globalization;

namespace EmailGuard.Benchmarks;

/// <summary><c>gen-directory N OUTDIR [TRUST-DOMAIN]</c>: writes pupils.csv and staff.csv for load tests and samples.</summary>
internal static class GenDirectoryCommand
{
    public static int Run(string[] args)
    {
        if (args.Length is < 2 or > 3 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pupils) || pupils < 1)
        {
            Console.Error.WriteLine("Usage: EmailGuard.Benchmarks gen-directory N OUTDIR [TRUST-DOMAIN]");
            return 2;
        }
        var trustDomain = args.Length == 3 ? args[2] : "oakfield-trust.example";
        Directory.CreateDirectory(args[1]);
        File.WriteAllText(Path.Combine(args[1], "pupils.csv"), DirectoryGenerator.PupilsCsv(pupils, "pupils." + trustDomain));
        // About one member of staff per twelve pupils, as in a typical English secondary school.
        File.WriteAllText(Path.Combine(args[1], "staff.csv"), DirectoryGenerator.StaffCsv(Math.Max(5, pupils / 12), trustDomain));
        Console.WriteLine($"Wrote {pupils} pupils to {args[1]}");
        return 0;
    }
}
