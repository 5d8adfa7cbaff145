using EzHomelab.Generators.Tests.Infrastructure;
using EzHomelab.Model;
using Microsoft.CodeAnalysis;
using static EzHomelab.Generators.Tests.Infrastructure.LabSources;

namespace EzHomelab.Generators.Tests;

/// <summary>What the generated definitions contain, read back from the compiled output.</summary>
public class BehaviourTests
{
    [Fact]
    public void Base_class_attributes_merge_with_the_derived_class_winning()
    {
        var run = GeneratorHarness.Run(StandardLab, Services("""
            [Stack("media")]
            [Service(Image = "lscr.io/linuxserver/base:1.0", User = "1000")]
            [Env("PUID", "${PUID}")]
            [Env("TZ", "${TZ}")]
            [Label("owner", "base")]
            [Volume("./config", "/config")]
            [Route(8000, Access = Access.Bypass, Subdomain = "base")]
            public abstract class LinuxServerApp;

            [Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")]
            [Env("TZ", "Europe/Paris")]
            [Env("EXTRA", "1")]
            [Label("owner", "sonarr")]
            [Volume("./sonarr", "/config")]
            [Route(8989)]
            public partial class Sonarr : LinuxServerApp;
            """));
        run.AssertClean();
        var sonarr = LabLoader.Service(run.Output, "Lab.Sonarr");

        Assert.Equal("lscr.io/linuxserver/sonarr:4.0.14", sonarr.Image);
        Assert.Equal("media", sonarr.Stack);
        Assert.Equal("1000", sonarr.User);
        // Repeatables: base first, the derived entry replacing the base's in place.
        Assert.Equal(new[] { "PUID=${PUID}", "TZ=Europe/Paris", "EXTRA=1" }, sonarr.Environment.Select(e => e.Name + "=" + e.Value));
        Assert.Equal("sonarr", Assert.Single(sonarr.Labels).Value);
        Assert.Equal("./sonarr", Assert.Single(sonarr.Volumes).Source);
        // Single-valued: each argument the derived class sets wins; the others come from the base.
        Assert.Equal(new RouteSpec(8989, "base", Access.Bypass), sonarr.Route);
    }

    [Fact]
    public void Attributes_of_a_base_class_from_another_assembly_are_read()
    {
        var catalog = GeneratorHarness.Compile(new[] { ("Catalog.cs", """
            using EzHomelab;
            namespace Catalog;

            [Stack("media")]
            [Service(Image = "jellyfin/jellyfin:10.10.7")]
            [Route(8096, Access = Access.Bypass)]
            [Env("JELLYFIN_PublishedServerUrl", "https://jellyfin.${DOMAIN}")]
            public abstract class Jellyfin;

            [Stack("media")]
            [Service(Image = "lscr.io/linuxserver/radarr:5.16.3")]
            public partial class Radarr;
            """) }, assemblyName: "Catalog");
        // The catalog's own non-abstract service gets a Definition from the generator, as a packaged catalog would.
        var catalogRun = GeneratorHarness.Run(catalog);
        catalogRun.AssertGeneratorDidNotThrow();
        var catalogImage = ImageOf(catalogRun.Output);
        var catalogReference = MetadataReference.CreateFromImage(catalogImage);

        var user = GeneratorHarness.Compile(new[] { ("Lab.cs", StandardLab), ("Portal.cs", LoginPortal), ("Media.cs", Services("""
            [Service(Name = "jf")]
            [Dashboard("Media")]
            public partial class MyJellyfin : Catalog.Jellyfin;

            // A lab service carries a marker itself; everything else may come from the base.
            [Service]
            [Route(7878)]
            public partial class MyRadarr : Catalog.Radarr;
            """)) }, new[] { catalogReference });
        var run = GeneratorHarness.Run(user);
        run.AssertClean();

        var jellyfin = LabLoader.Service(run.Output, "Lab.MyJellyfin", catalogImage);
        Assert.Equal("jf", jellyfin.Name);
        Assert.Equal("jellyfin/jellyfin:10.10.7", jellyfin.Image);
        Assert.Equal(new RouteSpec(8096, "jf", Access.Bypass), jellyfin.Route);
        Assert.Equal("https://jellyfin.${DOMAIN}", Assert.Single(jellyfin.Environment).Value);
        Assert.Equal("MyJellyfin", jellyfin.Dashboard!.Name);
        // The base already has a generated Definition: the derived one hides it explicitly (no CS0108 warning).
        // (Both services are declared in Media.cs, so they share one generated file, named after the first.)
        var media = run.Source("Lab.MyJellyfin.g.cs");
        var radarrPart = media.Substring(media.IndexOf("partial class MyRadarr", StringComparison.Ordinal));
        Assert.Contains("public static new global::EzHomelab.Model.ServiceSpec Definition", radarrPart);
        Assert.DoesNotContain("static new", media.Substring(0, media.IndexOf("partial class MyRadarr", StringComparison.Ordinal)));
        Assert.Equal("my-radarr", LabLoader.Service(run.Output, "Lab.MyRadarr", catalogImage).Name);
    }

