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
/// <param name="GeneratedAdminPassword">Set when a new users database was made with a generated password: to be shown once, after it is written.</param>
public sealed record PreparedSecrets(RuntimeSettings Settings, IReadOnlyList<string> Warnings, SensitiveText? GeneratedAdminPassword);

/// <summary>
/// Gives every secret its value before rendering, so renderers stay pure. Per secret: the file already under the
/// root (in any stack that uses it), else the run-time value (<c>EZH_SECRET_&lt;NAME&gt;</c>), else 64 random hex
/// characters — except secrets only the user can supply (<see cref="LabSecrets.MustBeSupplied"/>), which stay
/// missing (a warning). An existing file always wins: a different run-time value is ignored with a warning,
/// because rewriting a secret would lock services out of data they stored with the old one (delete the file to
/// replace it). The users database follows the same rule. Reads the disk; never writes.
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

    public static PreparedSecrets Prepare(FileStore store, Lab lab, IReadOnlyCollection<string> serversInScope, bool perServerFolders, LoadedSettings loaded)
    {
        var settings = loaded.Settings;
        var warnings = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new Dictionary<string, SecretSource>(StringComparer.Ordinal);

        // Every stack (in scope) that holds a file of each secret, with the first service that reads it (for messages).
        // (Classes rather than tuples, and a sort of the names rather than a sorted dictionary: generic code over value
        // types is JIT-compiled at every start.)
        var holders = new Dictionary<string, List<SecretFile>>(StringComparer.Ordinal);
        foreach (var server in lab.Servers.Where(s => serversInScope.Contains(s.Name)))
            foreach (var stack in lab.StacksOn(server))
                foreach (var secret in LabSecrets.InStack(lab, stack))
                {
                    var service = stack.Services.First(s => LabSecrets.Of(lab, s).Any(u => u.Secret == secret));
                    var path = OutputLayout.StackFolder(server.Name, stack.Name, perServerFolders) + "/" + LabSecrets.StackPath(secret);
                    if (!holders.TryGetValue(secret, out var list)) holders[secret] = list = [];
                    list.Add(new SecretFile(path, service));
                }

        foreach (var secret in holders.Keys.Order(StringComparer.Ordinal))
        {
            var files = holders[secret];
            var variable = Naming.SecretVariable(secret);
            var existing = files.Select(f => new SecretFile(f.Path, f.Service, store.TryReadText(f.Path))).Where(f => f.Text is not null).ToList();
            bool supplied = settings.Secrets.TryGet(secret, out var suppliedValue);
            if (existing.Count > 0)
            {
                var (path, _, text) = existing[0];
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
            else if (LabSecrets.MustBeSupplied(secret))
            {
                var (path, service, _) = files[0];
                warnings.Add($"secret '{secret}' (service '{service.Name}' in stack '{service.Stack}') must be supplied: set {variable}; {path} is not written until then, and deploy will refuse");
            }
            else
            {
                values[secret] = RandomNumberGenerator.GetHexString(GeneratedSecretHexLength, lowercase: true);
                sources[secret] = SecretSource.Generated;
            }
        }

        var (usersDatabase, generatedPassword) = UsersDatabaseFor(store, lab, serversInScope, perServerFolders, settings, loaded.AdminPassword, warnings);
        return new PreparedSecrets(settings with { Secrets = new SecretValues(values, sources), UsersDatabase = usersDatabase }, warnings, generatedPassword);
    }

    /// <summary>A secret's file in one stack, the first service there that reads it, and (once read) what it holds.</summary>
    private sealed record SecretFile(string Path, ServiceSpec Service, string? Text = null);

    private static (SensitiveText? Content, SensitiveText? GeneratedPassword) UsersDatabaseFor(
        FileStore store, Lab lab, IReadOnlyCollection<string> serversInScope, bool perServerFolders, RuntimeSettings settings, SensitiveText? password, List<string> warnings)
    {
        if (CoreServices.LabAuthelia(lab) is not { } authelia) return (null, null);
        var server = lab.ServerOf(authelia).Name;
        if (!serversInScope.Contains(server)) return (null, null);
        var path = OutputLayout.StackFolder(server, authelia.Stack, perServerFolders) + "/" + UsersDatabase.FileName;
        if (store.TryReadText(path) is { } existing)
        {
            if (password is not null && !IsPasswordOf(existing, settings.Admin?.User, password.Value))
                warnings.Add($"{path} exists and is never rewritten, so {RuntimeSettingsLoader.AdminPasswordVariable} is ignored (change the password in Authelia, or delete the file)");
            return (new SensitiveText(existing), null);
        }
        var generated = password is null ? new SensitiveText(GeneratePassword()) : null;
        var admin = settings.Admin ?? AdminAccount.Default(settings.Email, settings.Domain);
        var content = UsersDatabase.Write(admin, HashPassword((password ?? generated)!.Value));
        return (new SensitiveText(content), generated);
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
        using var argon2 = new Argon2(config);
        using var hash = argon2.Hash();
        return config.EncodeString(hash.Buffer);
    }
}
