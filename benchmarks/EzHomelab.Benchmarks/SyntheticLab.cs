using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace EzHomelab.Benchmarks;

/// <summary>
/// A valid lab of <c>serviceCount</c> services, ten per stack, as C# sources for the generator: one syntax tree
/// per stack, plus the <c>[Homelab]</c> class, a <c>LinuxServerApp</c> base class and one file unrelated to the
/// lab. Also carries the two edited trees the warm benchmarks swap in.
/// <para>
/// <see cref="LabShape.Catalog"/> builds the same services the way a catalog lab is written: every service's
/// attributes on an abstract template in a referenced assembly (compiled here, <see cref="References"/>), and the
/// lab's stack files one line per service (<c>public partial class Sonarr0042 : Catalog.Sonarr0042;</c>). The
/// one-service edit then changes an attribute a derived class adds.
/// </para>
/// </summary>
public sealed class SyntheticLab
{
    public const int ServicesPerStack = 10;
    public const string Namespace = "BenchLab";
    public const string LabClassName = Namespace + ".BenchmarkLab";
    private const string Domain = "lab.example.org";
    private const string Timezone = "Europe/Berlin";

    public static readonly CSharpParseOptions ParseOptions =
        CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    // The LinuxServerApp base class's [Env]s, which derived services inherit.
    private static readonly (string Name, string Value)[] LinuxServerEnv = [("PUID", "${PUID}"), ("PGID", "${PGID}"), ("TZ", "${TZ}")];

    private SyntheticLab(IReadOnlyList<SyntheticService> services, IReadOnlyList<SyntaxTree> trees, SyntaxTree unrelated, SyntaxTree unrelatedEdited,
        SyntaxTree editedStack, SyntaxTree editedStackEdited, string editedServiceClass, IReadOnlyList<MetadataReference> references)
    {
        References = references;
        Services = services;
        Trees = trees;
        UnrelatedTree = unrelated;
        UnrelatedTreeEdited = unrelatedEdited;
        EditedStackTree = editedStack;
        EditedStackTreeEdited = editedStackEdited;
        EditedServiceClass = editedServiceClass;
    }

    public IReadOnlyList<SyntheticService> Services { get; }

    /// <summary>What the lab references besides the framework and EzHomelab: the templates' assembly of a catalog lab.</summary>
    public IReadOnlyList<MetadataReference> References { get; }
    public int ServiceCount => Services.Count;
    public IReadOnlyList<SyntaxTree> Trees { get; }

    private int freshCopies;

    /// <summary>
    /// The same source as <see cref="Trees"/> in trees nobody has walked: <c>WithFilePath</c> keeps the parsed
    /// green nodes (parsing is not what we time) but gives every tree new red nodes, the objects a syntax
    /// walk creates and that per-node caches are keyed on — as after a fresh parse.
    /// </summary>
    public IEnumerable<SyntaxTree> FreshTrees()
    {
        int copy = Interlocked.Increment(ref freshCopies);
        return Trees.Select(tree => tree.WithFilePath($"{tree.FilePath}#{copy}"));
    }

    /// <summary>The plain class; editing it must not make the generator do any work.</summary>
    public SyntaxTree UnrelatedTree { get; }
    public SyntaxTree UnrelatedTreeEdited { get; }

    /// <summary>The stack file holding the service whose image tag the one-service edit bumps.</summary>
    public SyntaxTree EditedStackTree { get; }
    public SyntaxTree EditedStackTreeEdited { get; }
    public string EditedServiceClass { get; }