    [Fact]
    public void Defaults_come_from_class_stack_and_service_names()
    {
        var run = GeneratorHarness.Run(StandardLab, LoginPortal, Services("""
            [Stack("media-management")]
            [Service(Image = "lscr.io/linuxserver/sonarr:4.0.14")]
            [Route(8989)]
            [Dashboard("Media")]
            [LazyStart]
            public partial class SonarrHD;
            """));
        run.AssertClean();
        var sonarr = LabLoader.Service(run.Output, "Lab.SonarrHD");
        Assert.Equal("sonarr-hd", sonarr.Name);
        Assert.Equal("sonarr-hd", sonarr.Route!.Subdomain);
        Assert.Equal(Access.Default, sonarr.Route.Access);
        Assert.Equal("SonarrHD", sonarr.Dashboard!.Name);
        Assert.Equal(new LazyStartSpec("media-management"), sonarr.LazyStart);
        Assert.Equal(Restart.Default, sonarr.Restart);
        Assert.Equal("Lab.SonarrHD", sonarr.ClassName);
    }

    [Fact]
    public void Generic_and_typeof_references_resolve_to_service_names()
    {
        var run = GeneratorHarness.Run(StandardLab, Services("""
            [Stack("downloads")][Service(Image = "qmcgaw/gluetun:v3.40.0", Name = "vpn")][Healthcheck("true")]
            public partial class Gluetun;

            [Stack("downloads")][Service(Image = "postgres:17.2")]
            public partial class MainDb;

            [Stack("downloads")][Service(Image = "lscr.io/linuxserver/qbittorrent:5.0.4")]
            [Egress<Gluetun>]
            [DependsOn<Gluetun>(Condition = DependencyCondition.Healthy)]
            [DependsOn(typeof(MainDb))]
            public partial class Qbittorrent;
            """));
        run.AssertClean();
        var qbittorrent = LabLoader.Service(run.Output, "Lab.Qbittorrent");
        Assert.Equal("vpn", qbittorrent.EgressThrough);
        Assert.Equal(new[] { new DependencySpec("vpn", DependencyCondition.Healthy), new DependencySpec("main-db") }, qbittorrent.DependsOn);
    }

    [Fact]
    public void Literals_with_quotes_backslashes_and_newlines_survive_round_trip()
    {
        const string tricky = "say \"hi\" \\ C:\\path\nsecond line\r\n\ttab \u00e9 \U0001F600 \0 end";
        var escaped = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(tricky, quote: true);
        var run = GeneratorHarness.Run(StandardLab, Services($$"""
            [Stack("web")][Service(Image = "nginx:1.27", Command = new[] { {{escaped}}, "" })]
            [Env("GREETING", {{escaped}})]
            [Label("note", {{escaped}})]
            [Dashboard("Web", Description = {{escaped}})]
            public partial class Web;
            """));
        run.AssertClean();
        var web = LabLoader.Service(run.Output, "Lab.Web");
        Assert.Equal(tricky, Assert.Single(web.Environment).Value);
        Assert.Equal(tricky, Assert.Single(web.Labels).Value);
        Assert.Equal(tricky, web.Dashboard!.Description);
        Assert.Equal(new[] { tricky, "" }, web.Command);
    }

    [Fact]
    public void Lab_lists_services_by_stack_then_name_with_servers_in_order()
    {
        var run = GeneratorHarness.Run(Services("""
            [Homelab(Domain = "example.org")][Server("core")][Server("nas", Address = "192.168.1.100")]
            public partial class MyLab;

            [Stack("media")][Service(Image = "jellyfin/jellyfin:10.10.7")][OnServer("nas")] public partial class Jellyfin;
            [Stack("core")][Service(Image = "traefik:v3.3.2")] public partial class Traefik;
            [Stack("core")][Service(Image = "authelia/authelia:4.38.18")] public partial class Authelia;
            [Stack("media")] public partial class Bazarr : Base;
            [Service(Image = "lscr.io/linuxserver/bazarr:1.5.1")] public abstract class Base;
            """));
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Equal(new[] { "core/authelia", "core/traefik", "media/bazarr", "media/jellyfin" }, lab.Services.Select(s => s.Stack + "/" + s.Name));
        Assert.Equal(new[] { new ServerSpec("core"), new ServerSpec("nas", "192.168.1.100") }, lab.Servers);
        Assert.Equal("nas", lab.ServerOf(lab.FindService("jellyfin")!).Name);
        Assert.Equal("MyLab", lab.Name);
        Assert.Equal("example.org", lab.Domain);
    }

