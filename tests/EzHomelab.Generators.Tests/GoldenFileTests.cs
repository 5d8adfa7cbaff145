using EzHomelab.Generators.Tests.Infrastructure;

namespace EzHomelab.Generators.Tests;

/// <summary>Whole generated files for a few representative labs, compared with committed golden files.</summary>
public class GoldenFileTests
{
    [Fact]
    public void Design_sample_lab()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(SampleLab.Files));
        run.AssertClean();
        VerifyAll(nameof(Design_sample_lab), run);
    }

    [Fact]
    public void Nested_global_and_keyword_named_classes()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(new[]
        {
            ("Lab.cs", """
                using EzHomelab;
                namespace @event.Home
                {
                    [Homelab(DefaultAccess = Access.OneFactor, Puid = 1001, Pgid = 1001)]
                    public partial class Lab;

                    public static partial class Apps
                    {
                        public partial record Inner
                        {
                            [Stack("tools")]
                            [Service(Image = "ghcr.io/example/tool@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                Command = new[] { "serve", "--port=80" }, Restart = Restart.OnFailure, User = "1000:1000")]
                            [Label("com.example.note", "quote \" backslash \\ newline \n tab \t")]
                            public partial class @class;
                        }
                    }
                }
                """),
            ("Global.cs", """
                using EzHomelab;

                [Stack("tools")]
                [Service(Image = "busybox:1.37", Entrypoint = new string[0])]
                [PublishPort(5353, 53, Protocol = Protocol.Udp, HostIp = "127.0.0.1")]
                [Network("backend")]
                internal partial class GlobalTool;
                """),
        }));
        run.AssertClean();
        VerifyAll(nameof(Nested_global_and_keyword_named_classes), run);
    }

    private static void VerifyAll(string test, GeneratorRun run)
    {
        Assert.NotEmpty(run.Result.GeneratedSources);
        foreach (var source in run.Result.GeneratedSources)
            Baseline.Verify(test, source.HintName, source.SourceText.ToString());
        Baseline.VerifyNoStaleFiles(test, run.HintNames);
    }
}
