using System.Globalization;
using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Model;
using EzHomelab.Rendering;
using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// Lab variables (<c>[Variable]</c> and <c>${NAME}</c>): how declarations merge along a class chain and across the lab,
/// what the generator emits, the variants of EZH0044–EZH0046 beyond the one case per id (and the older diagnostics a
/// variable changes: EZH0034, EZH0036, EZH0039), and the runtime twin: <see cref="LabVariables.Problems"/> must refuse
/// each trigger once per diagnostic and accept its corrected form.
/// </summary>
public class VariableTests
{
    private const string Web = """
        [Stack("web")]
        [Service(Image = "nginx:1.27")]
        """;

    private const string Media = "[Variable(\"MEDIA_DIR\", \"/mnt/media\")]\n";

    private static DiagnosticCase Case(string id, string trigger, string locationText, string named, string valid) =>
        new(id, DiagnosticSeverity.Error, new[] { StandardLab, LoginPortal, Services(trigger) }, locationText, named, new[] { StandardLab, LoginPortal, Services(valid) });

    private static DiagnosticCase LabCase(string id, string labTrigger, string services, string locationText, string named, string labValid) =>
        new(id, DiagnosticSeverity.Error, new[] { DiagnosticCases.LabWith(labTrigger), LoginPortal, Services(services) }, locationText, named,
            new[] { DiagnosticCases.LabWith(labValid), LoginPortal, Services(services) });

    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        // Names: the rule, the lab's own names, compose's and the runner's prefixes, secrets.
        LabCase("EZH0044", "[Variable(\"media_dir\", \"/mnt/media\")]", Web + "public partial class Web;", "\"media_dir\"", "upper-case letters",
            "[Variable(\"MEDIA_DIR\", \"/mnt/media\")]"),
        LabCase("EZH0044", "[Variable(\"2FA_DIR\", \"/mnt/media\")]", Web + "public partial class Web;", "\"2FA_DIR\"", "not starting with a digit",
            "[Variable(\"TWO_FA_DIR\", \"/mnt/media\")]"),
        Case("EZH0044", "[Variable(\"TZ\", \"Europe/Paris\")]\n" + Web + "public partial class Web;", "\"TZ\"", "already defines",
            "[Env(\"TZ\", \"${TZ}\")]\n" + Web + "public partial class Web;"),
        Case("EZH0044", "[Variable(\"COMPOSE_PROJECT_NAME\", \"x\")]\n" + Web + "public partial class Web;", "\"COMPOSE_PROJECT_NAME\"", "'COMPOSE_'",
            "[Variable(\"PROJECT_NAME\", \"x\")]\n" + Web + "public partial class Web;"),
        Case("EZH0044", "[Variable(\"DB_PASSWORD\", \"hunter2\")]\n" + Web + "public partial class Web;", "\"DB_PASSWORD\"", "[SecretEnv]",
            "[SecretEnv(\"DB_PASSWORD\", \"db-password\")]\n" + Web + "public partial class Web;"),
        // Defaults must survive .env.
        Case("EZH0044", "[Variable(\"MOTD\", \"a${b}\")]\n" + Web + "public partial class Web;", "\"a${b}\"", "would expand",
            "[Variable(\"MOTD\", \"a$$b\")]\n" + Web + "public partial class Web;"),
        Case("EZH0044", "[Variable(\"MOTD\", \"two\\nlines\")]\n" + Web + "public partial class Web;", "\"two\\nlines\"", "line break",
            "[Variable(\"MOTD\", \"one line\")]\n" + Web + "public partial class Web;"),
        // References: empty, not a name, compose's modifiers; in each field that takes them.
        Case("EZH0044", Web + "[Env(\"GREETING\", \"hello ${}\")] public partial class Web;", "\"hello ${}\"", "names no variable",
            Web + "[Env(\"GREETING\", \"hello $${}\")] public partial class Web;"),
        Case("EZH0044", Media + Web + "[Device(\"/dev/${1X}\")] public partial class Web;", "\"/dev/${1X}\"", "not a variable name",
            Media + Web + "[Device(\"/dev/dri\")] public partial class Web;"),
        Case("EZH0044", Media + Web + "[Volume(\"${MEDIA_DIR:-/mnt}/movies\", \"/movies\")] public partial class Web;", "\"${MEDIA_DIR:-/mnt}/movies\"", "declare the default with [Variable]",
            Media + Web + "[Volume(\"${MEDIA_DIR}/movies\", \"/movies\")] public partial class Web;"),
        // A default that stops a path being a path.
        Case("EZH0044", "[Variable(\"MEDIA_DIR\", \"mnt/media\")]\n" + Web + "[Volume(\"${MEDIA_DIR}/movies\", \"/movies\")] public partial class Web;", "\"${MEDIA_DIR}/movies\"", "'mnt/media/movies'",
            "[Variable(\"MEDIA_DIR\", \"./media\")]\n" + Web + "[Volume(\"${MEDIA_DIR}/movies\", \"/movies\")] public partial class Web;"),
        Case("EZH0044", "[Variable(\"GPU\", \"/dev/dri:rw\")]\n" + Web + "[Device(\"${GPU}\")] public partial class Web;", "\"${GPU}\"", "a device path",
            "[Variable(\"GPU\", \"/dev/dri\")]\n" + Web + "[Device(\"${GPU}\", Permissions = \"rw\")] public partial class Web;"),
        // Undeclared: in an [Env] value and in a [Device] host path; a name nothing is near gets the way to declare it.
        Case("EZH0045", Web + "[Env(\"URL\", \"https://${DOMIAN}/\")] public partial class Web;", "\"https://${DOMIAN}/\"", "did you mean ${DOMAIN}?",
            Web + "[Env(\"URL\", \"https://${DOMAIN}/\")] public partial class Web;"),
        Case("EZH0045", Web + "[Device(\"${RENDER_NODE}\")] public partial class Web;", "\"${RENDER_NODE}\"", "[Variable(\"RENDER_NODE\", \"default\")]",
            "[Variable(\"RENDER_NODE\", \"/dev/dri/renderD128\")]\n" + Web + "[Device(\"${RENDER_NODE}\")] public partial class Web;"),
        // Declared by the lab, used by a service.
        LabCase("EZH0045", "", Web + "[Volume(\"${BACKUP_DIR}/web\", \"/backup\")] public partial class Web;", "\"${BACKUP_DIR}/web\"", "'web'",
            "[Variable(\"BACKUP_DIR\", \"/mnt/backups\")]"),
        // A base (a template) and a service disagree; the lab chooses.
        LabCase("EZH0046", "",
            Media + "public abstract class MediaApp;\n" + Web + "public partial class Alpha : MediaApp;\n" + Web + "[Variable(\"MEDIA_DIR\", \"/data\")] public partial class Beta;",
            "\"/data\"", "'/mnt/media' from service 'alpha'", "[Variable(\"MEDIA_DIR\", \"/srv/media\")]"),
        // The older diagnostics a variable changes.
        Case("EZH0034", Media + Web + "[Volume(\"media-${MEDIA_DIR}\", \"/media\")] public partial class Web;", "\"media-${MEDIA_DIR}\"", "'web'",
            Media + Web + "[Volume(\"./${MEDIA_DIR}\", \"/media\")] public partial class Web;"),
        Case("EZH0039", "[Variable(\"GPU\", \"/dev/dri\")]\n" + Web + "[Device(\"dev/${GPU}\")] public partial class Web;", "\"dev/${GPU}\"", "starts with the variable",
            "[Variable(\"GPU\", \"/dev/dri\")]\n" + Web + "[Device(\"/${GPU}\")] public partial class Web;"),
        Case("EZH0036", "[Variable(\"MEDIA_DIR\", \"/mnt/media\")][Variable(\"MEDIA_DIR\", \"/srv\")]\n" + Web + "public partial class Web;", "\"MEDIA_DIR\"", "lab variable",
            "[Variable(\"MEDIA_DIR\", \"/mnt/media\")][Variable(\"BACKUP_DIR\", \"/srv\")]\n" + Web + "public partial class Web;"),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    /// <summary>Every case of the variable rules: the one per id and the variants.</summary>
    public static IEnumerable<object[]> RuntimeTwinCases =>
        DiagnosticCases.Cases.Where(c => c.Id is "EZH0044" or "EZH0045" or "EZH0046").Concat(Variants).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_triggers_on_the_offending_argument(DiagnosticCase c) => new DiagnosticTests().Trigger_reports_the_diagnostic_on_the_offending_argument(c);

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    [Theory]
    [MemberData(nameof(RuntimeTwinCases))]
    public void Runtime_refuses_what_the_generator_reports(DiagnosticCase c)
    {
        var trigger = GeneratorHarness.Run(c.Trigger);
        var reported = trigger.Diagnostics.Where(d => d.Id.StartsWith("EZH", StringComparison.Ordinal)).ToList();
        Assert.Single(reported, d => d.Id == c.Id);
        var lab = LabLoader.Lab(trigger.Output, "Lab.MyLab");
        var refused = LabVariables.Problems(lab).Concat(LabRoutes.Problems(lab)).ToList();
        Assert.True(refused.Count == reported.Count,
            $"the run time should refuse what the generator reports ({string.Join("; ", reported.Select(d => d.GetMessage(CultureInfo.InvariantCulture)))}), got: [{string.Join("; ", refused)}]");

        var valid = GeneratorHarness.Run(c.Valid);
        valid.AssertClean();
        var accepted = LabLoader.Lab(valid.Output, "Lab.MyLab");
        Assert.Empty(LabVariables.Problems(accepted));
        Assert.Empty(LabRoutes.Problems(accepted));
    }

