using EzHomelab.Model;
using EzHomelab.Rules;

namespace EzHomelab.Rendering;

/// <summary>A lab variable as the whole lab sees it: the lab class's declaration, else the services' (which agree).</summary>
/// <param name="DeclaredBy">Every class that declares it, the lab class first, each once.</param>
public sealed record LabVariable(string Name, string Default, string? Description, IReadOnlyList<string> DeclaredBy);

/// <summary>One <c>${…}</c> in one of a service's values.</summary>
/// <param name="Field">The attribute and its argument, e.g. <c>[Volume] source</c>.</param>
/// <param name="Text">The whole value it sits in.</param>
internal sealed record VariableUse(ServiceSpec Service, string Field, string Text, VariableReference Reference);

/// <summary>
/// The lab's variables (<c>[Variable]</c>) and their uses. Variables belong to the lab: one declared on any service (or
/// on a base class of one) may be used by every service, and the lab class's own declaration overrides the services'.
/// The generator applies the same rules at compile time (EZH0036, EZH0044–EZH0046) through <see cref="LabVariableRules"/>;
/// <see cref="Problems"/> is their run-time twin for models built by hand.
/// </summary>
public static class LabVariables
{
    public const string VolumeSource = "[Volume] source";
    public const string EnvValue = "[Env] value";
    public const string DeviceHostPath = "[Device] host path";

    /// <summary>Every declared variable by name (ordinal). Where services disagree and the lab does not decide, the first service in lab order wins (and <see cref="Problems"/> refuses the lab).</summary>
    public static IReadOnlyList<LabVariable> Declared(Lab lab) => DeclaredByLab.GetValue(lab, Merge);

    // A lab is immutable (a changed one is a new instance), and each stack's rendering asks again.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Lab, IReadOnlyList<LabVariable>> DeclaredByLab = new();

    private static IReadOnlyList<LabVariable> Merge(Lab lab)
    {
        var byName = new Dictionary<string, (VariableSpec First, string? Description, List<string> By)>(StringComparer.Ordinal);
        void Add(VariableSpec variable, string declaredBy)
        {
            if (!byName.TryGetValue(variable.Name, out var entry))
            {
                byName.Add(variable.Name, (variable, variable.Description, [declaredBy]));
                return;
            }
            if (!entry.By.Contains(declaredBy)) entry.By.Add(declaredBy);
            if (entry.Description is null && variable.Description is not null) byName[variable.Name] = entry with { Description = variable.Description };
        }
        foreach (var variable in lab.Variables) Add(variable, variable.DeclaredBy ?? lab.Name);
        foreach (var service in lab.Services)
            foreach (var variable in service.Variables)
                Add(variable, variable.DeclaredBy ?? service.ClassName ?? service.Name);
        return byName.Values
            .Select(e => new LabVariable(e.First.Name, e.First.Default, e.Description, e.By))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The default of every declared variable, by name: the values a run uses when nothing overrides them.</summary>
    public static IReadOnlyDictionary<string, string> Defaults(Lab lab) => DefaultsByLab.GetValue(lab, static l =>
        Declared(l).ToDictionary(v => v.Name, v => v.Default, StringComparer.Ordinal));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Lab, IReadOnlyDictionary<string, string>> DefaultsByLab = new();

    /// <summary>Every <c>${…}</c> in the service's <c>[Env]</c> values, <c>[Volume]</c> sources and <c>[Device]</c> host paths.</summary>
    internal static IEnumerable<VariableUse> UsesOf(ServiceSpec service)
    {
        foreach (var env in service.Environment)
            foreach (var reference in LabVariableRules.References(env.Value))
                yield return new VariableUse(service, EnvValue, env.Value, reference);
        foreach (var volume in service.Volumes)
            foreach (var reference in LabVariableRules.References(volume.Source))
                yield return new VariableUse(service, VolumeSource, volume.Source, reference);
        foreach (var device in service.Devices)
            foreach (var reference in LabVariableRules.References(device.HostPath))
                yield return new VariableUse(service, DeviceHostPath, device.HostPath, reference);
    }

    /// <summary>
    /// Why the lab's variables or their uses are refused, one line each: a declaration's name or default, the same variable
    /// declared twice by one class, services that disagree on a default the lab does not set, a malformed or undeclared
    /// reference. Values that only a run knows (the overrides) are judged by <see cref="PathProblems"/>.
    /// </summary>
    public static IEnumerable<string> Problems(Lab lab)
    {
        foreach (var problem in DeclarationProblems(lab.Variables, "[Homelab] class " + lab.Name)) yield return problem;
        foreach (var service in lab.Services)
            foreach (var problem in DeclarationProblems(service.Variables, Where(service))) yield return problem;

        var declared = Declared(lab);
        var fromLab = new HashSet<string>(lab.Variables.Select(v => v.Name), StringComparer.Ordinal);
        foreach (var variable in declared.Where(v => !fromLab.Contains(v.Name)))
        {
            // One declaration per service (a class that declares a name twice is reported as such).
            var declarations = lab.Services
                .SelectMany(s => s.Variables.Where(v => v.Name == variable.Name).Take(1).Select(v => (Service: s, Variable: v)))
                .ToList();
            if (declarations.FirstOrDefault(d => d.Variable.Default != declarations[0].Variable.Default) is { Service: not null } other)
                yield return LabVariableRules.ConflictMessage(variable.Name, declarations[0].Variable.Default, Where(declarations[0].Service), other.Variable.Default, Where(other.Service), lab.Name);
        }

        var known = declared.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var service in lab.Services)
        {
            foreach (var use in UsesOf(service))
            {
                if (use.Reference.Problem != ReferenceProblem.None)
                    yield return $"{Where(service)}: {use.Field} '{use.Text}' {LabVariableRules.Describe(use.Reference)}";
                else if (!LabVariableRules.IsBuiltIn(use.Reference.Name) && !known.Contains(use.Reference.Name))
                    yield return $"{Where(service)}: {use.Field} '{use.Text}' refers to ${{{use.Reference.Name}}}, {LabVariableRules.UndeclaredHint(use.Reference.Name, known)}";
            }
            foreach (var volume in service.Volumes)
                if (LabVariableRules.PathShapeProblem(volume.Source, device: false) is { } problem)
                    yield return $"{Where(service)}: {VolumeSource} '{volume.Source}' {problem}";
            foreach (var device in service.Devices)
                if (LabVariableRules.PathShapeProblem(device.HostPath, device: true) is { } problem)
                    yield return $"{Where(service)}: {DeviceHostPath} '{device.HostPath}' {problem}";
        }

        // The defaults must keep every path a path (an override is judged when a run reads it).
        var defaults = Defaults(lab);
        foreach (var (service, field, text, expanded) in PathProblems(lab.Services, name => defaults.TryGetValue(name, out var value) ? value : LabVariableRules.BuiltInPlaceholder(name)))
            yield return $"{Where(service)}: {field} '{text}' becomes '{expanded}' with the variables' defaults, which is not {PathRule(field)}";
    }

