using System.Globalization;
using System.Text;
using CsCheck;
using EzHomelab.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EzHomelab.Generators.Tests;

/// <summary>
/// Random and malformed attribute usages — odd strings, out-of-range and mistyped arguments, missing arguments,
/// random base-class chains and dependency graphs, records, private and file-local classes, half-typed code — must
/// never make the generator throw.
/// The count comes from EZH_FUZZ_ITERATIONS (default 2,000).
/// </summary>
public class FuzzTests
{
    private static readonly string[] AttributeNames =
    {
        "Service", "Stack", "Route", "Dashboard", "Volume", "Env", "SecretEnv", "PublishPort", "Network", "DependsOn",
        "Healthcheck", "Resources", "Gpu", "LazyStart", "Egress", "Label", "OnServer", "Homelab", "Server", "Obsolete", "NotAnAttribute",
        "Variable", "Device", "Privileged", "HostNamespaces", "SecurityOpt", "ReadOnlyRoot", "Logging", "AllowNewPrivileges", "KeepCapabilities", "AllowDockerSocket",
    };

    private static readonly string[] PropertyNames =
    {
        "Image", "Name", "Command", "Entrypoint", "User", "Restart", "ContainerName", "Subdomain", "Access", "PathPrefixes", "Icon",
        "Description", "ReadOnly", "Protocol", "HostIp", "Condition", "Interval", "Timeout", "Retries", "StartPeriod", "Cpus", "Memory",
        "CpusReservation", "MemoryReservation", "Driver", "Count", "Group", "SessionDuration", "DisplayName", "Domain", "Timezone", "Email",
        "DefaultAccess", "Puid", "Pgid", "Address", "Port", "Bogus", "ContainerPath", "Permissions", "Reason", "Network", "Pid", "Ipc", "Tmpfs", "MaxSize", "MaxFiles", "Pids",
    };

    private static readonly string[] InterestingStrings =
    {
        "", " ", "nginx", "nginx:latest", "nginx:1.27", "Nginx:1", "a:b:c", "@sha256:", "repo@sha256:0123456789abcdef0123456789abcdef",
        "${DOMAIN}", "${", "$", "\"", "\\", "a\nb", "\r\n", "\t", "Ünïcödé", "日本語", "\U0001F600", "\0", "../x", "./x", "/", "/data", "~/x",
        "DB_PASSWORD", "API_KEY_FILE", "-", "a-", "-a", new string('a', 70), new string('x', 600), "core", "nas", "traefik.enable",
        "1.5G", "512m", "0", "0.5", "-1", "30s", "1m30s", "5 m", "Europe/Berlin", "me@example.org", "example.org", "null",
        "/var/run/docker.sock", "/run", "seccomp:unconfined", "apparmor=unconfined", "no-new-privileges", "/tmp:size=16m",
    };

    private static readonly Gen<string> StringLiteral = Gen.OneOf<string>(
        Gen.OneOf<string>(InterestingStrings),
        Gen.String[Gen.Char, 0, 16],
        Gen.String[Gen.Char.AlphaNumeric, 0, 12])
        .Select(s => SymbolDisplay.FormatLiteral(s, quote: true));

    private static readonly Gen<string> IntLiteral = Gen.OneOf(
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[-5, 70000].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf<string>("0", "-1", "65535", "65536", "int.MaxValue", "int.MinValue", "(short)80"));

    private static readonly Gen<string> Malformed = Gen.OneOf<string>(
        "null", "\"unterminated", "1.5", "true", "'c'", "typeof(int)", "typeof(Missing)", "Access.Bypass", "Restart.Always",
        "Protocol.Udp", "DependencyCondition.Healthy", "(Access)99", "(Restart)(-3)", "new[] { \"a\", null }", "new string[0]",
        "new[] { 1, 2 }", "default", "nameof(Fuzz)", "x =>", ",", "", "new object()", "Missing.Value", "\"a\" + \"b\"", "$\"{1}\"");

    private static Gen<string> Argument(int classCount) => Gen.Frequency<string>(
        (5, StringLiteral),
        (3, IntLiteral),
        (2, Malformed),
        (2, Gen.Int[0, classCount].Select(i => $"typeof(C{i})")));

