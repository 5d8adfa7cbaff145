using System.CommandLine;
using EzHomelab.Rules;

namespace EzHomelab.Cli;

/// <summary>
/// Parses the arguments and says what is wrong with them, one line per problem: an unknown verb or option gets the
/// nearest known one and the list to choose from, instead of the parser's "Required command was not provided".
/// </summary>
internal static class UsageErrors
{
    /// <summary>Parses <paramref name="args"/>; <paramref name="problems"/> is empty when the verb may run.</summary>
    public static ParseResult Parse(RootCommand root, string[] args, out IReadOnlyList<string> problems)
    {
        // Unmatched tokens are reported below, with a suggestion, rather than as the parser's generic errors.
        foreach (var command in root.Subcommands.Append(root)) command.TreatUnmatchedTokensAsErrors = false;
        var parsed = root.Parse(args);
        problems = Of(parsed, root);
        return parsed;
    }

    private static List<string> Of(ParseResult parsed, RootCommand root)
    {
        var problems = new List<string>();
        if (parsed.Errors.Count == 0 && parsed.UnmatchedTokens.Count == 0) return problems;

        var command = parsed.CommandResult.Command;
        if (command == root)
        {
            var verbs = root.Subcommands.Select(c => c.Name).ToArray();
            var first = parsed.Tokens.FirstOrDefault()?.Value;
            if (first is null || first.StartsWith('-'))
                problems.Add($"no verb given; the first argument is one of: {string.Join(", ", verbs)} (options come after it; see --help)");
            else
                problems.Add($"unknown verb '{first}'{Hint(first, verbs)} (verbs: {string.Join(", ", verbs)})");
            return problems;
        }

        problems.AddRange(parsed.Errors.Select(e => e.Message));
        var options = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToArray();
        foreach (var token in parsed.UnmatchedTokens)
        {
            if (token.StartsWith('-'))
                problems.Add($"unknown option '{token}' for {command.Name}{Hint(token, options)} (its options: {string.Join(", ", command.Options.Select(o => o.Name))})");
            else
                problems.Add($"unexpected argument '{token}' for {command.Name}: it takes options only (see {command.Name} --help)");
        }
        return problems;
    }

    private static string Hint(string typed, IEnumerable<string> known) =>
        NearestName.Of(typed, known) is { } nearest ? $"; did you mean '{nearest}'?" : "";
}
