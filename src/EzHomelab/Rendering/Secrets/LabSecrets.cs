using EzHomelab.Model;
using EzHomelab.Rendering.Homepage;
using EzHomelab.Rules;

namespace EzHomelab.Rendering.Secrets;

/// <summary>One secret a service reads: the environment variable it is meant for and the secret's name.</summary>
/// <param name="Variable">The variable the image reads the value from (<c>POSTGRES_PASSWORD</c>); the compose file sets its file form.</param>
/// <param name="Secret">The secret's name (<c>db-password</c>): its file is <c>secrets/db-password</c> in the service's stack.</param>
public sealed record SecretUse(string Variable, string Secret);

/// <summary>
/// The one place that says which secrets a service reads, how its image is told where the file is, and which
/// secrets the user must supply (a random value would be useless). Pure: the model in, names out; never values.
/// </summary>
public static class LabSecrets
{
    public const string SecretsFolder = "secrets";
    public const string ContainerSecretsFolder = "/run/secrets";

    public const string DuckDnsToken = "duckdns-token";
    public const string AutheliaJwtSecret = "authelia-jwt-secret";
    public const string AutheliaSessionSecret = "authelia-session-secret";
    public const string AutheliaStorageEncryptionKey = "authelia-storage-encryption-key";
    public const string SmtpPassword = "smtp-password";
    /// <summary>Keeps a generated Authelia admin password (no container reads it; the users database holds its hash).</summary>
    public const string AutheliaAdminPassword = "authelia-admin-password";

    /// <summary>Secrets a service's role needs whether or not the class declares them (the configuration files rely on them).</summary>
    private static IEnumerable<SecretUse> RoleSecrets(Lab lab, ServiceSpec service)
    {
        if (LabRoutes.IsTraefik(lab, service))
            yield return new SecretUse("DUCKDNS_TOKEN", DuckDnsToken); // the ACME DNS-01 resolver in traefik.yml
        if (CoreServices.LabAuthelia(lab)?.Name == service.Name)
        {
            yield return new SecretUse("AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET", AutheliaJwtSecret);
            yield return new SecretUse("AUTHELIA_SESSION_SECRET", AutheliaSessionSecret);
            yield return new SecretUse("AUTHELIA_STORAGE_ENCRYPTION_KEY", AutheliaStorageEncryptionKey);
            if (lab.Smtp is not null) yield return new SecretUse("AUTHELIA_NOTIFIER_SMTP_PASSWORD", SmtpPassword);
        }
        // A Homepage whose services.yaml we write reads every widget's API key (each Homepage lists the whole lab).
        if (CoreServices.On(lab, lab.ServerOf(service)).Homepage?.Name == service.Name && HomepageRenderer.ConfigFolderOf(service) is not null)
            foreach (var secret in WidgetKeySecrets(lab))
                yield return new SecretUse(HomepageKeyVariable(secret), secret);
    }

    /// <summary>Homepage replaces <c>{{HOMEPAGE_FILE_X}}</c> in its configuration with the content of the file <c>HOMEPAGE_FILE_X</c> names.</summary>
    public const string HomepageFilePrefix = "HOMEPAGE_FILE_";

    /// <summary>The distinct API-key secrets of the widgets on dashboard entries, in name order.</summary>
    public static IReadOnlyList<string> WidgetKeySecrets(Lab lab) =>
        lab.Services.Where(s => s.Dashboard is not null && s.Widget?.ApiKeySecret is not null)
            .Select(s => s.Widget!.ApiKeySecret!).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The Homepage variable naming a widget key's file: <c>sonarr-api-key</c> → <c>HOMEPAGE_FILE_SONARR_API_KEY</c>.</summary>
    public static string HomepageKeyVariable(string secret) =>
        HomepageFilePrefix + secret.ToUpperInvariant().Replace('-', '_');

