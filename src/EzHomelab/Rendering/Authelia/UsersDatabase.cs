using EzHomelab.Settings;
using YamlDotNet.RepresentationModel;
using static EzHomelab.Rendering.YamlScalars;

namespace EzHomelab.Rendering.Authelia;

/// <summary>
/// Authelia's file user database (<c>authelia/users_database.yml</c>). It holds password hashes only, yet is
/// treated as a secret: mode 0600, never printed or diffed, written once and then left to Authelia (which
/// rewrites it on a password reset).
/// </summary>
public static class UsersDatabase
{
    public const string FileName = AutheliaRenderer.ConfigFolder + "/users_database.yml";
    public const string ContainerFile = AutheliaRenderer.ContainerConfigFolder + "/users_database.yml";
    public const string AdminGroup = "admins";

    /// <summary>The file's text for one admin user whose password is already hashed (<c>$argon2id$v=19$…</c>).</summary>
    public static string Write(AdminAccount admin, string passwordHash)
    {
        var user = new OrderedMap()
            .Set("disabled", Boolean(false))
            .Set("displayname", String(admin.DisplayName))
            .Set("password", String(passwordHash))
            .Set("email", String(admin.Email))
            .Set("groups", new YamlSequenceNode(String(AdminGroup)));
        var root = new OrderedMap().Set("users", new OrderedMap().Set(admin.User, user.ToNode()).ToNode());
        return YamlText.Write(root.ToNode(), "Generated once by EzHomelab; Authelia owns it from now on. Passwords are argon2id hashes only.");
    }

    /// <summary>
    /// The file for the lab's portal when the settings carry one, after the secret file keeping its generated admin
    /// password (the file store writes secrets first, so the password is on disk before its hash is).
    /// </summary>
    public static IEnumerable<RenderedFile> Render(RuntimeSettings settings)
    {
        if (settings.UsersDatabase is not { } content) yield break;
        if (settings.AdminPassword is { } password)
            yield return new RenderedFile(Secrets.LabSecrets.StackPath(Secrets.LabSecrets.AutheliaAdminPassword), password.Value, RenderedFile.OwnerOnly, Sensitive: true)
            {
                WriteOnce = true,
                FolderMode = RenderedFile.OwnerOnlyFolder,
                Note = "secret: the generated admin password (secrets show " + Secrets.LabSecrets.AutheliaAdminPassword + ")",
            };
        yield return new RenderedFile(FileName, content.Value, RenderedFile.OwnerOnly, Sensitive: true)
        {
            WriteOnce = true,
            Note = "users database: argon2id hashes only",
        };
    }
}
