using EzHomelab.Model;
using EzHomelab.Settings;

namespace EzHomelab.Rendering.Secrets;

/// <summary>
/// Renders a stack's <c>secrets/&lt;name&gt;</c> files: the value alone (no newline), mode 0600 in a 0700 folder,
/// written once and never rewritten. A secret without a value (one the user must supply and has not) gets no file.
/// Pure: the values come in through the settings.
/// </summary>
public static class SecretFiles
{
    public static IReadOnlyList<RenderedFile> Render(Lab lab, StackSpec stack, RuntimeSettings settings)
    {
        var files = new List<RenderedFile>();
        foreach (var secret in LabSecrets.InStack(lab, stack))
        {
            if (!settings.Secrets.TryGet(secret, out var value)) continue;
            files.Add(new RenderedFile(LabSecrets.StackPath(secret), value, RenderedFile.OwnerOnly, Sensitive: true)
            {
                WriteOnce = true,
                FolderMode = RenderedFile.OwnerOnlyFolder,
                Note = settings.Secrets.SourceOf(secret) switch
                {
                    SecretSource.Generated => "secret: generated",
                    SecretSource.Existing => "secret: kept",
                    _ => "secret: from " + Rules.Naming.SecretVariable(secret),
                },
            });
        }
        return files;
    }
}
