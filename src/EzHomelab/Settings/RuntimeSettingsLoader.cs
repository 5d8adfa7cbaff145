using System.Collections;
using System.Text.RegularExpressions;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rules;

namespace EzHomelab.Settings;

/// <summary>Runtime settings after validation, plus warnings worth showing (never holding a secret value).</summary>
public sealed record LoadedSettings(RuntimeSettings Settings, IReadOnlyList<string> Warnings)
{
    /// <summary><c>EZH_ADMIN_PASSWORD</c> when set: hashed into a new users database, never stored or printed.</summary>
    public SensitiveText? AdminPassword { get; init; }
}

/// <summary>
/// Builds <see cref="RuntimeSettings"/> from the process environment and an optional env file (the environment
/// wins, as with compose), falling back to the lab's constants, and validates every value before anything is written.
/// </summary>
public static partial class RuntimeSettingsLoader
{
    public const string DomainVariable = "EZH_DOMAIN";
    public const string EmailVariable = "EZH_EMAIL";
    public const string TimezoneVariable = "EZH_TIMEZONE";
    public const string AdminUserVariable = "EZH_ADMIN_USER";
    public const string AdminEmailVariable = "EZH_ADMIN_EMAIL";
    public const string AdminDisplayNameVariable = "EZH_ADMIN_DISPLAY_NAME";
    public const string AdminPasswordVariable = "EZH_ADMIN_PASSWORD";
    public const int MinimumAdminPasswordLength = 12;

    /// <summary>Loads and validates the settings; only the secrets of <paramref name="servicesInScope"/> (the services about to be rendered) are looked up.</summary>
    /// <exception cref="SettingsException">A value is missing, empty or malformed; the message is one line.</exception>
    public static LoadedSettings Load(Lab lab, IDictionary environment, string? envFilePath, IEnumerable<ServiceSpec> servicesInScope)
    {
        var file = envFilePath is null ? null : EnvFile.Read(envFilePath);
        var warnings = new List<string>(file?.Warnings ?? []);
        warnings.AddRange(RunnerVariables.Unknown(lab, environment, file));

        // An empty value is an error, not "unset": compose passes VAR= on as an empty string, and a setting left
        // empty by mistake must not fall back to the lab's constant in silence.
        Setting? Lookup(string variable, string remedy)
        {
            Setting? found = null;
            if (environment.Contains(variable) && environment[variable] is string fromEnv) found = new(variable, fromEnv, "set in the environment");
            else if (file is not null && file.Values.TryGetValue(variable, out var fromFile)) found = new(variable, fromFile, $"set in --env-file {file.DisplayPath}");
            if (found is { Value.Length: 0 })
                throw new SettingsException($"{variable}: the value is empty ({found.Source}); {remedy}");
            return found;
        }

        string constantSource = $"set on [Homelab] of {lab.Name}";

        var domain = Lookup(DomainVariable, lab.Domain is null ? $"set a domain name ({lab.Name} has no Domain on [Homelab])" : $"set a domain name, or remove the variable to use Domain of [Homelab] ({lab.Domain})")
            ?? (lab.Domain is null ? null : new Setting("Domain", lab.Domain, constantSource));
        if (domain is null || domain.Value.Length == 0)
            throw new SettingsException($"no domain: set Domain on [Homelab] of {lab.Name} or the {DomainVariable} variable");
        var domainValue = domain.Value.ToLowerInvariant();
        if (!DnsName.IsValidDomain(domainValue)) throw domain.Invalid("is not a valid domain name");

        var timezone = Lookup(TimezoneVariable, $"set a time zone such as Europe/Berlin, or remove the variable to use {lab.Timezone ?? RuntimeSettings.DefaultTimezone}")
            ?? (lab.Timezone is null ? null : new Setting("Timezone", lab.Timezone, constantSource));
        if (timezone is not null && !IsValidTimezone(timezone.Value)) throw timezone.Invalid(TimezoneProblem(timezone.Value));

        var email = Lookup(EmailVariable, lab.Email is null ? "set an email address, or remove the variable" : $"set an email address, or remove the variable to use Email of [Homelab] ({lab.Email})")
            ?? (lab.Email is null ? null : new Setting("Email", lab.Email, constantSource));
        if (email is not null && !IsValidEmail(email.Value)) throw email.Invalid("is not an email address (local@domain)");

        // Only explicit values here; Planning.SecretStore adds the ones on disk and generates the rest.
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var secretName in SecretsUsedBy(lab, servicesInScope))
        {
            if (secrets.ContainsKey(secretName)) continue;
            var variable = Naming.SecretVariable(secretName);
            // Never echo the value: name the variable and the source only.
            if (Lookup(variable, "set its value, or remove the variable") is not { } secret) continue;
            if (secret.Value.Contains('\0')) throw new SettingsException($"{variable}: the value holds a NUL character ({secret.Source})");
            secrets[secretName] = secret.Value;
        }