    public static SyntheticLab Create(int serviceCount, LabShape shape = LabShape.Source)
    {
        if (serviceCount < 2) throw new ArgumentOutOfRangeException(nameof(serviceCount), "a lab needs at least two services (a database and an app)");

        var services = Enumerable.Range(0, serviceCount).Select(Describe).ToList();
        var stacks = services.GroupBy(s => s.Stack, StringComparer.Ordinal).ToList();
        var editedStack = stacks[stacks.Count / 2];
        // The one-service edit upgrades an app (not the database) of the middle stack.
        var edited = editedStack.First(s => !s.IsDatabase);

        var trees = new List<SyntaxTree> { Parse("Lab.cs", LabSource()) };
        IReadOnlyList<MetadataReference> references = [];
        string? catalogSource = null;
        if (shape == LabShape.Catalog)
        {
            catalogSource = CatalogSource(stacks);
            references = [CompileCatalog(catalogSource)];
        }
        else trees.Add(Parse("Shared/LinuxServerApp.cs", LinuxServerAppSource()));

        SyntaxTree? editedStackTree = null;
        foreach (var stack in stacks)
        {
            var tree = Parse($"Stacks/{stack.Key}.cs", shape == LabShape.Catalog ? DerivedStackSource(stack, edited) : StackSource(stack, templates: false));
            trees.Add(tree);
            if (stack == editedStack) editedStackTree = tree;
        }

        var unrelated = Parse("Tools/UptimeFormatter.cs", UnrelatedSource());
        trees.Add(unrelated);

        // Edits go through SourceText.WithChanges, so each new tree is an incremental reparse, as in the IDE.
        var unrelatedEdited = EditOnce(unrelated, "return \"up \" + whole;", "return \"up for \" + whole;");

        var stackEdited = shape == LabShape.Catalog
            ? EditOnce(editedStackTree!, "\"EDITED_SETTING\", \"before\"", "\"EDITED_SETTING\", \"after\"")
            : EditOnce(editedStackTree!, $"\"{edited.Image}\"", $"\"{edited.Role!.Image}:{edited.Role.EditedTag}\"");

        return new SyntheticLab(services, trees, unrelated, unrelatedEdited, editedStackTree!, stackEdited, edited.ClassName, references) { CatalogText = catalogSource };
    }

    /// <summary>The templates' source (<c>Catalog.cs</c> of the catalog assembly) of a catalog-shaped lab; null for a source-shaped one.</summary>
    public string? CatalogText { get; private init; }

    private static string CatalogSource(IEnumerable<IGrouping<string, SyntheticService>> stacks)
    {
        var source = new StringBuilder($"using EzHomelab;\n\nnamespace {CatalogNamespace};\n\npublic static partial class Catalog\n{{\n");
        foreach (var (name, value) in LinuxServerEnv) source.Append($"[Env(\"{name}\", \"{value}\")]\n");
        source.Append("public abstract partial class LinuxServerApp;\n");
        foreach (var stack in stacks) source.Append(StackSource(stack, templates: true));
        source.Append("}\n");
        return source.ToString();
    }

