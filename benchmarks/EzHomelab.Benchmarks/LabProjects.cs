using System.Diagnostics;
using System.Globalization;

namespace EzHomelab.Benchmarks;

/// <summary>
/// The catalog-shaped synthetic lab written to disk as the projects a user has: a class library of templates (the
/// catalog) and the lab's executable, one line per service, both referencing this repository's EzHomelab. The lab is
/// written twice: <c>lab</c> references the generator as the EzHomelab package does, <c>lab-without-generator</c> is the
/// same sources without it (its Program.cs cannot use the generated model, so it returns at once). <c>--build-cost</c>
/// builds both; <c>--render-memory</c> runs the first's apphost.
/// </summary>
internal sealed class LabProjects : IDisposable
{
    public const string LabName = "BenchLab";

    private LabProjects(string directory) => Directory = directory;

    public string Directory { get; }
    public string WithGenerator => Path.Combine(Directory, "lab");
    public string WithoutGenerator => Path.Combine(Directory, "lab-without-generator");

    /// <summary>The apphost <c>dotnet build -c Release</c> leaves for the lab with the generator.</summary>
    public string App => Path.Combine(WithGenerator, "bin", "Release", "net10.0", LabName);

    /// <summary>A stack file of the lab folder, the one each edit of <c>--build-cost</c> changes.</summary>
    public static string EditedFile(string labFolder) => Path.Combine(labFolder, "Stacks", "stack-050.cs");