    /// <summary>Every secret <paramref name="service"/> reads: its <c>[SecretEnv]</c> entries, then its role's (unless it already sets that variable).</summary>
    public static IReadOnlyList<SecretUse> Of(Lab lab, ServiceSpec service)
    {
        var uses = service.SecretEnvironment.Select(e => new SecretUse(e.Name, e.Secret)).ToList();
        foreach (var implied in RoleSecrets(lab, service))
            if (uses.All(u => u.Variable != implied.Variable)) uses.Add(implied);
        return uses;
    }

    /// <summary>The distinct secret names a stack's services read, in name order: one file each under <c>secrets/</c>.</summary>
    public static IReadOnlyList<string> InStack(Lab lab, StackSpec stack) =>
        stack.Services.SelectMany(s => Of(lab, s)).Select(u => u.Secret).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The secret's file, relative to its stack folder.</summary>
    public static string StackPath(string secret) => SecretsFolder + "/" + secret;

    /// <summary>Where the container sees the file.</summary>
    public static string ContainerPath(string secret) => ContainerSecretsFolder + "/" + secret;

    /// <summary>
    /// The variable that tells the image where the file is. LinuxServer images read <c>FILE__NAME</c> (their init
    /// system loads the file into <c>NAME</c>); Gluetun reads <c>NAME_SECRETFILE</c>; the common convention is <c>NAME_FILE</c>.
    /// </summary>
    public static string FileVariable(Lab lab, ServiceSpec service, string variable)
    {
        // Homepage's own convention: the variable is already the file form.
        if (variable.StartsWith(HomepageFilePrefix, StringComparison.Ordinal) && CoreServices.On(lab, lab.ServerOf(service)).Homepage?.Name == service.Name)
            return variable;
        if (IsLinuxServerImage(service.Image)) return "FILE__" + variable;
        if (CoreServices.On(lab, lab.ServerOf(service)).Gluetun?.Name == service.Name) return variable + "_SECRETFILE";
        return variable + "_FILE";
    }

    public static bool IsLinuxServerImage(string image)
    {
        var repository = KnownImages.Repository(image);
        return repository.StartsWith("lscr.io/linuxserver/", StringComparison.Ordinal) || repository.StartsWith("linuxserver/", StringComparison.Ordinal);
    }

    /// <summary>
    /// What a generated secret protects, for the refusal to make a deleted one anew: the end of a sentence starting
    /// "the secret 'x' ". <paramref name="reader"/> is a service that reads it.
    /// </summary>
    public static string WhatItProtects(Lab lab, string secret, ServiceSpec reader) => secret switch
    {
        AutheliaStorageEncryptionKey => "encrypts Authelia's database (second factors, consents, user preferences): with a new key Authelia can no longer open it and will not start",
        AutheliaSessionSecret => "signs Authelia's login sessions: a new one logs everyone out",
        AutheliaJwtSecret => "signs Authelia's password-reset links: a new one voids the links already sent",
        _ => $"is read by service '{reader.Name}' (stack '{reader.Stack}') as {Of(lab, reader).FirstOrDefault(u => u.Secret == secret)?.Variable ?? secret}: data it stored with the old value (a database created with that password, files encrypted with that key) may no longer open with a new one",
    };

    /// <summary>
    /// True for secrets only their owner can give: account tokens, API keys another application issued and VPN
    /// credentials (<c>*-token</c>, <c>*-api-key</c>, <c>wireguard-*</c>, <c>openvpn-*</c>), and the mail account's
    /// <c>smtp-password</c>. They are never generated; without a value their file is not written.
    /// </summary>
    public static bool MustBeSupplied(string secret) =>
        secret == SmtpPassword
        || secret.EndsWith("-token", StringComparison.Ordinal)
        || secret.EndsWith("-api-key", StringComparison.Ordinal)
        || secret.StartsWith("wireguard-", StringComparison.Ordinal)
        || secret.StartsWith("openvpn-", StringComparison.Ordinal);
}
