using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Compose;
using EzHomelab.Settings;
using EzHomelab.Tests.Support;
using YamlDotNet.Core;

namespace EzHomelab.Tests;

/// <summary>
/// Values that YAML or compose could misread. Each must come back from a YAML parser as the same string, and the
/// real docker-compose must hand the container exactly the intended value.
/// </summary>
public class YamlQuotingTests
{
    public static readonly string[] TrickyValues =
    [
        "yes", "no", "on", "off", "y", "n", "Y", "N", "true", "False", "TRUE", "~", "null", "NULL", "",
        "0755", "1e3", "0x1F", "0o17", "12:30", "1:2:3", "2001-12-14", "2001-12-14t21:59:43.10-05:00", ".inf", "-.inf", ".NaN",
        "1_000", "+1", "-1", ".5", "3.14", "=", "<<",
        " leading space", "trailing space ", "a: b", "key:", "# comment", "a #b", "a#b", "*star", "&anchor", "!tag",
        "{a: 1}", "[1, 2]", "- dash", "? question", "%percent", "@at", "`tick", "|pipe", ">folded", "'single'", "\"double\"",
        "multi\nline\n", "multi\nline without end", "\n leading newline", "trailing newlines\n\n", "tab\tinside", "back\\slash",
        "${VAR}", "$VAR", "cost $5", "$$", "$", "${DOMAIN}", "unicode ü é 😀", "a, b", "\u0001control",
    ];

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < TrickyValues.Length; i++) data.Add(i);
        return data;
    }

    private static Lab LabWithAllValues() => Rendered.OneStack(
        TestLabs.Service("probe", "quoting") with
        {
            Environment = TrickyValues.Select((v, i) => new EnvVar($"V{i}", v)).ToArray(),
            Labels = TrickyValues.Select((v, i) => new LabelSpec($"probe.v{i}", v)).ToArray(),
            Command = TrickyValues.Where(v => v.Length > 0).ToArray(),
        });

    private static readonly Lazy<string> Compose = new(() => Rendered.ComposeText(LabWithAllValues(), "quoting"));

    private static readonly Lazy<DockerComposeTool.Result> ComposeConfig = new(() =>
        DockerComposeTool.Config(Rendered.StackFiles(LabWithAllValues(), "quoting"), quiet: false));

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Value_round_trips_through_a_yaml_parser(int index)
    {
        var value = TrickyValues[index];
        var service = YamlAccess.Parse(Compose.Value).At("services", "probe");
        // In an [Env] value a lab variable stays and $$ is one '$'; every other '$' is escaped.
        var rendered = service.At("environment", $"V{index}").Str();
        if (value == "${DOMAIN}") Assert.Equal(value, rendered);
        else Assert.Equal(Rules.LabVariableRules.Expand(value, _ => null), YamlAccess.ComposeUnescape(rendered));
        Assert.Equal(value.Replace("$", "$$", StringComparison.Ordinal), service.At("labels", $"probe.v{index}").Str());
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Docker_compose_resolves_the_intended_value(int index)
    {
        if (!DockerComposeTool.IsAvailable()) return;
        var value = TrickyValues[index];
        var result = ComposeConfig.Value;
        Assert.True(result.ExitCode == 0, result.Stderr);
        var service = YamlAccess.Parse(result.Stdout).At("services", "probe");
        var expected = Rules.LabVariableRules.Expand(value, name => name == "DOMAIN" ? TestLabs.Domain : null);
        Assert.Equal(expected, YamlAccess.ComposeUnescape(service.At("environment", $"V{index}").Str()));
        Assert.Equal(value, YamlAccess.ComposeUnescape(service.At("labels", $"probe.v{index}").Str()));
    }

    [Fact]
    public void Command_arguments_round_trip_through_docker_compose()
    {
        if (!DockerComposeTool.IsAvailable()) return;
        var result = ComposeConfig.Value;
        Assert.True(result.ExitCode == 0, result.Stderr);
        var command = YamlAccess.Parse(result.Stdout).At("services", "probe", "command").Strings().Select(YamlAccess.ComposeUnescape);
        Assert.Equal(TrickyValues.Where(v => v.Length > 0), command);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("0755")]
    [InlineData("12:30")]
    [InlineData("a: b")]
    [InlineData("# x")]
    [InlineData(" lead")]
    [InlineData("")]
    public void Yaml_hostile_strings_are_not_plain(string value)
    {
        Assert.NotEqual(ScalarStyle.Plain, YamlScalars.StyleFor(value));
    }

    [Theory]
    [InlineData("websecure")]
    [InlineData("traefik-network")]
    [InlineData("/config")]
    [InlineData("Movies and TV")]
    public void Harmless_strings_stay_plain(string value)
    {
        Assert.Equal(ScalarStyle.Plain, YamlScalars.StyleFor(value));
    }

    public static readonly string[] SecretValues =
    [
        "plain", "with space", "it's", "quote\"d", "back\\slash", "both\\'", "dollar$value", "$NOT_A_VAR", "$$", "{brace}", "#hash", "a #b",
        "a=b", " leading", "trailing ", "ünïcode", "",
    ];

    [Theory]
    [InlineData("${NOT_A_VAR}")]
    [InlineData("it's $5")]
    [InlineData("back\\slash $5")]
    [InlineData("line\nbreak")]
    public void Env_file_refuses_values_it_cannot_carry(string value)
    {
        Assert.False(DotEnv.CanRepresent(value));
    }

    [Fact]
    public void Secret_values_reach_their_files_unchanged_and_compose_sees_only_their_paths()
    {
        if (!DockerComposeTool.IsAvailable()) return;
        var names = SecretValues.Select((_, i) => $"secret-{i}").ToArray();
        var lab = Rendered.OneStack(TestLabs.Service("probe", "secrets") with
        {
            SecretEnvironment = names.Select((n, i) => new SecretEnvVar($"S{i}", n)).ToArray(),
        });
        var settings = RuntimeSettings.FromLab(lab) with
        {
            Secrets = new SecretValues(names.Select((n, i) => KeyValuePair.Create(n, SecretValues[i])).ToDictionary()),
        };
        var files = Rendered.StackFiles(lab, "secrets", settings);
        for (int i = 0; i < SecretValues.Length; i++)
            Assert.Equal(SecretValues[i], files.Single(f => f.RelativePath == $"secrets/secret-{i}").Content);
        var result = DockerComposeTool.Config(files, quiet: false);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var environment = YamlAccess.Parse(result.Stdout).At("services", "probe", "environment");
        for (int i = 0; i < SecretValues.Length; i++)
        {
            Assert.Equal($"/run/secrets/secret-{i}", environment.At($"S{i}_FILE").Str());
            // Short values ("", "$$") could match anything; the distinctive ones must not be in the resolved config.
            if (SecretValues[i].Trim().Length >= 5) Assert.DoesNotContain(SecretValues[i], result.Stdout);
        }
    }
}
