using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Model;
using EzHomelab.Rendering;
using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// [Widget] (and the lab's [Smtp]): how it merges along a class chain, what the generator emits (the secret's name, never a value), the
/// variants of its diagnostics, and the run-time twin that refuses the same labs.
/// </summary>
public class WidgetTests
{
    private const string Sonarr = """
        [Stack("media")]
        [Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")]
        [Route(8989)]
        [Dashboard("Media")]
        """;

    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        new DiagnosticCase("EZH0041", DiagnosticSeverity.Error,
            new[] { StandardLab, LoginPortal, Services(Sonarr + "[Widget(\"sonarr\", Url = \"sonarr:8989\")] public partial class Sonarr;") }, "Url = \"sonarr:8989\"", "'sonarr'",
            new[] { StandardLab, LoginPortal, Services(Sonarr + "[Widget(\"sonarr\", Url = \"http://sonarr:8989\")] public partial class Sonarr;") }),
        new DiagnosticCase("EZH0041", DiagnosticSeverity.Error,
            new[] { StandardLab, LoginPortal, Services(Sonarr + "[Widget(\"uptime-kuma\")] public partial class Sonarr;") }, "\"uptime-kuma\"", "'sonarr'",
            new[] { StandardLab, LoginPortal, Services(Sonarr + "[Widget(\"uptimekuma\")] public partial class Sonarr;") }),
        // EZH0030's rule also covers a widget's key secret.
        // [Smtp] on the lab class: EZH0028 for its host and sender, EZH0033 for its port.
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("[Smtp(\"smtp\", 587, \"auth@example.org\", \"mailer\")]"), LoginPortal, Services(Sonarr + "public partial class Sonarr;") }, "\"smtp\"", "[Smtp] host",
            new[] { DiagnosticCases.LabWith("[Smtp(\"smtp.example.org\", 587, \"auth@example.org\", \"mailer\")]"), LoginPortal, Services(Sonarr + "public partial class Sonarr;") }),
        new DiagnosticCase("EZH0028", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("[Smtp(\"smtp.example.org\", 587, \"auth\", \"mailer\")]"), LoginPortal, Services(Sonarr + "public partial class Sonarr;") }, "\"auth\"", "[Smtp] sender",
            new[] { DiagnosticCases.LabWith("[Smtp(\"smtp.example.org\", 587, \"auth@example.org\", \"mailer\")]"), LoginPortal, Services(Sonarr + "public partial class Sonarr;") }),
        new DiagnosticCase("EZH0033", DiagnosticSeverity.Error,
            new[] { DiagnosticCases.LabWith("[Smtp(\"smtp.example.org\", 70000, \"auth@example.org\", \"mailer\")]"), LoginPortal, Services(Sonarr + "public partial class Sonarr;") }, "70000", "[Smtp] port",
            new[] { DiagnosticCases.LabWith("[Smtp(\"smtp.example.org\", 465, \"auth@example.org\", \"mailer\")]"), LoginPortal, Services(Sonarr + "public partial class Sonarr;") }),
        new DiagnosticCase("EZH0030", DiagnosticSeverity.Error,
            new[] { StandardLab, LoginPortal, Services(Sonarr + "[Widget(\"sonarr\", ApiKeySecret = \"Sonarr_Key\")] public partial class Sonarr;") }, "ApiKeySecret = \"Sonarr_Key\"", "[Widget] ApiKeySecret",
            new[] { StandardLab, LoginPortal, Services(Sonarr + "[Widget(\"sonarr\", ApiKeySecret = \"sonarr-api-key\")] public partial class Sonarr;") }),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    public static IEnumerable<object[]> RuntimeTwinCases =>
        DiagnosticCases.Cases.Where(c => c.Id == "EZH0041").Concat(Variants).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_triggers_on_the_offending_argument(DiagnosticCase c) => new DiagnosticTests().Trigger_reports_the_diagnostic_on_the_offending_argument(c);

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    [Theory]
    [MemberData(nameof(RuntimeTwinCases))]
    public void Runtime_refuses_what_the_generator_reports(DiagnosticCase c) => RuntimeTwin.AssertRefusesWhatTheGeneratorReports(c);

    /// <summary>A base class with a widget and a derived class that refines some of its arguments.</summary>
    internal static readonly string[] MergeLab =
    {
        StandardLab,
        LoginPortal,
        Services("""
            [Widget("sonarr", ApiKeySecret = "arr-api-key", Fields = new[] { "wanted", "queued" })]
            public abstract class ArrApp;

            [Stack("media")]
            [Service(Image = "lscr.io/linuxserver/radarr:5.16.3")]
            [Route(7878)]
            [Dashboard("Media")]
            [Widget("radarr", Url = "http://movies:7878")]
            public partial class Radarr : ArrApp;
            """),
    };

    [Fact]
    public void Widget_merges_per_argument_with_the_most_derived_class_winning()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var widget = LabLoader.Service(run.Output, "Lab.Radarr").Widget;
        Assert.NotNull(widget);
        Assert.Equal("radarr", widget.Type);
        Assert.Equal("http://movies:7878", widget.Url);
        Assert.Equal("arr-api-key", widget.ApiKeySecret);
        Assert.Equal(new[] { "wanted", "queued" }, widget.Fields);
    }

    [Fact]
    public void Smtp_is_emitted_on_the_lab_and_absent_without_the_attribute()
    {
        var run = GeneratorHarness.Run(DiagnosticCases.LabWith("[Smtp(\"smtp.example.org\", 587, \"auth@example.org\", \"mailer\")]"), LoginPortal, Services(Sonarr + "public partial class Sonarr;"));
        run.AssertClean();
        Assert.Equal(new SmtpSpec("smtp.example.org", 587, "auth@example.org", "mailer"), LabLoader.Lab(run.Output, "Lab.MyLab").Smtp);

        var without = GeneratorHarness.Run(StandardLab, LoginPortal, Services(Sonarr + "public partial class Sonarr;"));
        without.AssertClean();
        Assert.DoesNotContain("Smtp", without.AllGenerated());
        Assert.Null(LabLoader.Lab(without.Output, "Lab.MyLab").Smtp);
    }

    [Fact]
    public void A_service_without_a_widget_emits_none()
    {
        var run = GeneratorHarness.Run(StandardLab, LoginPortal, Services(Sonarr + "public partial class Sonarr;"));
        run.AssertClean();
        Assert.DoesNotContain("Widget", run.AllGenerated());
        Assert.Null(LabLoader.Service(run.Output, "Lab.Sonarr").Widget);
    }
}
