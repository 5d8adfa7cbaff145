using EzHomelab.Model;

namespace EzHomelab.Settings;

/// <summary>
/// The values a renderer needs that are not compile-time constants: the effective domain, timezone and email
/// (a run-time override, else the lab's constant) and the secret values. Validated before anything is written.
/// </summary>
public sealed record RuntimeSettings
{
    public const string DefaultTimezone = "Etc/UTC";

    public required string Domain { get; init; }
    public string Timezone { get; init; } = DefaultTimezone;
    public string? Email { get; init; }
    public int Puid { get; init; } = 1000;
    public int Pgid { get; init; } = 1000;
    public SecretValues Secrets { get; init; } = SecretValues.None;

    /// <summary>Settings taken from the lab's constants alone (no overrides, no secrets); for tests and tools.</summary>
    public static RuntimeSettings FromLab(Lab lab, string? domain = null) => new()
    {
        Domain = domain ?? lab.Domain ?? throw new ArgumentException($"Lab {lab.Name} has no domain.", nameof(lab)),
        Timezone = lab.Timezone ?? DefaultTimezone,
        Email = lab.Email,
        Puid = lab.Puid,
        Pgid = lab.Pgid,
    };
}

/// <summary>Secret values by secret name (<c>db-password</c>). Its string form lists names only, never values.</summary>
public sealed class SecretValues
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public SecretValues(IReadOnlyDictionary<string, string> values) => _values = values;

    public static SecretValues None { get; } = new(new Dictionary<string, string>());

    public IEnumerable<string> Names => _values.Keys;

    public bool TryGet(string secretName, out string value)
    {
        if (_values.TryGetValue(secretName, out var v)) { value = v; return true; }
        value = "";
        return false;
    }

    public override string ToString() => $"SecretValues [{string.Join(", ", _values.Keys.Order(StringComparer.Ordinal))}]";
}
