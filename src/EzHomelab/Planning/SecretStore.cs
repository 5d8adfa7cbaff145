using System.Runtime;
using System.Security.Cryptography;
using System.Text;
using EzHomelab.Model;
using EzHomelab.Rendering;
using EzHomelab.Rendering.Authelia;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Rules;
using EzHomelab.Settings;
using Isopoh.Cryptography.Argon2;
using YamlDotNet.RepresentationModel;

namespace EzHomelab.Planning;

/// <summary>Settings with every secret value the render needs, plus what to tell the user (never a value).</summary>
/// <param name="Settings">The settings to render with: secrets and the users database filled in.</param>
/// <param name="Warnings">One line each: missing must-supply secrets, ignored overrides.</param>
/// <param name="NewAdminPasswordFile">
/// Set when this run creates the users database with a generated (or earlier generated and kept) password: the file,
/// relative to the root, that keeps the password, written before the database; pointed at once both are written.
/// </param>
/// <param name="Lost">Generated secrets whose file was deleted since EzHomelab wrote it: render and deploy refuse until each is regenerated on purpose.</param>
public sealed record PreparedSecrets(RuntimeSettings Settings, IReadOnlyList<string> Warnings, string? NewAdminPasswordFile, IReadOnlyList<LostSecret> Lost)
{
    /// <summary>The refusal of a run that would write over lost secrets: one line per secret, naming its file and what it protects.</summary>
    public RefusedException? Refusal => Lost.Count == 0 ? null : new RefusedException(string.Join("\n", Lost.Select(l =>
        $"{l.Path} was deleted: the secret '{l.Secret}' {l.Protects}. Restore the file (a backup of the root), or run again with --regenerate-secret {l.Secret} to make a new one on purpose")));
}

/// <summary>One secret file under the root (<see cref="SecretStore.FilesInScope"/>).</summary>
/// <param name="StackFolder">The stack's folder relative to the root (<see cref="OutputLayout.StackFolder"/>).</param>
/// <param name="Reader">The first service of the stack that reads it; null for the kept admin password, which no container reads.</param>
public sealed record SecretFileInScope(string Secret, string Server, string Stack, string StackFolder, ServiceSpec? Reader)
{
    /// <summary>The file, relative to the root.</summary>
    public string Path => StackFolder + "/" + LabSecrets.StackPath(Secret);
}

/// <summary>A generated secret the manifest knew, whose file is gone.</summary>
/// <param name="Path">The file that is missing, relative to the root.</param>
/// <param name="Protects">What the secret protects (from <see cref="LabSecrets.WhatItProtects"/>).</param>
public sealed record LostSecret(string Secret, string Path, string Protects);

/// <summary>
/// Gives every secret its value before rendering, so renderers stay pure. Per secret: the file already under the
/// root (in any stack that uses it), else the run-time value (<c>EZH_SECRET_&lt;NAME&gt;</c>), else 64 random hex
/// characters — except secrets only the user can supply (<see cref="LabSecrets.MustBeSupplied"/>), which stay
/// missing (a warning), and generated secrets whose file was deleted (the manifest knew it), which are reported as
/// lost instead of silently made anew: a new storage key would lock Authelia out of its own database. An existing
/// file always wins: a different run-time value is ignored with a warning, because rewriting a secret would lock
/// services out of data they stored with the old one. The users database follows the same rule; a password generated
/// for it is kept as a secret file of its own (<see cref="LabSecrets.AutheliaAdminPassword"/>). Reads the disk; never writes.
/// </summary>
public static class SecretStore
{
    public const int GeneratedSecretHexLength = 64;
    public const int GeneratedPasswordLength = 32;

    // Authelia's recommended argon2id parameters, the same as configuration.yml declares.
    private const int Argon2Iterations = 3;
    private const int Argon2MemoryKiB = 65536;
    private const int Argon2Parallelism = 4;
    private const int Argon2KeyLength = 32;
    private const int Argon2SaltLength = 16;

