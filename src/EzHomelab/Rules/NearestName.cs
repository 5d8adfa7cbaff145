// Compiled into both the runtime and the generator (see ValueRules.cs): netstandard2.0-safe, no dependencies.
using System;
using System.Collections.Generic;

namespace EzHomelab.Rules;

/// <summary>"Did you mean …?" for a mistyped name: the known name a few edits away.</summary>
internal static class NearestName
{
    /// <summary>
    /// The known name with the fewest edits from <paramref name="typed"/> (an insertion, deletion, substitution or swap of
    /// two neighbours counts one; case is ignored), if it is near enough to be the one meant: at most one edit per four
    /// characters, and at least one. Ties go to the name first in ordinal order, so the hint is the same on every run.
    /// </summary>
    public static string? Of(string typed, IEnumerable<string> known)
    {
        int allowed = Math.Max(1, typed.Length / 4);
        var upper = typed.ToUpperInvariant();
        string? best = null;
        int bestDistance = allowed + 1;
        foreach (var name in known)
        {
            if (string.Equals(name, typed, StringComparison.Ordinal)) continue;
            int distance = Distance(upper, name.ToUpperInvariant(), allowed + 1);
            if (distance > allowed) continue;
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(name, best) < 0))
            {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance; anything at or above <paramref name="limit"/> is reported as <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit) return limit;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMinimum = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                if (value < rowMinimum) rowMinimum = value;
            }
            if (rowMinimum >= limit) return limit;
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return Math.Min(previous[b.Length], limit);
    }
}