    /// <summary>Strings of the lab-variable rules: names (valid, reserved, malformed) and references (declared, typo, malformed, escaped).</summary>
    private static readonly Gen<string> VariableText = Gen.OneOf<string>(
        "MEDIA_DIR", "MEDIA_DIR", "BACKUP_DIR", "TZ", "media_dir", "1X", "COMPOSE_FILE", "DB_PASSWORD", "/mnt/media", "mnt/media", "/dev/dri", "",
        "${MEDIA_DIR}", "${MEDIA_DIR}/movies", "${MEDIA_DIRS}/tv", "${BACKUP_DIR}", "/dev/${MEDIA_DIR}", "${}", "${1X}", "${MEDIA_DIR",
        "${MEDIA_DIR:-/x}", "$${MEDIA_DIR}", "media-${MEDIA_DIR}", "a${b}\n", "${TZ}", "$$5")
        .Select(s => SymbolDisplay.FormatLiteral(s, quote: true));

    /// <summary>A well-formed use of the attributes that declare or reference lab variables, so random labs reach those rules.</summary>
    private static readonly Gen<string> VariableAttribute =
        from name in Gen.OneOf<string>("Variable", "Variable", "Volume", "Env", "Device")
        from first in VariableText
        from second in VariableText
        from described in Gen.Int[0, 3]
        select name == "Device" ? $"[Device({first})]"
            : name == "Variable" && described == 0 ? $"[Variable({first}, {second}, Description = \"d\")]"
            : $"[{name}({first}, {second})]";

    private static Gen<string> Attribute(int classCount) => Gen.Frequency<string>((5, AnyAttribute(classCount)), (1, VariableAttribute));

    private static Gen<string> AnyAttribute(int classCount) =>
        from name in Gen.OneOf<string>(AttributeNames)
        from generic in Gen.Int[0, 5]
        from target in Gen.Int[0, classCount]
        from positional in Argument(classCount).Array[0, 3]
        from named in Gen.Select(Gen.OneOf<string>(PropertyNames), Argument(classCount)).Array[0, 3]
        from parentheses in Gen.Bool
        select Render(name, generic == 0 && name is "DependsOn" or "Egress" ? $"<C{target}>" : generic == 1 ? "<int>" : "", positional, named, parentheses || positional.Length + named.Length > 0);

    private static string Render(string name, string typeArguments, string[] positional, (string, string)[] named, bool parentheses)
    {
        var args = positional.Concat(named.Select(n => n.Item1 + " = " + n.Item2));
        return "[" + name + typeArguments + (parentheses ? "(" + string.Join(", ", args) + ")" : "") + "]";
    }

    private static Gen<string> Class(int index, int classCount) =>
        from attributes in Attribute(classCount).Array[0, 6]
        from modifiers in Gen.OneOf<string>("public partial", "public partial", "public partial", "internal partial", "public", "public abstract partial", "public static partial", "public sealed partial",
            "private partial", "protected partial", "partial", "file partial")
        from keyword in Gen.OneOf<string>("class", "class", "class", "record", "record struct")
        from baseIndex in Gen.Int[-2, classCount]
        from generic in Gen.Int[0, 9]
        from nested in Gen.Int[0, 9]
        select Declare(index, attributes, modifiers, keyword, baseIndex, generic == 0, nested);

    private static string Declare(int index, string[] attributes, string modifiers, string keyword, int baseIndex, bool generic, int nested)
    {
        var baseClause = baseIndex switch
        {
            -2 => " : Missing",
            -1 or _ when baseIndex == index && index % 2 == 0 => "",
            _ => $" : C{baseIndex}",
        };
        var declaration = string.Join("", attributes) + $"\n{modifiers} {keyword} C{index}{(generic ? "<T>" : "")}{baseClause} {{ }}\n";
        return nested switch
        {
            0 => $"public partial class Outer{index} {{ {declaration} }}\n",
            1 => $"public class Plain{index} {{ {declaration} }}\n",
            _ => declaration,
        };
    }

