namespace EzHomelab;

/// <summary>The runner: the whole of a lab's Program.cs is <c>return await HomelabCli.RunAsync&lt;MyLab&gt;(args);</c>.</summary>
public static partial class HomelabCli
{
    /// <summary>Parses <paramref name="args"/> and runs the verb against <typeparamref name="TLab"/>'s generated model.</summary>
    /// <returns>0 ok (nothing pending), 1 failure, 2 usage or validation error, 3 changes pending (<c>plan --detailed-exitcode</c>),
    /// 130 or 143 after Ctrl-C (SIGINT) or SIGTERM.</returns>
    public static async Task<int> RunAsync<TLab>(string[] args) where TLab : IHomelab
    {
        var environment = System.Environment.GetEnvironmentVariables();
        Cli.RunTimings.StartIfAsked(environment, Console.Error);
        var lab = TLab.Definition;
        Cli.RunTimings.Mark("lab model built");
        return await RunAsync(lab, args, environment);
    }

    /// <summary>
    /// Runs the verb against a lab model the program has built or changed itself, e.g.
    /// <c>HomelabCli.RunAsync(MyLab.Definition with { … }, args)</c> for a variant of the lab (another image for every
    /// service on a test machine, say). The runner checks names, settings and secrets as it always does, but the
    /// compiler's checks (the EZH diagnostics) saw only the classes: a change made here is not checked by them.
    /// </summary>
    /// <returns>The exit codes of <see cref="RunAsync{TLab}(string[])"/>.</returns>
    public static Task<int> RunAsync(Model.Lab lab, string[] args)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var environment = System.Environment.GetEnvironmentVariables();
        Cli.RunTimings.StartIfAsked(environment, Console.Error);
        return RunAsync(lab, args, environment);
    }

    /// <summary>
    /// The environment variable the runner reads a secret's value from: <c>EZH_SECRET_DB_PASSWORD</c> for
    /// <c>db-password</c>. For scripts and tests that supply secrets to a run.
    /// </summary>
    public static string SecretVariable(string secretName)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretName);
        return Rules.Naming.SecretVariable(secretName);
    }

    private static async Task<int> RunAsync(Model.Lab lab, string[] args, System.Collections.IDictionary environment)
    {
        using var interruption = Deploy.Interruption.Listen(Console.Error);
        return await Cli.CommandLine.RunAsync(lab, args, Console.Out, Console.Error, environment, interruption);
    }
}
