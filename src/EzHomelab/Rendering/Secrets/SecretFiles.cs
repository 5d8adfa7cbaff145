using EzHomelab.Model;
using EzHomelab.Settings;

namespace EzHomelab.Rendering.Secrets;

/// <summary>
/// Renders a stack's <c>secrets/&lt;name&gt;</c> files: the value alone (no newline), mode 0600 in a 0700 folder,
/// written once and never rewritten, owned by the container user who reads it when that is not root
/// (<see cref="LabSecrets.OwnershipOf"/>). A secret without a value (one the user must supply and has not) gets no
/// file. Pure: the values come in through the settings.
/// </summary>
public static class SecretFiles
{
    public static IReadOnlyList<RenderedFile> Render(Lab lab, StackSpec stack, RuntimeSettings settings)
    {
        var files = new List<RenderedFile>();
        foreach (var secret in LabSecrets.InStack(lab, stack))
        {
            if (!settings.Secrets.TryGet(secret, out var value)) continue;
            var ownership = LabSecrets.OwnershipOf(lab, stack, secret, settings);
            var source = settings.Secrets.SourceOf(secret) switch
            {
                SecretSource.Generated => "secret: generated",
                SecretSource.Existing => "secret: kept",
                _ => "secret: from " + Rules.Naming.SecretVariable(secret),
            };
            // The folder stays 0700: each file is bind-mounted on its own, and a mounted file's own owner and mode
            // are all the container user meets.
            files.Add(new RenderedFile(LabSecrets.StackPath(secret), value, ownership.Mode, Sensitive: true)
            {
                WriteOnce = true,
                FolderMode = RenderedFile.OwnerOnlyFolder,
                Owner = ownership.Owner,
                Note = ownership.Owner is { } owner ? $"{source}, owner {owner}" : source,
            });
        }
        return files;
    }
}