    [Fact]
    public void Conflict_and_undeclared_messages_are_the_same_at_compile_time_and_run_time()
    {
        foreach (var id in new[] { "EZH0045", "EZH0046" })
        {
            var c = DiagnosticCases.Cases.Single(x => x.Id == id);
            var run = GeneratorHarness.Run(c.Trigger);
            var message = Assert.Single(run.WithId(id)).GetMessage(CultureInfo.InvariantCulture);
            var runtime = Assert.Single(LabVariables.Problems(LabLoader.Lab(run.Output, "Lab.MyLab")));
            // The run time names services as its other messages do ("service 'web' (Lab.Web)"), the generator as its own.
            Assert.Equal(Normalized(message), Normalized(runtime));
        }

        static string Normalized(string message) => message.Replace("Service '", "service '", StringComparison.Ordinal);
    }

    /// <summary>A template with variables, a service refining one, a service using another service's variable, and the lab choosing.</summary>
    internal static readonly string[] MergeLab =
    {
        DiagnosticCases.LabWith("[Variable(\"BACKUP_DIR\", \"/srv/backups\", Description = \"Where backups go\")]"),
        LoginPortal,
        Services("""
            [Variable("MEDIA_DIR", "/mnt/media", Description = "Movies and series")]
            [Variable("DOWNLOADS_DIR", "/mnt/downloads")]
            [Variable("BACKUP_DIR", "/mnt/backups")]
            [Env("TZ", "${TZ}")]
            public abstract class MediaApp;

            [Stack("media")]
            [Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")]
            [Variable("DOWNLOADS_DIR", "/data/downloads")]
            [Volume("${MEDIA_DIR}/tv", "/tv")]
            [Volume("${DOWNLOADS_DIR}", "/downloads")]
            [Volume("${BACKUP_DIR}/sonarr", "/backup")]
            public partial class Sonarr : MediaApp;

            [Stack("media")]
            [Service(Image = "jellyfin/jellyfin:10.10.7")]
            [Volume("${MEDIA_DIR}", "/media", ReadOnly = true)]
            [Device("${RENDER_DEVICE}")]
            [Env("PRICE", "$$5 ${TZ}")]
            [Variable("RENDER_DEVICE", "/dev/dri")]
            public partial class Jellyfin;
            """),
    };