    /// <summary>
    /// The volume sources and device host paths that stop being paths once <paramref name="valueOf"/>'s values are in
    /// (each variable's value, built-in ones included; null for a name it does not know). One line per value.
    /// </summary>
    internal static IEnumerable<(ServiceSpec Service, string Field, string Text, string Expanded)> PathProblems(IEnumerable<ServiceSpec> services, Func<string, string?> valueOf)
    {
        foreach (var service in services)
        {
            foreach (var volume in service.Volumes)
                if (LabVariableRules.BrokenExpansion(volume.Source, device: false, valueOf) is { } expanded)
                    yield return (service, VolumeSource, volume.Source, expanded);
            foreach (var device in service.Devices)
                if (LabVariableRules.BrokenExpansion(device.HostPath, device: true, valueOf) is { } expanded)
                    yield return (service, DeviceHostPath, device.HostPath, expanded);
        }
    }

    /// <summary>What a path must be, for the messages of <see cref="PathProblems"/>.</summary>
    public static string PathRule(string field) => field == DeviceHostPath ? LabVariableRules.DevicePathRule : LabVariableRules.HostPathRule;

    private static IEnumerable<string> DeclarationProblems(IReadOnlyList<VariableSpec> variables, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            if (LabVariableRules.NameProblem(variable.Name) is { } nameProblem)
                yield return $"{where}: [Variable] name '{variable.Name}' {nameProblem}";
            else if (!seen.Add((variable.DeclaredBy ?? "") + "\0" + variable.Name))
                yield return $"{where}: [Variable] '{variable.Name}' is declared twice by {variable.DeclaredBy ?? "one class"}";
            if (LabVariableRules.ValueProblem(variable.Default) is { } valueProblem)
                yield return $"{where}: [Variable(\"{variable.Name}\")] default {valueProblem}";
        }
    }

    private static string Where(ServiceSpec service) => $"service '{service.Name}' ({service.ClassName ?? "unknown class"})";
}
