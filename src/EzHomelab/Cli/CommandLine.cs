using System.Collections;
using EzHomelab.Model;

namespace EzHomelab.Cli;

// Placeholder so the skeleton builds; replaced by the real verbs.
internal static class CommandLine
{
    public static Task<int> RunAsync(Lab lab, string[] args, TextWriter stdout, TextWriter stderr, IDictionary environment)
        => Task.FromResult(1);
}
