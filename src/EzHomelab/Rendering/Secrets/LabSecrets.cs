using System.Globalization;
using EzHomelab.Model;
using EzHomelab.Rendering.Homepage;
using EzHomelab.Rules;
using EzHomelab.Settings;

namespace EzHomelab.Rendering.Secrets;

/// <summary>One secret a service reads: the environment variable it is meant for, the secret's name, and how the image finds the file.</summary>
/// <param name="Variable">The variable the image reads the value from (<c>POSTGRES_PASSWORD</c>); the compose file sets its file form.</param>
/// <param name="Secret">The secret's name (<c>db-password</c>): its file is <c>secrets/db-password</c> in the service's stack.</param>
/// <param name="Form">How the image is told where the file is (<see cref="LabSecrets.ContainerEnvironment"/>).</param>
/// <param name="FileVariable">The variable that receives the path or name, instead of the image family's rule.</param>
public sealed record SecretUse(string Variable, string Secret, SecretForm Form = SecretForm.FilePath, string? FileVariable = null);

/// <summary>The one environment entry a secret gives a container: where the file is (a path, a <c>file://</c> URI or its name), never the value.</summary>
public sealed record SecretEnvironmentEntry(string Variable, string Value);

/// <summary>
/// The secrets of a lab that only their owner can give (<see cref="LabSecrets.MustBeSupplied"/>): those a
/// <c>[SecretEnv]</c> marks <see cref="SecretSupply.User"/>, and those whose name says so.
/// </summary>
public sealed class UserSuppliedSecrets
{
    private readonly HashSet<string> marked;

    internal UserSuppliedSecrets(Lab lab) =>
        marked = lab.Services.SelectMany(s => s.SecretEnvironment).Where(e => e.Supply == SecretSupply.User).Select(e => e.Secret).ToHashSet(StringComparer.Ordinal);

    public bool Contains(string secret) => marked.Contains(secret) || LabSecrets.SuppliedByName(secret);
}

/// <summary>The container user who opens a service's secret files, and why that one.</summary>
/// <param name="Service">The service's name.</param>
/// <param name="Uid">Its user id; 0 for root; null when it cannot be told (a <c>User</c> given by name).</param>
/// <param name="Gid">Its group id; null when it cannot be told.</param>
/// <param name="Why">How the image reads the file, for messages and docs.</param>
public sealed record SecretReader(string Service, int? Uid, int? Gid, string Why)
{
    /// <summary>Root reads any file whatever its owner (it has <c>CAP_DAC_OVERRIDE</c>), so it needs no owner of its own.</summary>
    public bool IsRoot => Uid == 0;
}

/// <summary>Who a stack's secret file must belong to and its mode, and what cannot be arranged (one line each).</summary>
public sealed record SecretOwnership(FileOwner? Owner, UnixFileMode Mode, IReadOnlyList<string> Problems);