    /// <param name="regenerate">Secrets to make anew although the manifest knew them (<c>--regenerate-secret</c>); their files must be gone.</param>
    public static PreparedSecrets Prepare(FileStore store, Lab lab, IReadOnlyCollection<string> serversInScope, bool perServerFolders, LoadedSettings loaded,
        IReadOnlyCollection<string>? regenerate = null)
    {
        var settings = loaded.Settings;
        var warnings = new List<string>();
        var lost = new List<LostSecret>();
        var written = store.ReadManifest().Where(e => e.WriteOnce).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new Dictionary<string, SecretSource>(StringComparer.Ordinal);
        var mustBeSupplied = LabSecrets.MustBeSupplied(lab);

        // Each secret's files, in the order FilesInScope gives (the first existing one gives the value).
        // (Classes rather than tuples: generic code over value types is JIT-compiled at every start.)
        var holders = new Dictionary<string, List<SecretFileInScope>>(StringComparer.Ordinal);
        var secretNames = new List<string>();
        foreach (var file in FilesInScope(lab, serversInScope, perServerFolders))
        {
            if (!holders.TryGetValue(file.Secret, out var list))
            {
                holders[file.Secret] = list = [];
                secretNames.Add(file.Secret);
            }
            list.Add(file);
        }

        foreach (var secret in secretNames)
        {
            var files = holders[secret];
            var variable = Naming.SecretVariable(secret);
            var existing = files.Select(f => new ExistingSecretFile(f.Path, store.TryReadText(f.Path))).Where(f => f.Text is not null).ToList();
            bool supplied = settings.Secrets.TryGet(secret, out var suppliedValue);
            if (existing.Count > 0)
            {
                var (path, text) = existing[0];
                values[secret] = text!;
                sources[secret] = SecretSource.Existing;
                if (existing.Skip(1).Any(e => e.Text != text))
                    warnings.Add($"secret '{secret}': {string.Join(", ", existing.Select(e => e.Path))} hold different values; each file is kept, stacks without one get the value of {path}");
                if (supplied && suppliedValue != text)
                    warnings.Add($"secret '{secret}': {path} exists and is never rewritten, so {variable} is ignored (delete the file to replace the secret)");
            }
            else if (supplied)
            {
                values[secret] = suppliedValue;
                sources[secret] = SecretSource.Supplied;
            }
            else if (mustBeSupplied.Contains(secret))
            {
                var first = files[0];
                warnings.Add($"secret '{secret}' (service '{first.Reader!.Name}' in stack '{first.Stack}') must be supplied: set {variable}; {first.Path} is not written until then, and deploy will refuse");
            }
            else if (files.FirstOrDefault(f => written.Contains(f.Path)) is { } known && regenerate?.Contains(secret) != true)
            {
                // EzHomelab wrote this secret before and nobody asked for a new one: a silent new value could lock a
                // service out of what it stored with the old one.
                lost.Add(new LostSecret(secret, known.Path, LabSecrets.WhatItProtects(lab, secret, known.Reader!)));
            }
            else
            {
                values[secret] = RandomNumberGenerator.GetHexString(GeneratedSecretHexLength, lowercase: true);
                sources[secret] = SecretSource.Generated;
            }
        }

        var admin = AdminFiles(store, lab, serversInScope, perServerFolders, settings, loaded.AdminPassword, warnings);
        return new PreparedSecrets(
            settings with { Secrets = new SecretValues(values, sources), UsersDatabase = admin.UsersDatabase, AdminPassword = admin.PasswordFile },
            warnings, admin.NewPasswordFile, lost);
    }

    /// <summary>A secret's file and what it holds (null when it does not exist).</summary>
    private sealed record ExistingSecretFile(string Path, string? Text);

