using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// <c>[Homelab(Timezone)]</c> is checked against the vendored IANA table (EZH0028), not against the shape of a name
/// nor the time zones of the machine the compiler runs on.
/// </summary>
public class TimezoneTests
{
    private const string Web = "[Stack(\"web\")][Service(Image = \"nginx:1.27\")] public partial class Web;";

    private static string Lab(string timezone) =>
        "[Homelab(Domain = \"example.org\", Timezone = \"" + timezone + "\")] public partial class MyLab;";

    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { Services(Lab("Mars/Olympus")), Services(Web) }, "Timezone = \"Mars/Olympus\"", "[Homelab] Timezone 'Mars/Olympus'",
            new[] { Services(Lab("Europe/Berlin")), Services(Web) }),
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { Services(Lab("Europe/Berlinn")), Services(Web) }, "Timezone = \"Europe/Berlinn\"", "time zone of the IANA database (tzdata",
            new[] { Services(Lab("Etc/UTC")), Services(Web) }),
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { Services(Lab("W. Europe Standard Time")), Services(Web) }, "Timezone = \"W. Europe Standard Time\"", "'W. Europe Standard Time'",
            new[] { Services(Lab("UTC")), Services(Web) }),
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { Services(Lab("europe/berlin")), Services(Web) }, "Timezone = \"europe/berlin\"", "'europe/berlin'",
            new[] { Services(Lab("US/Pacific")), Services(Web) }),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void A_name_the_IANA_database_lacks_is_reported_on_the_argument(DiagnosticCase c) => new DiagnosticTests().Trigger_reports_the_diagnostic_on_the_offending_argument(c);

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void A_name_of_the_database_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);
}
