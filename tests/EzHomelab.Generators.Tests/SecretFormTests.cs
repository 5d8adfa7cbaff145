using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Settings;
using Microsoft.CodeAnalysis;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// <c>[SecretEnv]</c>'s <c>Form</c>, <c>FileVariable</c> and <c>Supply</c>: what both paths read and the generator
/// emits, how a derived class replaces its base's entry, the diagnostics on <c>FileVariable</c>, and the compose file.
/// </summary>
public class SecretFormTests
{
    private const string Web = """
        [Stack("web")]
        [Service(Image = "nginx:1.27")]
        """;

    private static DiagnosticCase Variant(string id, string trigger, string locationText, string named, string valid) =>
        new(id, DiagnosticSeverity.Error, new[] { StandardLab, LoginPortal, Services(trigger) }, locationText, named, new[] { StandardLab, LoginPortal, Services(valid) });

    public static IReadOnlyList<DiagnosticCase> Variants { get; } = new[]
    {
        // FileVariable is an environment variable's name like any other.
        Variant("EZH0024", Web + "[SecretEnv(\"DB_PASSWORD\", \"db-password\", FileVariable = \"DB-PASSWORD-FILE\")] public partial class Web;",
            "FileVariable = \"DB-PASSWORD-FILE\"", "FileVariable",
            Web + "[SecretEnv(\"DB_PASSWORD\", \"db-password\", FileVariable = \"DB_PASSWORD__FILE\")] public partial class Web;"),
        // The container gets FileVariable: it must not be a variable the class sets otherwise.
        Variant("EZH0036", Web + "[Env(\"DB_HOST\", \"db\")][SecretEnv(\"DB_PASSWORD\", \"db-password\", FileVariable = \"DB_HOST\")] public partial class Web;",
            "FileVariable = \"DB_HOST\"", "DB_HOST",
            Web + "[Env(\"DB_HOST\", \"db\")][SecretEnv(\"DB_PASSWORD\", \"db-password\", FileVariable = \"DB_PASSWORD__FILE\")] public partial class Web;"),
        // Written fully qualified, the form is read the same way.
        Variant("EZH0058", Web + "[SecretEnv(\"APP_SECRET\", \"app-secret\", Form = EzHomelab.SecretForm.FileUri, FileVariable = \"APP_SECRET_FILE\")] public partial class Web;",
            "FileVariable = \"APP_SECRET_FILE\"", "APP_SECRET",
            Web + "[SecretEnv(\"APP_SECRET\", \"app-secret\", Form = EzHomelab.SecretForm.SecretName, FileVariable = \"APP_SECRET_FILE\")] public partial class Web;"),
    };

    public static IEnumerable<object[]> VariantCases => Variants.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_triggers_on_the_offending_argument(DiagnosticCase c)
    {
        var run = GeneratorHarness.Run(c.Trigger);
        run.AssertGeneratorDidNotThrow();
        var diagnostic = Assert.Single(run.WithId(c.Id));
        Assert.Equal(c.Severity, diagnostic.Severity);
        Assert.Contains(c.NamedInMessage, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(c.LocationText, run.LocationText(diagnostic));
    }

    [Theory]
    [MemberData(nameof(VariantCases))]
    public void Variant_valid_form_is_silent(DiagnosticCase c) => new DiagnosticTests().Valid_form_is_silent_and_compiles(c);

    /// <summary>Every form, an exact file variable and a user-supplied secret; a derived class replaces one of its base's entries.</summary>
    internal static readonly string[] MergeLab =
    {
        StandardLab,
        LoginPortal,
        Services("""
            [SecretEnv("AUTHENTIK_SECRET_KEY", "app-secret-key", Form = SecretForm.FileUri)]
            [SecretEnv("APP_KEY", "app-key")]
            public abstract class App;

            [Stack("web")]
            [Service(Image = "ghcr.io/goauthentik/server:2026.2.2")]
            [SecretEnv("APP_KEY", "app-key", Supply = SecretSupply.User)]
            [SecretEnv("GITEA__database__PASSWD", "db-password", FileVariable = "GITEA__database__PASSWD__FILE")]
            public partial class Web : App;

            [Stack("web")]
            [Service(Image = "pihole/pihole:2026.07.2")]
            [SecretEnv("FTLCONF_webserver_api_password", "pihole-web-password", Form = SecretForm.SecretName, FileVariable = "WEBPASSWORD_FILE")]
            [SecretEnv("OTHER", "other-password", Form = SecretForm.SecretName, Supply = SecretSupply.Default)]
            public partial class Dns;

            [Stack("web")]
            [Service(Image = "postgres:17.6-alpine")]
            [SecretEnv("POSTGRES_PASSWORD", "db-password")]
            public partial class Db;
            """),
    };

    [Fact]
    public void Form_FileVariable_and_Supply_are_emitted_and_inherited()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var web = LabLoader.Service(run.Output, "Lab.Web");
        Assert.Equal(
            [
                new SecretEnvVar("AUTHENTIK_SECRET_KEY", "app-secret-key", SecretForm.FileUri),
                // The class's own entry replaces its base's in place, Supply with it.
                new SecretEnvVar("APP_KEY", "app-key", Supply: SecretSupply.User),
                new SecretEnvVar("GITEA__database__PASSWD", "db-password", FileVariable: "GITEA__database__PASSWD__FILE"),
            ],
            web.SecretEnvironment);
        var dns = LabLoader.Service(run.Output, "Lab.Dns");
        Assert.Equal(
            [
                new SecretEnvVar("FTLCONF_webserver_api_password", "pihole-web-password", SecretForm.SecretName, "WEBPASSWORD_FILE"),
                new SecretEnvVar("OTHER", "other-password", SecretForm.SecretName),
            ],
            dns.SecretEnvironment);
        Assert.Equal([new SecretEnvVar("POSTGRES_PASSWORD", "db-password")], LabLoader.Service(run.Output, "Lab.Db").SecretEnvironment);
    }

    [Fact]
    public void The_generated_lab_renders_each_form_and_knows_which_secrets_you_supply()
    {
        var run = GeneratorHarness.Run(MergeLab);
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        var rendered = LabRenderer.Render(lab, RuntimeSettings.FromLab(lab));
        var text = rendered.Servers[0].Stacks.Single(s => s.Name == "web").Files.Single(f => f.RelativePath == "compose.yaml").Content;
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        Dictionary<string, string> Environment(string service) =>
            ((YamlMappingNode)((YamlMappingNode)services[service])["environment"]).Children
                .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

        var web = Environment("web");
        Assert.Equal("file:///run/secrets/app-secret-key", web["AUTHENTIK_SECRET_KEY"]);
        Assert.Equal("/run/secrets/app-key", web["APP_KEY_FILE"]);
        Assert.Equal("/run/secrets/db-password", web["GITEA__database__PASSWD__FILE"]);
        Assert.DoesNotContain("GITEA__database__PASSWD_FILE", web.Keys);
        Assert.DoesNotContain("APP_KEY", web.Keys);
        var dns = Environment("dns");
        Assert.Equal("pihole-web-password", dns["WEBPASSWORD_FILE"]);
        Assert.Equal("other-password", dns["OTHER_FILE"]);

        var mustBeSupplied = EzHomelab.Rendering.Secrets.LabSecrets.MustBeSupplied(lab);
        Assert.True(mustBeSupplied.Contains("app-key"));
        Assert.False(mustBeSupplied.Contains("db-password"));
        Assert.False(mustBeSupplied.Contains("pihole-web-password"));
    }
}
