using System.Collections;
using System.Text.RegularExpressions;
using EzHomelab.Model;
using EzHomelab.Rules;

namespace EzHomelab.Settings;

/// <summary>Runtime settings after validation, plus warnings worth showing (never holding a secret value).</summary>
public sealed record LoadedSettings(RuntimeSettings Settings, IReadOnlyList<string> Warnings);

/// <summary>
/// Builds <see cref="RuntimeSettings"/> from the process environment and an optional env file (the environment
/// wins, as with compose), falling back to the lab's constants, and validates every value before anything is written.
/// </summary>
public static partial class RuntimeSettingsLoader
{
    public const string DomainVariable = "EZH_DOMAIN";
    public const string EmailVariable = "EZH_EMAIL";
    public const string TimezoneVariable = "EZH_TIMEZONE";
    private const string SecretPrefix = "EZH_SECRET_";

    /// <summary>Loads and validates the settings; only the secrets of <paramref name="servicesInScope"/> (the services about to be rendered) are looked up.</summary>
    /// <exception cref="SettingsException">A value is missing or malformed; the message is one line.</exception>
    public static LoadedSettings Load(Lab lab, IDictionary environment, string? envFilePath, IEnumerable<ServiceSpec> servicesInScope)
    {
        var warnings = new List<string>();
        var file = envFilePath is null ? null : EnvFile.Read(envFilePath);
        if (file is not null)
        {
            foreach (var key in file.Keys.Order(StringComparer.Ordinal))
                if (key.StartsWith("EZH_", StringComparison.Ordinal) && !key.StartsWith(SecretPrefix, StringComparison.Ordinal)
                    && key is not (DomainVariable or EmailVariable or TimezoneVariable))
                    warnings.Add($"--env-file {envFilePath}: {key} is not a setting EzHomelab reads (known: {DomainVariable}, {EmailVariable}, {TimezoneVariable}, {SecretPrefix}<NAME>)");
        }

        Setting? Lookup(string variable)
        {
            if (environment.Contains(variable) && environment[variable] is string fromEnv) return new(variable, fromEnv, "set in the environment");
            if (file is not null && file.TryGetValue(variable, out var fromFile)) return new(variable, fromFile, $"set in --env-file {envFilePath}");
            return null;
        }

        string constantSource = $"set on [Homelab] of {lab.Name}";

        var domain = Lookup(DomainVariable) ?? (lab.Domain is null ? null : new Setting("Domain", lab.Domain, constantSource));
        if (domain is null || domain.Value.Length == 0)
            throw new SettingsException($"no domain: set Domain on [Homelab] of {lab.Name} or the {DomainVariable} variable");
        var domainValue = domain.Value.ToLowerInvariant();
        if (!DnsName.IsValidDomain(domainValue)) throw domain.Invalid("is not a valid domain name");

        var timezone = Lookup(TimezoneVariable) ?? (lab.Timezone is null ? null : new Setting("Timezone", lab.Timezone, constantSource));
        if (timezone is not null && !IsValidTimezone(timezone.Value)) throw timezone.Invalid("is not a time zone name (Area/Location, e.g. Europe/Berlin, or UTC)");

        var email = Lookup(EmailVariable) ?? (lab.Email is null ? null : new Setting("Email", lab.Email, constantSource));
        if (email is not null && !IsValidEmail(email.Value)) throw email.Invalid("is not an email address (local@domain)");

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (secretName, service) in SecretsUsedBy(servicesInScope))
        {
            if (secrets.ContainsKey(secretName)) continue;
            var variable = Naming.SecretVariable(secretName);
            var secret = Lookup(variable);
            if (secret is null)
            {
                warnings.Add($"secret '{secretName}' is not set ({variable}); service '{service.Name}' in stack '{service.Stack}' gets an empty value");
                secrets[secretName] = "";
                continue;
            }
            // Never echo the value: name the variable and the source only.
            if (secret.Value.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0)
                throw new SettingsException($"{variable}: the value holds a line break or NUL, which a .env file cannot carry ({secret.Source})");
            if (!Rendering.Compose.DotEnv.CanRepresent(secret.Value))
                throw new SettingsException($"{variable}: the value holds '${{' or mixes '$' with a quote or backslash, which a .env file cannot carry unchanged ({secret.Source})");
            secrets[secretName] = secret.Value;
        }

        var settings = new RuntimeSettings
        {
            Domain = domainValue,
            Timezone = timezone?.Value ?? RuntimeSettings.DefaultTimezone,
            Email = email?.Value,
            Puid = lab.Puid,
            Pgid = lab.Pgid,
            Secrets = new SecretValues(secrets),
        };
        return new LoadedSettings(settings, warnings);
    }

    private static IEnumerable<(string Secret, ServiceSpec Service)> SecretsUsedBy(IEnumerable<ServiceSpec> services) =>
        services.SelectMany(s => s.SecretEnvironment.Select(e => (e.Secret, s)));

    /// <summary><c>Area/Location[/Sub]</c> as in the IANA database (<c>Europe/Berlin</c>, <c>Etc/GMT+5</c>), or <c>UTC</c>.</summary>
    public static bool IsValidTimezone(string value) => value is "UTC" or "GMT" || TimezonePattern().IsMatch(value);

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

    [GeneratedRegex(@"^[A-Z][A-Za-z_\-]*(/[A-Za-z0-9_\-+]+){1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex TimezonePattern();

    private sealed record Setting(string Name, string Value, string Source)
    {
        public SettingsException Invalid(string problem) => new($"{Name}: '{Printable(Value)}' {problem} ({Source})");

        // Keeps the error on one line whatever the value holds.
        private static string Printable(string value) =>
            string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