    private static readonly Gen<string> Lab =
        from count in Gen.Int[1, 7]
        from bodies in Class(0, count).Array[count]
        from labAttributes in Attribute(count).Array[0, 4]
        from homelab in Gen.Int[0, 4]
        from fileScoped in Gen.Bool
        from cut in Gen.Int[0, 30]
        from cutAt in Gen.Double[0, 1]
        select Assemble(bodies, labAttributes, homelab, fileScoped, cut == 0 ? cutAt : 1.0);

    private static string Assemble(string[] bodies, string[] labAttributes, int homelab, bool fileScoped, double keep)
    {
        var text = new StringBuilder("using System;\nusing EzHomelab;\n");
        text.Append(fileScoped ? "namespace Fuzz;\n" : "namespace Fuzz {\n");
        // Class bodies were generated for index 0; give each its own name.
        for (int i = 0; i < bodies.Length; i++)
            text.Append(bodies[i].Replace("class C0", $"class C{i}", StringComparison.Ordinal).Replace("record C0", $"record C{i}", StringComparison.Ordinal)
                .Replace("struct C0", $"struct C{i}", StringComparison.Ordinal).Replace("Outer0", $"Outer{i}", StringComparison.Ordinal).Replace("Plain0", $"Plain{i}", StringComparison.Ordinal));
        if (homelab > 0) text.Append(homelab == 1 ? "[Homelab] " : "[Homelab(Domain = \"example.org\")] ").Append(string.Join("", labAttributes)).Append("\npublic partial class TheLab { }\n");
        if (homelab == 4) text.Append("[Homelab] public partial class SecondLab { }\n");
        if (!fileScoped) text.Append("}\n");
        var source = text.ToString();
        return keep >= 1.0 ? source : source.Substring(0, (int)(source.Length * keep));
    }

    internal static readonly Gen<string[]> Files =
        from first in Lab
        from second in Lab
        from split in Gen.Bool
        select split ? new[] { first, second.Replace("namespace Fuzz", "namespace Fuzz.Second", StringComparison.Ordinal) } : new[] { first };

    [Fact]
    public void Random_and_malformed_attribute_usage_never_makes_the_generator_throw()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("EZH_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 2000;
        int ran = 0;
        Files.Sample(files =>
        {
            var compilation = GeneratorHarness.Compile(files.Select((source, i) => ($"Fuzz{i}.cs", source)));
            var driver = GeneratorHarness.CreateDriver(trackSteps: false);
            var run = GeneratorHarness.Run(compilation, driver);
            if (run.Result.Exception is not null)
                throw new InvalidOperationException("generator threw on:\n" + string.Join("\n// ----\n", files), run.Result.Exception);
            if (run.DriverDiagnostics.Concat(run.Diagnostics).FirstOrDefault(d => d.Id is "CS8784" or "CS8785") is { } crash)
                throw new InvalidOperationException(crash + "\non:\n" + string.Join("\n// ----\n", files));
            Interlocked.Increment(ref ran);
        }, iter: iterations);
        Assert.True(ran >= iterations, $"only {ran} of {iterations} samples ran");
    }

    [Fact]
    public void Generated_samples_reach_the_generator()
    {
        // Guards the fuzz test against generating only input the generator never sees.
        int withServices = 0, withDiagnostics = 0, withVariables = 0;
        Files.Sample(files =>
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compile(files.Select((source, i) => ($"Fuzz{i}.cs", source))), GeneratorHarness.CreateDriver(false));
            if (run.Result.GeneratedSources.Length > 0) Interlocked.Increment(ref withServices);
            if (run.Diagnostics.Any(d => d.Id.StartsWith("EZH", StringComparison.Ordinal))) Interlocked.Increment(ref withDiagnostics);
            if (run.Diagnostics.Any(d => d.Id is "EZH0044" or "EZH0045" or "EZH0046")) Interlocked.Increment(ref withVariables);
        }, iter: 300);
        Assert.True(withServices > 20, $"only {withServices} of 300 samples produced generated code");
        Assert.True(withDiagnostics > 50, $"only {withDiagnostics} of 300 samples produced EZH diagnostics");
        Assert.True(withVariables > 30, $"only {withVariables} of 300 samples reached the lab-variable rules");
    }
}