        var admin = AdminAccount.Default(email?.Value, domainValue);
        if (Lookup(AdminUserVariable, $"set a user name, or remove the variable to use '{AdminAccount.DefaultUser}'") is { } user)
        {
            if (!IsValidUserName(user.Value)) throw user.Invalid("is not a user name (letters, digits, '.', '_', '-', '@'; at most 64)");
            admin = admin with { User = user.Value };
        }
        if (Lookup(AdminEmailVariable, "set an email address, or remove the variable to use the lab's email") is { } adminEmail)
        {
            if (!IsValidEmail(adminEmail.Value)) throw adminEmail.Invalid("is not an email address (local@domain)");
            admin = admin with { Email = adminEmail.Value };
        }
        if (Lookup(AdminDisplayNameVariable, $"set a name, or remove the variable to use '{AdminAccount.DefaultDisplayName}'") is { } displayName)
        {
            if (displayName.Value.Trim().Length == 0 || displayName.Value.Any(char.IsControl)) throw displayName.Invalid("must be a non-blank name on one line");
            admin = admin with { DisplayName = displayName.Value };
        }
        SensitiveText? adminPassword = null;
        if (Lookup(AdminPasswordVariable, $"set a password of {MinimumAdminPasswordLength} or more characters, or remove the variable to have one generated") is { } password)
        {
            // The value itself is never echoed.
            if (password.Value.Length < MinimumAdminPasswordLength)
                throw new SettingsException($"{AdminPasswordVariable}: the password is shorter than {MinimumAdminPasswordLength} characters ({password.Source})");
            if (password.Value.Any(char.IsControl))
                throw new SettingsException($"{AdminPasswordVariable}: the password holds a control character ({password.Source})");
            adminPassword = new SensitiveText(password.Value);
        }

        var variables = LoadVariables(lab, Lookup, servicesInScope, domainValue, timezone?.Value ?? RuntimeSettings.DefaultTimezone);