    /// <summary>
    /// The one list of the lab's secret files for the servers in scope, which render, plan, deploy,
    /// <c>--regenerate-secret</c> and the secrets verb all work on: each secret's file in every stack (of a server in
    /// scope) that reads it, by secret name, then in the lab's order (servers as declared, stacks by name). That order
    /// matters: of several existing files of one secret, the first gives the value to stacks without one.
    /// </summary>
    /// <param name="withAdminPassword">
    /// Also the file that keeps a generated Authelia admin password (<see cref="AdminPasswordFile"/>): the secrets verb
    /// lists and shows it; the render handles it with the users database, and it is never regenerated.
    /// </param>
    public static IReadOnlyList<SecretFileInScope> FilesInScope(Lab lab, IReadOnlyCollection<string> serversInScope, bool perServerFolders, bool withAdminPassword = false)
    {
        var files = new List<SecretFileInScope>();
        foreach (var server in lab.Servers.Where(s => serversInScope.Contains(s.Name)))
            foreach (var stack in lab.StacksOn(server))
            {
                var folder = OutputLayout.StackFolder(server.Name, stack.Name, perServerFolders);
                foreach (var secret in LabSecrets.InStack(lab, stack))
                    files.Add(new SecretFileInScope(secret, server.Name, stack.Name, folder, stack.Services.First(s => LabSecrets.Of(lab, s).Any(u => u.Secret == secret))));
            }
        if (withAdminPassword && AdminPasswordFile(lab, serversInScope, perServerFolders) is { } adminPassword) files.Add(adminPassword);
        // OrderBy is stable: within a secret, the lab's order stays.
        return files.OrderBy(f => f.Secret, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Where a generated Authelia admin password is kept: <c>secrets/authelia-admin-password</c> in the lab's Authelia
    /// stack, beside the users database. Null when the lab has no Authelia or its server is not in scope.
    /// </summary>
    public static SecretFileInScope? AdminPasswordFile(Lab lab, IReadOnlyCollection<string> serversInScope, bool perServerFolders)
    {
        if (CoreServices.LabAuthelia(lab) is not { } authelia) return null;
        var server = lab.ServerOf(authelia).Name;
        if (!serversInScope.Contains(server)) return null;
        return new SecretFileInScope(LabSecrets.AutheliaAdminPassword, server, authelia.Stack, OutputLayout.StackFolder(server, authelia.Stack, perServerFolders), Reader: null);
    }

    /// <summary>
    /// Checks <c>--regenerate-secret</c> names before anything else: each must be a secret of a service in scope that
    /// EzHomelab generates (not one only the owner can give), and its file must be gone.
    /// </summary>
    /// <exception cref="SettingsException">A name is not such a secret, or its file still exists.</exception>
    public static void CheckRegenerate(FileStore store, Lab lab, IReadOnlyCollection<string> serversInScope, bool perServerFolders, IReadOnlyCollection<string> regenerate)
    {
        if (regenerate.Count == 0) return;
        var mustBeSupplied = LabSecrets.MustBeSupplied(lab);
        var generated = FilesInScope(lab, serversInScope, perServerFolders).Where(f => !mustBeSupplied.Contains(f.Secret)).ToList();
        foreach (var name in regenerate)
        {
            var paths = generated.Where(f => f.Secret == name).Select(f => f.Path).ToList();
            if (paths.Count == 0)
                throw new SettingsException(mustBeSupplied.Contains(name)
                    ? $"--regenerate-secret {name}: this secret is never generated; give its new value with {Naming.SecretVariable(name)}"
                    : $"--regenerate-secret {name}: no service in scope reads a generated secret of that name (generated secrets: {(generated.Count == 0 ? "none" : string.Join(", ", generated.Select(f => f.Secret).Distinct()))})");
            if (paths.FirstOrDefault(p => store.TryReadText(p) is not null) is { } existing)
                throw new SettingsException($"--regenerate-secret {name}: {Path.Combine(store.Root, existing)} still exists and a secret file is never rewritten; move it away first (keep a copy: services may need the old value to read their data)");
        }
    }

    private sealed record AdminFileSet(SensitiveText? UsersDatabase, SensitiveText? PasswordFile, string? NewPasswordFile);

    /// <summary>
    /// The users database (kept when it exists) and the secret file keeping a generated admin password. A new database
    /// gets <c>EZH_ADMIN_PASSWORD</c> when set; else the kept password when its file exists (a run killed after writing
    /// it, before the database); else a new generated one, which the render writes to its secret file before the
    /// database, so the password can never be lost while only its hash exists.
    /// </summary>
    private static AdminFileSet AdminFiles(
        FileStore store, Lab lab, IReadOnlyCollection<string> serversInScope, bool perServerFolders, RuntimeSettings settings, SensitiveText? password, List<string> warnings)
    {
        if (AdminPasswordFile(lab, serversInScope, perServerFolders) is not { } passwordFile) return new(null, null, null);
        var path = passwordFile.StackFolder + "/" + UsersDatabase.FileName;
        var passwordPath = passwordFile.Path;
        var kept = store.TryReadText(passwordPath) is { } keptText ? new SensitiveText(keptText) : null;
        if (store.TryReadText(path) is { } existing)
        {
            if (password is not null && !IsPasswordOf(existing, settings.Admin?.User, password.Value))
                warnings.Add($"{path} exists and is never rewritten, so {RuntimeSettingsLoader.AdminPasswordVariable} is ignored (change the password in Authelia, or delete the file)");
            return new(new SensitiveText(existing), kept, null);
        }
        var admin = settings.Admin ?? AdminAccount.Default(settings.Email, settings.Domain);
        if (password is not null) return new(new SensitiveText(UsersDatabase.Write(admin, HashPassword(password.Value))), kept, null);
        var chosen = kept ?? new SensitiveText(GeneratePassword());
        // Also when the password was kept by a run that died before the database: that run never said where it is.
        return new(new SensitiveText(UsersDatabase.Write(admin, HashPassword(chosen.Value))), chosen, passwordPath);
    }

    /// <summary>True when <paramref name="usersDatabase"/> holds <paramref name="user"/> with an argon2 hash of <paramref name="password"/>.</summary>
    private static bool IsPasswordOf(string usersDatabase, string? user, string password)
    {
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(usersDatabase));
            if (user is null || yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root) return false;
            if (!root.Children.TryGetValue(new YamlScalarNode("users"), out var users) || users is not YamlMappingNode userMap) return false;
            if (!userMap.Children.TryGetValue(new YamlScalarNode(user), out var entry) || entry is not YamlMappingNode fields) return false;
            return fields.Children.TryGetValue(new YamlScalarNode("password"), out var hash) && hash is YamlScalarNode { Value: { } encoded }
                && encoded.StartsWith("$argon2", StringComparison.Ordinal) && Argon2.Verify(encoded, password);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return false;
        }
    }

    /// <summary>A password of letters and digits from a cryptographic random generator (about 190 bits).</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", GeneratedPasswordLength);

    /// <summary>An Authelia-readable argon2id hash (<c>$argon2id$v=19$m=65536,t=3,p=4$salt$hash</c>) with a random salt.</summary>
    public static string HashPassword(string password)
    {
        var config = new Argon2Config
        {
            Type = Argon2Type.HybridAddressing,
            Version = Argon2Version.Nineteen,
            TimeCost = Argon2Iterations,
            MemoryCost = Argon2MemoryKiB,
            Lanes = Argon2Parallelism,
            Threads = Math.Min(Argon2Parallelism, Environment.ProcessorCount),
            HashLength = Argon2KeyLength,
            Salt = RandomNumberGenerator.GetBytes(Argon2SaltLength),
            Password = Encoding.UTF8.GetBytes(password),
        };
        string encoded;
        using (var argon2 = new Argon2(config))
        using (var hash = argon2.Hash())
            encoded = config.EncodeString(hash.Buffer);
        // The hash worked through 64 MiB, once per run at most. Give that memory back before the render allocates its
        // own, so the run's peak is the larger of the two, not their sum (a 1,000-service render: 154 MB before).
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return encoded;
    }
}