    public static LabProjects Write(SyntheticLab lab, string repositoryRoot)
    {
        if (lab.CatalogText is null) throw new ArgumentException("the projects are written for a catalog-shaped lab", nameof(lab));
        var projects = new LabProjects(System.IO.Directory.CreateTempSubdirectory("ezh-bench-projects-").FullName);
        string Repo(string path) => Path.Combine(repositoryRoot, path);

        var catalog = Path.Combine(projects.Directory, "catalog");
        Write(catalog, "BenchCatalog.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Repo("src/EzHomelab/EzHomelab.csproj")}" />
                <!-- As the catalog is built: the generator writes each template's Template. -->
                <ProjectReference Include="{Repo("generators/EzHomelab.Generators/EzHomelab.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        Write(catalog, "Catalog.cs", lab.CatalogText);

        foreach (var (folder, generator) in new[] { (projects.WithGenerator, true), (projects.WithoutGenerator, false) })
        {
            var analyzer = generator
                ? $"""<ProjectReference Include="{Repo("generators/EzHomelab.Generators/EzHomelab.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />"""
                : "";
            Write(folder, LabName + ".csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{Repo("src/EzHomelab/EzHomelab.csproj")}" />
                    <ProjectReference Include="../catalog/BenchCatalog.csproj" />
                    {analyzer}
                  </ItemGroup>
                  <Import Project="{Repo("src/EzHomelab/build/EzHomelab.targets")}" />
                </Project>
                """);
            foreach (var tree in lab.Trees) Write(folder, tree.FilePath, tree.GetText().ToString());
            Write(folder, "Program.cs", generator
                ? $"return await EzHomelab.HomelabCli.RunAsync<{SyntheticLab.LabClassName}>(args);\n"
                : "// The same lab without the generator: nothing implements IHomelab, so there is no model to run.\nreturn args.Length;\n");
        }
        return projects;
    }

    private static void Write(string folder, string relativePath, string text)
    {
        var path = Path.Combine(folder, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="folder"/>; throws with its output unless it exits 0 without a warning.</summary>
    public static TimeSpan Dotnet(string folder, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var (code, output) = DeployEngine.Run("dotnet", args, folder);
        clock.Stop();
        if (code != 0 || output.Contains("warning ", StringComparison.Ordinal))
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} in {folder} exited {code} or warned:\n{output}");
        return clock.Elapsed;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// <c>--build-cost</c>: what the generator adds to the lab's <c>dotnet build</c>, at 1,000 services deriving from catalog
/// templates. Both labs are built once (restore, the references), then, alternating, each is timed K times for
/// an edit (one stack file changed, <c>dotnet build -c Release --no-restore</c>: the references are checked and up to
/// date, the lab is compiled again) and for a rebuild of the lab alone (<c>--no-incremental
/// -p:BuildProjectReferences=false</c>). The build server and MSBuild's nodes stay up between builds, as on a
/// developer's machine. <c>--ready-to-run</c> adds <c>-p:PublishReadyToRun=true</c> (the samples set it; the lab's
/// assembly is then also compiled ahead of time).
/// </summary>
internal static class BuildCost
{
    private const int Rounds = 5;

    public static int Run(string repositoryRoot, bool readyToRun)
    {
        using var projects = LabProjects.Write(SyntheticLab.Create(1000, LabShape.Catalog), repositoryRoot);
        string[] options = ["-c", "Release", "-nologo", "-v:q", .. readyToRun ? new[] { "-p:PublishReadyToRun=true" } : []];
        Console.WriteLine($"1,000 catalog-derived services in {projects.Directory}{(readyToRun ? ", PublishReadyToRun=true" : "")}");
        foreach (var folder in new[] { projects.WithGenerator, projects.WithoutGenerator })
            Console.WriteLine($"first build of {Path.GetFileName(folder)} (restore, references): {LabProjects.Dotnet(folder, ["build", .. options]).TotalSeconds:0.0} s");

        var edit = new Dictionary<string, List<double>> { [projects.WithGenerator] = [], [projects.WithoutGenerator] = [] };
        var rebuild = new Dictionary<string, List<double>> { [projects.WithGenerator] = [], [projects.WithoutGenerator] = [] };
        for (int round = 0; round < Rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { projects.WithGenerator, projects.WithoutGenerator } : [projects.WithoutGenerator, projects.WithGenerator];
            foreach (var folder in order)
            {
                File.AppendAllText(LabProjects.EditedFile(folder), $"// edit {round}\n");
                edit[folder].Add(LabProjects.Dotnet(folder, ["build", "--no-restore", .. options]).TotalSeconds);
                rebuild[folder].Add(LabProjects.Dotnet(folder, ["build", "--no-restore", "--no-incremental", "-p:BuildProjectReferences=false", .. options]).TotalSeconds);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| build | with the generator, mean (min–max) | without, mean (min–max) | ratio of the means |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (name, times) in new[] { ("one stack file edited, `dotnet build`", edit), ("the lab rebuilt alone", rebuild) })
        {
            var with = times[projects.WithGenerator];
            var without = times[projects.WithoutGenerator];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {with.Average():0.00} s ({with.Min():0.00}–{with.Max():0.00}) | {without.Average():0.00} s ({without.Min():0.00}–{without.Max():0.00}) | {with.Average() / without.Average():0.00}× |"));
        }
        return 0;
    }
}

/// <summary>
/// <c>--render-memory</c>: the runner's peak resident memory (VmHWM, read while it runs, as <c>--deploy-memory</c> does)
/// as a process of its own rendering the 1,000-service catalog-shaped lab: <c>BenchLab render --root R</c>, the apphost
/// of its Release build. The first render of an empty root (every file written, the users database's argon2id hash
/// made), then renders of the same root with nothing to change.
/// </summary>
internal static class RenderMemory
{
    private const int Runs = 5;

    public static int Run(string repositoryRoot)
    {
        using var projects = LabProjects.Write(SyntheticLab.Create(1000, LabShape.Catalog), repositoryRoot);
        LabProjects.Dotnet(projects.WithGenerator, "build", "-c", "Release", "-nologo", "-v:q", "-p:PublishReadyToRun=true");
        var root = DeployEngine.NewRoot("render-memory");
        try
        {
            var first = DeployMemory.Measure([projects.App, "render", "--root", root], host: null);
            int files = System.IO.Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length;
            var again = Enumerable.Range(0, Runs).Select(_ => DeployMemory.Measure([projects.App, "render", "--root", root], host: null)).ToList();
            Console.WriteLine();
            Console.WriteLine($"Runner as its own process: {LabProjects.LabName} render --root R, 1,000 services ({files} files under R); ReadyToRun build; MB = 2^20 bytes");
            Console.WriteLine();
            Console.WriteLine("| scenario | runs | wall time, mean | runner peak RSS (VmHWM), mean (max) |");
            Console.WriteLine("| --- | --- | --- | --- |");
            foreach (var (scenario, samples) in new[] { ("first render (empty root)", new List<DeployMemory.Sample> { first }), ("render again (nothing changes)", again) })
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario} | {samples.Count} | {samples.Average(s => s.Wall.TotalSeconds):0.00} s | {samples.Average(s => s.RunnerKb) / 1024:0.0} MB ({samples.Max(s => s.RunnerKb) / 1024.0:0.0}) |"));
            return 0;
        }
        finally
        {
            DeployEngine.DeleteRoot(root);
        }
    }
}