        var settings = new RuntimeSettings
        {
            Domain = domainValue,
            Timezone = timezone?.Value ?? RuntimeSettings.DefaultTimezone,
            Email = email?.Value,
            Puid = lab.Puid,
            Pgid = lab.Pgid,
            Secrets = new SecretValues(secrets),
            Variables = variables,
            Admin = admin,
        };
        return new LoadedSettings(settings, warnings) { AdminPassword = adminPassword };
    }

    /// <summary>
    /// Each lab variable's value: <c>EZH_VAR_&lt;NAME&gt;</c>, else its default. A value must survive the stack's
    /// <c>.env</c> (no line break, no <c>${</c>, no <c>$</c> beside a quote or backslash), and the volume sources and
    /// device paths of the services in scope must stay paths with this run's values.
    /// </summary>
    private static IReadOnlyDictionary<string, string> LoadVariables(Lab lab, Func<string, string, Setting?> lookup, IEnumerable<ServiceSpec> servicesInScope, string domain, string timezone)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var variable in LabVariables.Declared(lab))
        {
            var name = LabVariableRules.OverridePrefix + variable.Name;
            if (lookup(name, $"set a value, or remove the variable to use the default '{variable.Default}'") is { } set)
            {
                // The value is not echoed: it is not secret, but it may hold the line break that is the problem.
                if (LabVariableRules.ValueProblem(set.Value) is { } problem)
                    throw new SettingsException($"{name}: the value {problem} ({set.Source})");
                values[variable.Name] = set.Value;
                overrides[variable.Name] = set;
            }
            else values[variable.Name] = variable.Default;
        }

        string? ValueOf(string name) => name switch
        {
            "DOMAIN" => domain,
            "TZ" => timezone,
            "PUID" => lab.Puid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "PGID" => lab.Pgid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => values.TryGetValue(name, out var value) ? value : null,
        };
        foreach (var (service, field, text, expanded) in LabVariables.PathProblems(servicesInScope, ValueOf))
        {
            var used = LabVariableRules.References(text).Select(r => r.Name).Distinct().ToList();
            var culprits = used.Where(overrides.ContainsKey).ToList();
            var subject = culprits.Count > 0 ? string.Join(", ", culprits.Select(n => overrides[n].Name)) : string.Join(", ", used);
            var sources = culprits.Count > 0 ? string.Join("; ", culprits.Select(n => overrides[n].Source)) : "the defaults";
            throw new SettingsException($"{subject}: service '{service.Name}' ({service.ClassName ?? "unknown class"}): {field} '{text}' becomes '{expanded}', "
                + $"which is not {LabVariables.PathRule(field)} ({sources})");
        }
        return values;
    }

    private static IEnumerable<string> SecretsUsedBy(Lab lab, IEnumerable<ServiceSpec> services) =>
        services.SelectMany(s => Rendering.Secrets.LabSecrets.Of(lab, s)).Select(u => u.Secret);

    /// <summary>An Authelia user name: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, <c>@</c>; starts with a letter or digit; at most 64.</summary>
    public static bool IsValidUserName(string value) => value.Length <= 64 && UserNamePattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();

    /// <summary>
    /// A name of the IANA time zone database, by the same table as the generator's rule (<see cref="LabSetting.IsValidTimezone"/>),
    /// so a value is judged alike at compile time and at run time on every machine. Not this machine's
    /// <see cref="TimeZoneInfo"/>: on Linux it also resolves Windows ids (through ICU), any case (<c>europe/berlin</c>) and
    /// the <c>posix/</c>, <c>right/</c> and <c>localtime</c> files, none of which a container's <c>TZ</c> understands.
    /// TimeZoneTableTests keep the table equal to this machine's database.
    /// </summary>
    public static bool IsValidTimezone(string value) => LabSetting.IsValidTimezone(value);

    /// <summary>Why a time zone is refused, with the IANA name meant when one is likely.</summary>
    private static string TimezoneProblem(string value)
    {
        var problem = $"is not a {LabSetting.ExpectedTimezone}";
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(value, out var iana) && LabSetting.IsValidTimezone(iana))
            return $"{problem}; it is a Windows id, the IANA name is {iana}";
        return NearestName.Of(value, IanaTimeZones.Names) is { } nearest ? $"{problem}; did you mean {nearest}?" : problem;
    }

    /// <summary>A simple <c>local@domain</c> check: one <c>@</c>, a non-blank local part, a valid domain.</summary>
    public static bool IsValidEmail(string value)
    {
        int at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@')) return false;
        var local = value[..at];
        foreach (var c in local)
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';') return false;
        return DnsName.IsValidDomain(value[(at + 1)..].ToLowerInvariant());
    }

    private sealed record Setting(string Name, string Value, string Source)
    {
        public SettingsException Invalid(string problem) => new($"{Name}: '{Printable(Value)}' {problem} ({Source})");

        // Keeps the error on one line whatever the value holds.
        private static string Printable(string value) =>
            string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