    [Fact]
    public void File_scoped_namespaces_nested_classes_and_both_markers_emit_once()
    {
        var run = GeneratorHarness.Run(StandardLab, """
            using EzHomelab;
            namespace Lab.Apps;

            public partial class Outer
            {
                [Stack("web")][Service(Image = "nginx:1.27")]
                public partial class Web;
            }

            [Service(Image = "redis:7.4")]
            public partial class Cache;

            [Stack("web")]
            public partial class Cache;
            """);
        run.AssertClean();
        // One generated file per source file, named after its first service; the class with both markers appears once.
        Assert.Equal(new[] { "Lab.Apps.Outer.Web.g.cs", "Lab.MyLab.g.cs" }, run.HintNames.Order(StringComparer.Ordinal));
        var generated = run.Source("Lab.Apps.Outer.Web.g.cs");
        Assert.Contains("    partial class Outer\n    {\n        partial class Web : global::EzHomelab.IHomelabService", generated);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(generated, "partial class Cache "));
        Assert.Equal("web", LabLoader.Service(run.Output, "Lab.Apps.Outer+Web").Stack);
    }

    [Fact]
    public void Marker_repeated_on_two_partial_declarations_does_not_emit_twice()
    {
        var run = GeneratorHarness.Run(StandardLab, Services("""
            [Stack("web")][Service(Image = "nginx:1.27")] public partial class Web;
            [Stack("web")][Service(Image = "nginx:1.27")] public partial class Web;
            """));
        run.AssertGeneratorDidNotThrow();
        Assert.Single(run.HintNames, "Lab.Web.g.cs");
        Assert.Contains(run.Output.GetDiagnostics(), d => d.Id == "CS0579"); // the compiler's own duplicate-attribute error
    }

    [Fact]
    public void Class_names_that_differ_only_in_case_get_distinct_hint_names()
    {
        // Two source files, so two generated files whose names differ only in case.
        var run = GeneratorHarness.Run(StandardLab,
            Services("""[Stack("web")][Service(Image = "nginx:1.27", Name = "upper")] public partial class WEB;"""),
            Services("""[Stack("web")][Service(Image = "nginx:1.27", Name = "lower")] public partial class web;"""));
        run.AssertClean();
        var hints = run.HintNames.Where(h => h.StartsWith("Lab.", StringComparison.Ordinal) && !h.Contains("MyLab", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, hints.Count);
        Assert.Equal(2, hints.Select(h => h.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void Abstract_marked_classes_are_templates_and_each_concrete_subclass_a_service()
    {
        // The catalog's shape: a template carries the marker, a lab class derives from it without writing one.
        var run = GeneratorHarness.Run(StandardLab, Services("""
            [Stack("web")][Service(Image = "nginx:1.27")] public abstract partial class WebBase;
            public partial class Site : WebBase;
            [Stack("web")] public partial class Blog : WebBase;
            public abstract partial class StillATemplate : WebBase;
            """));
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Equal(new[] { "blog", "site" }, lab.Services.Select(s => s.Name));
    }

    [Fact]
    public void A_subclass_of_a_concrete_service_is_not_a_service_without_its_own_marker()
    {
        var run = GeneratorHarness.Run(StandardLab, Services("""
            [Stack("web")][Service(Image = "nginx:1.27")] public partial class Web;
            public partial class Mirror : Web;
            public abstract class Unmarked;
            public partial class Plain : Unmarked;
            """));
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Equal(new[] { "web" }, lab.Services.Select(s => s.Name));
    }

    [Fact]
    public void Lab_without_services_is_an_empty_lab()
    {
        var run = GeneratorHarness.Run(StandardLab);
        run.AssertClean();
        var lab = LabLoader.Lab(run.Output, "Lab.MyLab");
        Assert.Empty(lab.Services);
        Assert.Equal("core", lab.Core.Name);
    }

    [Fact]
    public void Lab_file_keeps_out_services_that_cannot_be_emitted()
    {
        var run = GeneratorHarness.Run(StandardLab, Services("""
            [Stack("web")][Service(Image = "nginx:1.27")] public class NotPartial;
            [Stack("web")][Service(Image = "nginx:1.27")] public partial class Web;
            """));
        Assert.Single(run.WithId("EZH0001"));
        var lab = run.Source("Lab.MyLab.g.cs");
        Assert.Contains("global::Lab.Web.Definition", lab);
        Assert.DoesNotContain("NotPartial", lab);
        // Apart from the reported class, the generated code itself compiles.
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    private static byte[] ImageOf(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }
}