    /// <summary>
    /// The templates' assembly, compiled and emitted once (as a catalog package's DLL would be referenced), with the
    /// generator as the catalog is: each template gets the <c>Template</c> the lab's classes start from.
    /// </summary>
    private static MetadataReference CompileCatalog(string source)
    {
        Compilation compilation = CSharpCompilation.Create("BenchCatalog", [Parse("Catalog.cs", source)], LabCompilation.References, LabCompilation.Options);
        LabCompilation.CreateDriver(trackSteps: false).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException("the synthetic catalog does not compile:\n" + string.Join("\n", emitted.Diagnostics.Take(20)));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    public const string CatalogNamespace = "BenchCatalog";

    /// <summary>A catalog lab's stack file: one line per service; the edited service also sets one attribute of its own.</summary>
    private static string DerivedStackSource(IEnumerable<SyntheticService> stack, SyntheticService edited)
    {
        var sb = new StringBuilder($"using EzHomelab;\nusing {CatalogNamespace};\n\nnamespace {Namespace};\n\n");
        foreach (var s in stack)
        {
            if (s == edited) sb.Append("[Env(\"EDITED_SETTING\", \"before\")]\n");
            sb.Append($"public partial class {s.ClassName} : Catalog.{s.ClassName};\n");
        }
        return sb.ToString();
    }

    /// <summary>One service of the synthetic lab. <see cref="Role"/> is null for a stack's database.</summary>
    public sealed record SyntheticService(
        int Index, string ClassName, string Stack, AppRole? Role, string Image, bool Lazy, bool DependsOnDatabase,
        bool Publishes, bool Limited, bool Healthchecked, Access Access, string DatabaseClass)
    {
        public bool IsDatabase => Role is null;
        public string ServiceName => ClassName.ToLowerInvariant(); // class names are a word and digits: kebab case is lower case
        public string DatabaseService => DatabaseClass.ToLowerInvariant();
        public string Subdomain => Role!.ClassPrefix.ToLowerInvariant() + "-" + Index.ToString(CultureInfo.InvariantCulture);
    }

    public sealed record AppRole(string ClassPrefix, string Image, string Tag, string EditedTag, int Port, bool LinuxServer, string Group);

    // Images and ports of real services, pinned; the class prefix plus the index keeps every service name unique.
    private static readonly AppRole[] AppRoles =
    [
        new("Sonarr", "lscr.io/linuxserver/sonarr", "4.0.14", "4.0.15", 8989, true, "Media Management"),
        new("Radarr", "lscr.io/linuxserver/radarr", "5.14.0", "5.15.0", 7878, true, "Media Management"),
        new("Prowlarr", "lscr.io/linuxserver/prowlarr", "1.28.2", "1.29.0", 9696, true, "Media Management"),
        new("Jellyfin", "jellyfin/jellyfin", "10.10.7", "10.10.8", 8096, false, "Media"),
        new("Bazarr", "lscr.io/linuxserver/bazarr", "1.4.5", "1.4.6", 6767, true, "Media Management"),
        new("Homepage", "ghcr.io/gethomepage/homepage", "v0.9.13", "v0.10.0", 3000, false, "Dashboards"),
        new("Lidarr", "lscr.io/linuxserver/lidarr", "2.8.2", "2.9.0", 8686, true, "Media Management"),
        new("Dozzle", "amir20/dozzle", "v8.9.1", "v8.10.0", 8080, false, "Monitoring"),
        new("Qbittorrent", "lscr.io/linuxserver/qbittorrent", "5.0.4", "5.0.5", 8080, true, "Downloads"),
    ];

    /// <summary>The lab's login portal, the first app of the first stack: routes that ask for a login need one (EZH0043).</summary>
    private static readonly AppRole LoginPortal = new("Authelia", "authelia/authelia", "4.39.1", "4.39.2", 9091, false, "Core");

    /// <summary>
    /// Index 0 of a stack is a database (healthcheck, named volume, secret, resources); the others are apps with
    /// a route, a dashboard entry, bind mounts and env; some publish a port, some depend on the database
    /// (healthy), some are lazy. Nothing depends on a lazy service, so the lab stays valid. Index 1 is the login portal.
    /// </summary>
    private static SyntheticService Describe(int index)
    {
        int stack = index / ServicesPerStack;
        var stackName = "stack-" + stack.ToString("D3", CultureInfo.InvariantCulture);
        var database = "Db" + stack.ToString("D3", CultureInfo.InvariantCulture);
        if (index % ServicesPerStack == 0)
            return new(index, database, stackName, null, "postgres:16.4-alpine", false, false, false, true, true, Access.Default, database);

        // Nine apps per stack and nine roles: within one stack file every image reference is distinct.
        var role = index == 1 ? LoginPortal : AppRoles[index % AppRoles.Length];
        var access = (index % 7) switch { 0 => Access.Bypass, 1 => Access.OneFactor, _ => Access.Default };
        return new(index, role.ClassPrefix + index.ToString("D4", CultureInfo.InvariantCulture), stackName, role, $"{role.Image}:{role.Tag}",
            Lazy: index % 4 == 3, DependsOnDatabase: index % 2 == 1, Publishes: index % 3 == 0, Limited: index % 5 != 0,
            Healthchecked: index % 3 == 1, access, database);
    }

    private static SyntaxTree Parse(string path, string text) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), ParseOptions, path);

    private static SyntaxTree EditOnce(SyntaxTree tree, string from, string to)
    {
        var text = tree.GetText();
        var source = text.ToString();
        int at = source.IndexOf(from, StringComparison.Ordinal);
        if (at < 0 || source.IndexOf(from, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"{tree.FilePath}: expected exactly one '{from}' to edit");
        return tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, from.Length), to)));
    }

    private static string LabSource() => $$"""
        using EzHomelab;

        namespace {{Namespace}};

        [Homelab(Domain = "{{Domain}}", Timezone = "{{Timezone}}", Email = "admin@example.org", DefaultAccess = Access.TwoFactor)]
        public partial class BenchmarkLab;
        """;

    private static string LinuxServerAppSource()
    {
        var sb = new StringBuilder($"using EzHomelab;\n\nnamespace {Namespace};\n\n/// <summary>Shared settings of images that honour PUID/PGID/TZ.</summary>\n");
        foreach (var (name, value) in LinuxServerEnv) sb.Append($"[Env(\"{name}\", \"{value}\")]\n");
        sb.Append("public abstract class LinuxServerApp;\n");
        return sb.ToString();
    }

    private static string UnrelatedSource() => $$"""
        namespace {{Namespace}}.Tools;

        /// <summary>Plain code living next to the lab; the generator has no business with it.</summary>
        public static class UptimeFormatter
        {
            public static string Format(System.TimeSpan uptime)
            {
                var whole = uptime.TotalHours >= 1 ? $"{(int)uptime.TotalHours}h" : $"{uptime.Minutes}m";
                return "up " + whole;
            }
        }
        """;

    /// <param name="templates">Write each service as an abstract template naming its service (the catalog's classes), not a lab class.</param>
    private static string StackSource(IEnumerable<SyntheticService> stack, bool templates)
    {
        var sb = new StringBuilder(templates ? "" : $"using EzHomelab;\n\nnamespace {Namespace};\n");
        var name = "";
        foreach (var s in stack)
        {
            if (templates) name = $"Name = \"{s.ServiceName}\", ";
            sb.Append('\n');
            sb.Append($"[Stack(\"{s.Stack}\")]\n");
            sb.Append(s.Lazy
                ? $"[Service({name}Image = \"{s.Image}\")]\n"
                : $"[Service({name}Image = \"{s.Image}\", Restart = Restart.UnlessStopped)]\n");
            if (s.IsDatabase)
            {
                sb.Append($"[Volume(\"{s.ServiceName}-data\", \"/var/lib/postgresql/data\")]\n");
                sb.Append("[Env(\"POSTGRES_USER\", \"app\")]\n");
                sb.Append("[Env(\"POSTGRES_DB\", \"app\")]\n");
                sb.Append($"[SecretEnv(\"POSTGRES_PASSWORD\", \"{s.Stack}-db\")]\n");
                sb.Append("[Healthcheck(\"pg_isready -U app\", Interval = \"10s\", Timeout = \"5s\", Retries = 5, StartPeriod = \"30s\")]\n");
                sb.Append("[Resources(Memory = \"1G\", Cpus = \"1\", MemoryReservation = \"256M\")]\n");
                sb.Append(templates ? $"public abstract partial class {s.ClassName};\n" : $"public partial class {s.ClassName};\n");
                continue;
            }

            var role = s.Role!;
            sb.Append($"[Route({role.Port}, Subdomain = \"{s.Subdomain}\", Access = Access.{s.Access})]\n");
            sb.Append($"[Dashboard(\"{role.Group}\", Icon = \"{role.ClassPrefix.ToLowerInvariant()}.png\", Description = \"{role.ClassPrefix} #{s.Index}\")]\n");
            sb.Append($"[Volume(\"./{s.ServiceName}/config\", \"/config\")]\n");
            if (s.Index % 2 == 0) sb.Append("[Volume(\"/mnt/media\", \"/media\", ReadOnly = true)]\n");
            sb.Append($"[Env(\"LOG_LEVEL\", \"{LogLevel(s)}\")]\n");
            sb.Append($"[Env(\"DATABASE_HOST\", \"{s.DatabaseService}\")]\n");
            if (s.Publishes) sb.Append($"[PublishPort({HostPort(s)}, {role.Port})]\n");
            if (s.DependsOnDatabase) sb.Append($"[DependsOn<{s.DatabaseClass}>(Condition = DependencyCondition.Healthy)]\n");
            if (s.Healthchecked) sb.Append($"[Healthcheck(\"curl\", \"-fsS\", \"http://localhost:{role.Port}/\", Interval = \"30s\", Retries = 3)]\n");
            if (s.Limited) sb.Append("[Resources(Memory = \"512M\", Cpus = \"0.5\")]\n");
            if (s.Lazy) sb.Append($"[LazyStart(Group = \"{s.Stack}\", SessionDuration = \"10m\")]\n");
            sb.Append($"public {(templates ? "abstract partial" : "partial")} class {s.ClassName}{(role.LinuxServer ? " : LinuxServerApp" : "")};\n");
        }
        return sb.ToString();
    }

    private static string LogLevel(SyntheticService s) => s.Index % 2 == 0 ? "info" : "debug";
    private static int HostPort(SyntheticService s) => 20000 + s.Index;
}

/// <summary>How the synthetic lab's services are written: attributes on the lab's classes, or one-liners deriving from templates in a referenced assembly.</summary>
public enum LabShape
{
    Source,
    Catalog,
}
