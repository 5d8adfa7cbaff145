using System.Collections;
using EzHomelab.Deploy;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Rules;

namespace EzHomelab.Settings;

/// <summary>
/// The <c>EZH_</c> variables the runner reads, and a warning for every other one set in the environment or the env
/// file: a mistyped name would otherwise be ignored without a word. The runner reads the settings of
/// <see cref="RuntimeSettingsLoader"/>, <c>EZH_SECRET_&lt;NAME&gt;</c> for each secret of the lab (on any server, in
/// scope or not), <c>EZH_VAR_&lt;NAME&gt;</c> for each lab variable (<see cref="LabVariables.Declared"/>) and <c>EZH_DOCKER_HOST_&lt;SERVER&gt;</c> (from the environment only) for each of its servers.
/// EzHomelab's own scripts and tests use <c>EZH_TEST_</c>, <c>EZH_BENCH_</c> and the few names of
/// <see cref="ToolVariables"/>; those are never warned about.
/// </summary>
public static class RunnerVariables
{
    public const string Prefix = "EZH_";
    public const string SecretPrefix = "EZH_SECRET_";
    public const string DockerHostPrefix = "EZH_DOCKER_HOST_";
    public const string VariablePrefix = LabVariableRules.OverridePrefix;

    /// <summary>The settings, by name.</summary>
    public static IReadOnlyList<string> Settings { get; } =
    [
        RuntimeSettingsLoader.DomainVariable, RuntimeSettingsLoader.EmailVariable, RuntimeSettingsLoader.TimezoneVariable,
        RuntimeSettingsLoader.AdminUserVariable, RuntimeSettingsLoader.AdminEmailVariable, RuntimeSettingsLoader.AdminDisplayNameVariable,
        RuntimeSettingsLoader.AdminPasswordVariable,
        // Read from the environment only, by Cli.RunTimings: one stderr line per step of a run.
        "EZH_TRACE_TIMINGS",
    ];

    /// <summary>Prefixes of the variables of EzHomelab's own scripts, tests and benchmarks (not read by the runner).</summary>
    public static IReadOnlyList<string> ToolPrefixes { get; } = ["EZH_TEST_", "EZH_BENCH_"];

    /// <summary>Variables of EzHomelab's own scripts and tests outside <see cref="ToolPrefixes"/> (not read by the runner).</summary>
    public static IReadOnlyList<string> ToolVariables { get; } =
        ["EZH_ARTIFACTS_PATH", "EZH_RESULTS_DIR", "EZH_FUZZ_ITERATIONS", "EZH_PROPERTY_ITERATIONS", "EZH_ALLOW_NO_DOCKER_COMPOSE"];

    /// <summary>True for a name of EzHomelab's own tooling.</summary>
    public static bool IsToolVariable(string name) =>
        ToolVariables.Contains(name) || ToolPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// One warning per <c>EZH_</c> name in <paramref name="environment"/> or <paramref name="file"/> that the runner does
    /// not read, naming where it was set and the known name it most likely means. Never holds a value.
    /// </summary>
    public static IReadOnlyList<string> Unknown(Lab lab, IDictionary environment, EnvFileContents? file)
    {
        var secrets = lab.Services.SelectMany(s => LabSecrets.Of(lab, s)).Select(u => Naming.SecretVariable(u.Secret))
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        var dockerHosts = lab.Servers.Select(s => DockerEndpoint.VariableFor(s.Name)).ToArray();
        var variables = LabVariables.Declared(lab).Select(v => VariablePrefix + v.Name).ToArray();
        var everyName = Settings.Concat(secrets).Concat(dockerHosts).Concat(variables).ToArray();

        var warnings = new List<string>();
        void Check(string name, string source, bool fromEnvironment)
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || IsToolVariable(name) || Settings.Contains(name) || secrets.Contains(name) || variables.Contains(name)) return;
            if (dockerHosts.Contains(name))
            {
                if (!fromEnvironment) warnings.Add($"{name}: is read from the environment only, not from --env-file; export it instead ({source})");
                return;
            }
            string problem;
            if (name.StartsWith(SecretPrefix, StringComparison.Ordinal))
                problem = $"the lab has no secret '{NameAfter(SecretPrefix, name)}'" + Hint(name, SecretPrefix, secrets,
                    secrets.Length == 0 ? "it has none" : $"its secrets: {string.Join(", ", secrets.Select(v => NameAfter(SecretPrefix, v)))}");
            else if (name.StartsWith(VariablePrefix, StringComparison.Ordinal))
                problem = $"the lab has no variable '{name[VariablePrefix.Length..]}'" + Hint(name, VariablePrefix, variables,
                    variables.Length == 0 ? "it declares none ([Variable])" : $"its variables: {string.Join(", ", variables.Select(v => v[VariablePrefix.Length..]))}");
            else if (name.StartsWith(DockerHostPrefix, StringComparison.Ordinal))
                problem = $"the lab has no server '{NameAfter(DockerHostPrefix, name)}'" + Hint(name, DockerHostPrefix, dockerHosts,
                    $"its servers: {string.Join(", ", lab.Servers.Select(s => s.Name))}");
            else
                problem = "is not a variable EzHomelab reads" + Hint(name, "", everyName,
                    $"known: {string.Join(", ", Settings)}, {SecretPrefix}<NAME>, {VariablePrefix}<NAME>, {DockerHostPrefix}<SERVER>");
            warnings.Add($"{name}: {problem} ({source})");
        }

        foreach (var name in environment.Keys.OfType<string>().Order(StringComparer.Ordinal))
            Check(name, "set in the environment", fromEnvironment: true);
        if (file is not null)
            foreach (var name in file.Values.Keys.Order(StringComparer.Ordinal))
                Check(name, $"set in --env-file {file.DisplayPath}, line {file.LineOf(name)}", fromEnvironment: false);
        return warnings;
    }

    /// <summary><c>EZH_SECRET_DB_PASSWORD</c> → <c>db-password</c>, the name the C# classes use.</summary>
    private static string NameAfter(string prefix, string variable) => variable[prefix.Length..].ToLowerInvariant().Replace('_', '-');

    /// <summary>The nearest known variable, compared on what follows <paramref name="prefix"/> (the part that was typed).</summary>
    private static string Hint(string name, string prefix, IEnumerable<string> known, string otherwise) =>
        NearestName.Of(name[prefix.Length..], known.Select(k => k[prefix.Length..])) is { } nearest
            ? $"; did you mean {prefix}{nearest}?"
            : $"; {otherwise}";
}
