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
    /// <summary>
    /// The value of each lab variable (<c>[Variable]</c>) by name: <c>EZH_VAR_&lt;NAME&gt;</c>, else its default. A variable
    /// missing here renders with its default (<see cref="Rendering.LabVariables.Defaults"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    /// <summary>The Authelia user the users database is created with.</summary>
    public AdminAccount? Admin { get; init; }
    /// <summary>
    /// The whole <c>users_database.yml</c> (the one on disk when it exists, else a new one holding the admin's
    /// argon2id hash); null when not prepared, and then the file is not rendered.
    /// </summary>
    public SensitiveText? UsersDatabase { get; init; }
    /// <summary>
    /// The generated password the users database was created with, kept in the Authelia stack's
    /// <c>secrets/authelia-admin-password</c>; null when the owner chose it (<c>EZH_ADMIN_PASSWORD</c>) or the file is gone.
    /// </summary>
    public SensitiveText? AdminPassword { get; init; }

    /// <summary>Settings taken from the lab's constants alone (no overrides, no secrets); for tests and tools.</summary>
    public static RuntimeSettings FromLab(Lab lab, string? domain = null) => new()
    {
        Domain = domain ?? lab.Domain ?? throw new ArgumentException($"Lab {lab.Name} has no domain.", nameof(lab)),
        Timezone = lab.Timezone ?? DefaultTimezone,
        Email = lab.Email,
        Puid = lab.Puid,
        Pgid = lab.Pgid,
        Variables = Rendering.LabVariables.Defaults(lab),
        Admin = AdminAccount.Default(lab.Email, domain ?? lab.Domain ?? ""),
    };
}

/// <summary>The lab's first Authelia user. Holds no password: only its hash ever reaches a file.</summary>
public sealed record AdminAccount(string User, string DisplayName, string Email)
{
    public const string DefaultUser = "admin";
    public const string DefaultDisplayName = "Administrator";

    /// <summary><c>admin</c>, with the lab's email (else <c>admin@&lt;domain&gt;</c>).</summary>
    public static AdminAccount Default(string? labEmail, string domain) =>
        new(DefaultUser, DefaultDisplayName, labEmail ?? DefaultUser + "@" + domain);
}

/// <summary>Text that must never be printed: its string form is a placeholder.</summary>
public sealed class SensitiveText(string value)
{
    public string Value { get; } = value;

    public override string ToString() => "(hidden)";
}

/// <summary>Where a secret's value came from; plan shows this, never the value.</summary>
public enum SecretSource
{
    /// <summary>Given at run time (<c>EZH_SECRET_&lt;NAME&gt;</c>), or by a caller such as a test.</summary>
    Supplied,
    /// <summary>Read from the secret's file under the root.</summary>
    Existing,
    /// <summary>Made now with a cryptographic random generator.</summary>
    Generated,
}

/// <summary>Secret values by secret name (<c>db-password</c>). Its string form lists names only, never values.</summary>
public sealed class SecretValues
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly IReadOnlyDictionary<string, SecretSource> _sources;

    public SecretValues(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, SecretSource>? sources = null)
    {
        _values = values;
        _sources = sources ?? new Dictionary<string, SecretSource>();
    }

    public static SecretValues None { get; } = new(new Dictionary<string, string>());

    public IEnumerable<string> Names => _values.Keys;

    public bool TryGet(string secretName, out string value)
    {
        if (_values.TryGetValue(secretName, out var v)) { value = v; return true; }
        value = "";
        return false;
    }

    /// <summary>Where the value came from (<see cref="SecretSource.Supplied"/> unless recorded otherwise).</summary>
    public SecretSource SourceOf(string secretName) => _sources.TryGetValue(secretName, out var source) ? source : SecretSource.Supplied;

    public override string ToString() => $"SecretValues [{string.Join(", ", _values.Keys.Order(StringComparer.Ordinal))}]";
}