/// <summary>
/// The one place that says which secrets a service reads, how its image is told where the file is, which user
/// in the container opens the file (and so whom it must belong to), and which secrets the user must supply (a
/// random value would be useless). Pure: the model in, names out; never values.
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
        var uses = service.SecretEnvironment.Select(e => new SecretUse(e.Name, e.Secret, e.Form, e.FileVariable)).ToList();
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
    /// The environment entry that tells <paramref name="service"/>'s image where <paramref name="use"/>'s file is:
    /// <see cref="SecretForm.FileUri"/> sets the variable itself to <c>file:///run/secrets/&lt;secret&gt;</c>;
    /// <see cref="SecretForm.SecretName"/> sets the file variable to the secret's name; otherwise the file variable gets the path.
    /// </summary>
    public static SecretEnvironmentEntry ContainerEnvironment(Lab lab, ServiceSpec service, SecretUse use) => use.Form switch
    {
        SecretForm.FileUri => new SecretEnvironmentEntry(use.Variable, "file://" + ContainerPath(use.Secret)),
        SecretForm.SecretName => new SecretEnvironmentEntry(FileVariable(lab, service, use), use.Secret),
        _ => new SecretEnvironmentEntry(FileVariable(lab, service, use), ContainerPath(use.Secret)),
    };

    /// <summary>
    /// The variable that tells the image where the file is: the one the class names (<c>FileVariable</c>), else by
    /// image family. LinuxServer images read <c>FILE__NAME</c> (their init system loads the file into <c>NAME</c>);
    /// Gluetun reads <c>NAME_SECRETFILE</c>; the common convention is <c>NAME_FILE</c>.
    /// </summary>
    public static string FileVariable(Lab lab, ServiceSpec service, SecretUse use)
    {
        if (use.FileVariable is { } named) return named;
        var variable = use.Variable;
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
    /// How known images read the file their <c>*_FILE</c> variable names, checked against each image's entrypoint:
    /// as root before dropping privileges (LinuxServer's s6 init loads <c>FILE__*</c> as root, then runs the app as
    /// PUID; Gluetun and Traefik run as root; the postgres, mariadb and mysql entrypoints read <c>*_FILE</c> as root
    /// and export the value before re-running themselves as the database user with gosu), or as PUID:PGID after
    /// dropping to it (Homepage's node server reads <c>HOMEPAGE_FILE_*</c>, Authelia reads its <c>*_FILE</c> secrets;
    /// both entrypoints su-exec to PUID:PGID, which default to 0). Null for an image not in the table.
    /// </summary>
    private static (bool AsPuid, string Why)? KnownReading(string image)
    {
        if (IsLinuxServerImage(image)) return (false, "LinuxServer's init reads FILE__ variables as root");
        switch (KnownImages.RoleOf(image))
        {
            case ImageRole.Gluetun: return (false, "Gluetun runs as root");
            case ImageRole.Traefik: return (false, "Traefik runs as root");
            case ImageRole.Homepage: return (true, "Homepage reads HOMEPAGE_FILE_ variables as PUID:PGID");
            case ImageRole.Authelia: return (true, "Authelia reads its _FILE secrets as PUID:PGID");
        }
        return KnownImages.Repository(image) switch
        {
            "postgres" or "mariadb" or "mysql" => (false, "its entrypoint reads _FILE variables as root before switching to the database user"),
            _ => null,
        };
    }

    /// <summary>
    /// Who opens <paramref name="service"/>'s secret files: the <c>User</c> it runs as, when it has one (no
    /// entrypoint can become root again); else what its image does (<see cref="KnownReading"/>); else, for an image
    /// EzHomelab does not know, PUID:PGID when the service sets <c>PUID</c> (the convention of images that drop to
    /// it; root reads the file too) and root otherwise (Docker runs a container as root unless its image names a
    /// USER; then declare that user as the service's <c>User</c>).
    /// </summary>
    public static SecretReader ReaderOf(ServiceSpec service, RuntimeSettings settings)
    {
        if (service.User is { } user)
        {
            var (uid, gid) = ParseUser(user);
            return new SecretReader(service.Name, uid, gid, "it runs as User \"" + user + "\"");
        }
        var known = KnownReading(service.Image);
        if (known is { AsPuid: false } root) return new SecretReader(service.Name, 0, 0, root.Why);
        bool setsPuid = service.Environment.Any(e => e.Name == "PUID");
        if (known is null && !setsPuid) return new SecretReader(service.Name, 0, 0, "its image is not known to run as another user");
        // Homepage and Authelia default both to 0; what another image does without PGID is not known.
        int? unset = known is null ? null : 0;
        var puid = IdFromEnvironment(service, "PUID", settings);
        var pgid = IdFromEnvironment(service, "PGID", settings);
        return new SecretReader(service.Name, puid.Known ? puid.Id ?? unset : null, pgid.Known ? pgid.Id ?? unset : null,
            known?.Why ?? "it sets PUID, so its image is taken to drop to PUID:PGID");
    }

    /// <summary><c>uid</c> or <c>uid:gid</c>; <c>root</c> is 0. A name (other than root) cannot be told without the image: null.</summary>
    private static (int? Uid, int? Gid) ParseUser(string user)
    {
        var parts = user.Split(':', 2);
        static int? Id(string part) =>
            part == "root" ? 0 : int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        int? uid = Id(parts[0]);
        // Without a group Docker takes the user's group from the image's /etc/passwd (or 0): unknown here.
        int? gid = parts.Length == 2 ? Id(parts[1]) : null;
        return (uid, gid);
    }

    /// <summary>The id a <c>PUID</c>/<c>PGID</c> variable gives: a number, <c>${PUID}</c> or <c>${PGID}</c> (the lab's); Known is false for anything else.</summary>
    private static (bool Known, int? Id) IdFromEnvironment(ServiceSpec service, string variable, RuntimeSettings settings)
    {
        var env = service.Environment.LastOrDefault(e => e.Name == variable);
        if (env is null) return (true, null);
        return env.Value switch
        {
            "${PUID}" => (true, settings.Puid),
            "${PGID}" => (true, settings.Pgid),
            var v when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) => (true, id),
            _ => (false, null),
        };
    }

    /// <summary>
    /// The owner and mode of <paramref name="secret"/>'s file in <paramref name="stack"/>, so that every service of
    /// the stack that reads it can: no owner (whoever writes it, mode 0600) when only root reads it; the reader's
    /// uid:gid (0600) when one non-root user does; for several non-root users, one of them as owner and the group
    /// all the others share (0640). When no such group exists, or a reader cannot be told, the first reader gets the
    /// file and a problem says which service is left out and what to change.
    /// </summary>
    public static SecretOwnership OwnershipOf(Lab lab, StackSpec stack, string secret, RuntimeSettings settings)
    {
        var readers = stack.Services.Where(s => Of(lab, s).Any(u => u.Secret == secret)).Select(s => ReaderOf(s, settings)).ToList();
        var problems = new List<string>();
        foreach (var unknown in readers.Where(r => r.Uid is null))
            problems.Add($"secret '{secret}' in stack '{stack.Name}': service '{unknown.Service}' reads it as a user EzHomelab cannot tell ({unknown.Why}); "
                + "give its User as numbers (\"1000:1000\") or its PUID/PGID as numbers, so that the file can be given to that user");
        var users = readers.Where(r => r.Uid is not null && !r.IsRoot).GroupBy(r => r.Uid!.Value).OrderBy(g => g.Key).ToList();
        if (users.Count == 0) return new SecretOwnership(null, RenderedFile.OwnerOnly, problems);

        static int? SharedGid(IEnumerable<SecretReader> group) =>
            group.Select(r => r.Gid).Distinct().ToList() is [{ } gid] ? gid : null;
        static string Services(IReadOnlyCollection<SecretReader> group) =>
            (group.Count == 1 ? "service " : "services ") + string.Join(", ", group.Select(r => $"'{r.Service}'"));
        static FileOwner OwnedBy(IGrouping<int, SecretReader> user) =>
            new(user.Key, SharedGid(user), $"{Services(user.ToList())} ({user.First().Why})");
        if (users.Count == 1) return new SecretOwnership(OwnedBy(users[0]), RenderedFile.OwnerOnly, problems);

        // Several users: one owns the file, the others read it through the group they all have.
        foreach (var owner in users)
        {
            var others = users.Where(u => u.Key != owner.Key).SelectMany(u => u).ToList();
            if (SharedGid(others) is not { } group) continue;
            return new SecretOwnership(new FileOwner(owner.Key, group, $"{Services(owner.ToList())} (as user {owner.Key}) and {Services(others)} (as group {group})"),
                RenderedFile.OwnerAndGroupRead, problems);
        }
        var left = users.Skip(1).SelectMany(u => u).ToList();
        problems.Add($"secret '{secret}' in stack '{stack.Name}': {Services(users[0].ToList())} and {Services(left)} read it as users {string.Join(", ", users.Select(u => u.Key))} "
            + $"with no group in common, so only {Services(users[0].ToList())} can; give them one group (User = \"<uid>:<shared gid>\") or give each its own secret");
        return new SecretOwnership(OwnedBy(users[0]), RenderedFile.OwnerOnly, problems);
    }

    /// <summary>What the secret files of the servers in scope cannot be arranged for (see <see cref="OwnershipOf"/>), one line each.</summary>
    public static IReadOnlyList<string> OwnershipProblems(Lab lab, RuntimeSettings settings, IReadOnlyCollection<string> serversInScope) =>
        lab.Servers.Where(s => serversInScope.Contains(s.Name))
            .SelectMany(lab.StacksOn)
            .SelectMany(stack => InStack(lab, stack).SelectMany(secret => OwnershipOf(lab, stack, secret, settings).Problems))
            .ToArray();

    /// <summary>
    /// The secrets of <paramref name="lab"/> only their owner can give, the one rule render, plan, deploy and the
    /// secrets verb follow: those a <c>[SecretEnv]</c> marks <see cref="SecretSupply.User"/> (in any service: one
    /// secret has one value), and those <see cref="SuppliedByName"/>. They are never generated; without a value their
    /// file is not written.
    /// </summary>
    public static UserSuppliedSecrets MustBeSupplied(Lab lab) => new(lab);

    /// <summary>
    /// True for secrets whose name says only their owner can give them: account tokens, API keys another application
    /// issued and VPN credentials (<c>*-token</c>, <c>*-api-key</c>, <c>wireguard-*</c>, <c>openvpn-*</c>), and the
    /// mail account's <c>smtp-password</c>.
    /// </summary>
    public static bool SuppliedByName(string secret) =>
        secret == SmtpPassword
        || secret.EndsWith("-token", StringComparison.Ordinal)
        || secret.EndsWith("-api-key", StringComparison.Ordinal)
        || secret.StartsWith("wireguard-", StringComparison.Ordinal)
        || secret.StartsWith("openvpn-", StringComparison.Ordinal);
}