    [Fact]
    public void Declarations_merge_along_the_chain_and_the_lab_keeps_its_own()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Equal([new VariableSpec("BACKUP_DIR", "/srv/backups", "Where backups go", "Lab.MyLab")], lab.Variables);

        // A derived declaration replaces the base's in place; the others keep naming the template that declares them.
        var sonarr = LabLoader.Service(run.Output, "Lab.Sonarr");
        Assert.Equal(
            [
                new VariableSpec("MEDIA_DIR", "/mnt/media", "Movies and series", "Lab.MediaApp"),
                new VariableSpec("DOWNLOADS_DIR", "/data/downloads", null, "Lab.Sonarr"),
                new VariableSpec("BACKUP_DIR", "/mnt/backups", null, "Lab.MediaApp"),
            ],
            sonarr.Variables);
        // Jellyfin uses MEDIA_DIR, which only Sonarr's template declares: variables are the lab's.
        var jellyfin = LabLoader.Service(run.Output, "Lab.Jellyfin");
        Assert.Equal([new VariableSpec("RENDER_DEVICE", "/dev/dri", null, "Lab.Jellyfin")], jellyfin.Variables);
        Assert.Equal("$$5 ${TZ}", Assert.Single(jellyfin.Environment).Value);

        var declared = LabVariables.Declared(lab);
        Assert.Equal(["BACKUP_DIR", "DOWNLOADS_DIR", "MEDIA_DIR", "RENDER_DEVICE"], declared.Select(v => v.Name));
        var backup = declared.Single(v => v.Name == "BACKUP_DIR");
        // The lab's default wins over the template's, and the lab is named first.
        Assert.Equal("/srv/backups", backup.Default);
        Assert.Equal(["Lab.MyLab", "Lab.MediaApp"], backup.DeclaredBy);
        Assert.Equal("Movies and series", declared.Single(v => v.Name == "MEDIA_DIR").Description);
        Assert.Empty(LabVariables.Problems(lab));
    }

    [Fact]
    public void A_catalog_template_in_another_assembly_declares_for_the_lab()
    {
        var catalog = GeneratorHarness.Compile(new[] { ("Catalog.cs", """
            using EzHomelab;
            namespace Catalog;

            [Variable("MEDIA_DIR", "/mnt/media", Description = "Movies and series")]
            public abstract class MediaApp;

            [Stack("media")]
            [Service(Name = "jellyfin", Image = "jellyfin/jellyfin:10.10.7")]
            [Volume("${MEDIA_DIR}/movies", "/movies", ReadOnly = true)]
            public abstract class Jellyfin : MediaApp;
            """) }, assemblyName: "Catalog");
        var catalogRun = GeneratorHarness.Run(catalog);
        catalogRun.AssertGeneratorDidNotThrow();
        using var stream = new MemoryStream();
        Assert.True(catalogRun.Output.Emit(stream).Success);
        var catalogImage = stream.ToArray();

        var user = GeneratorHarness.Compile(new[] { ("Lab.cs", StandardLab), ("Portal.cs", LoginPortal), ("Media.cs", Services("""
            [Service] public partial class Jellyfin : Catalog.Jellyfin;

            [Stack("media")]
            [Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")]
            [Volume("${MEDIA_DIR}/tv", "/tv")]
            public partial class Sonarr;
            """)) }, new[] { MetadataReference.CreateFromImage(catalogImage) });
        var run = GeneratorHarness.Run(user);
        run.AssertClean();
        // The template's declarations come from metadata on the syntactic path: the semantic path reads the same.
        Assert.DoesNotContain(run.Result.TrackedSteps[TrackingNames.ClassModels].SelectMany(s => s.Outputs), o => ((Syntax.ClassOutcome)o.Value).Fallback is not null);
        TwinTests.AssertSame("catalog variables", run, GeneratorHarness.Run(user, GeneratorHarness.CreateDriver(trackSteps: true, forceSemantic: true)));
        var jellyfin = LabLoader.Service(run.Output, "Lab.Jellyfin", catalogImage);
        Assert.Equal([new VariableSpec("MEDIA_DIR", "/mnt/media", "Movies and series", "Catalog.MediaApp")], jellyfin.Variables);
        Assert.Equal("${MEDIA_DIR}/movies", jellyfin.Volumes.Single().Source);

        // Without the catalog service nothing declares MEDIA_DIR: the lab's own Sonarr is told so.
        var alone = GeneratorHarness.Run(StandardLab, LoginPortal, Services("""
            [Stack("media")]
            [Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")]
            [Volume("${MEDIA_DIR}/tv", "/tv")]
            public partial class Sonarr;
            """));
        Assert.Single(alone.WithId("EZH0045"));
    }

    [Fact]
    public void A_lab_without_variables_emits_none()
    {
        var run = GeneratorHarness.Run(StandardLab, LoginPortal, Services(Web + "[Env(\"TZ\", \"${TZ}\")][Volume(\"/srv/web\", \"/web\")] public partial class Web;"));
        run.AssertClean();
        Assert.DoesNotContain("Variables", run.AllGenerated());
        Assert.Empty(LabLoader.Service(run.Output, "Lab.Web").Variables);
    }

    [Fact]
    public void A_variable_on_a_class_that_is_no_service_and_no_base_declares_nothing()
    {
        var run = GeneratorHarness.Run(StandardLab, LoginPortal, Services(Media + "public abstract class Unused;\n" + Web + "[Volume(\"${MEDIA_DIR}\", \"/media\")] public partial class Web;"));
        Assert.Single(run.WithId("EZH0045"));
    }
}
