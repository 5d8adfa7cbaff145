using System.Text;

namespace EzHomelab.Planning;

/// <summary>Unified diffs (as <c>diff -u</c> writes them) from a Myers shortest edit script over lines.</summary>
public static class UnifiedDiff
{
    private enum Op { Equal, Delete, Insert }

    private readonly record struct Edit(Op Op, int OldIndex, int NewIndex);

    // Beyond this many differing lines the O(D²) trace is not worth keeping: the file is shown as replaced.
    private const int MaxEditDistance = 4000;

    /// <summary>The diff of two texts (null stands for a missing file); empty when they are equal.</summary>
    public static string Create(string? oldText, string? newText, string oldLabel, string newLabel, int context = 3)
    {
        var (a, aEndsWithNewline) = Lines(oldText);
        var (b, bEndsWithNewline) = Lines(newText);
        var edits = ShortestEditScript(a, b);
        bool NewlineMismatch(Edit e) => e.Op == Op.Equal
            && (e.OldIndex == a.Length - 1 && !aEndsWithNewline) != (e.NewIndex == b.Length - 1 && !bEndsWithNewline);
        if (edits.All(e => e.Op == Op.Equal && !NewlineMismatch(e))) return "";

        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldText is null ? "/dev/null" : oldLabel).Append('\n');
        sb.Append("+++ ").Append(newText is null ? "/dev/null" : newLabel).Append('\n');

        // A hunk holds changes separated by at most 2*context equal lines, plus context on each side.
        var changes = Enumerable.Range(0, edits.Count)
            .Where(k => edits[k].Op != Op.Equal || NewlineMismatch(edits[k]))
            .ToList();
        for (int c = 0; c < changes.Count; c++)
        {
            int first = changes[c], last = first;
            while (c + 1 < changes.Count && changes[c + 1] - last - 1 <= 2 * context) last = changes[++c];
            WriteHunk(sb, edits, Math.Max(0, first - context), Math.Min(edits.Count, last + context + 1), a, b, aEndsWithNewline, bEndsWithNewline);
        }
        return sb.ToString();
    }

    private static void WriteHunk(StringBuilder sb, List<Edit> edits, int start, int end, string[] a, string[] b, bool aNewline, bool bNewline)
    {
        int oldStart = -1, newStart = -1, oldCount = 0, newCount = 0;
        for (int k = start; k < end; k++)
        {
            var e = edits[k];
            if (e.Op != Op.Insert) { if (oldStart < 0) oldStart = e.OldIndex; oldCount++; }
            if (e.Op != Op.Delete) { if (newStart < 0) newStart = e.NewIndex; newCount++; }
        }
        // An empty side is reported at the line before it (0 for an empty file), as diff -u does.
        int oldLine = oldCount == 0 ? FirstIndex(edits, start, useOld: true) : oldStart + 1;
        int newLine = newCount == 0 ? FirstIndex(edits, start, useOld: false) : newStart + 1;
        sb.Append("@@ -").Append(Range(oldLine, oldCount)).Append(" +").Append(Range(newLine, newCount)).Append(" @@\n");
        for (int k = start; k < end; k++)
        {
            var e = edits[k];
            switch (e.Op)
            {
                case Op.Equal:
                    bool oldEndsWithNewline = e.OldIndex < a.Length - 1 || aNewline;
                    bool newEndsWithNewline = e.NewIndex < b.Length - 1 || bNewline;
                    if (oldEndsWithNewline != newEndsWithNewline)
                    {
                        // Same text, but only one side ends the line: shown as a change, as diff -u does.
                        Line(sb, '-', a[e.OldIndex], oldEndsWithNewline);
                        Line(sb, '+', b[e.NewIndex], newEndsWithNewline);
                    }
                    else Line(sb, ' ', a[e.OldIndex], oldEndsWithNewline);
                    break;
                case Op.Delete:
                    Line(sb, '-', a[e.OldIndex], e.OldIndex < a.Length - 1 || aNewline);
                    break;
                default:
                    Line(sb, '+', b[e.NewIndex], e.NewIndex < b.Length - 1 || bNewline);
                    break;
            }
        }
    }

    private static int FirstIndex(List<Edit> edits, int start, bool useOld)
    {
        // The number of lines of that side before the hunk.
        int count = 0;
        for (int k = 0; k < start; k++)
            if (useOld ? edits[k].Op != Op.Insert : edits[k].Op != Op.Delete) count++;
        return count;
    }

    private static string Range(int line, int count) => count == 1 ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{line},{count}";

    private static void Line(StringBuilder sb, char prefix, string text, bool endsWithNewline)
    {
        sb.Append(prefix).Append(text).Append('\n');
        if (!endsWithNewline) sb.Append("\\ No newline at end of file\n");
    }

    private static (string[] Lines, bool EndsWithNewline) Lines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return ([], true);
        var lines = text.Split('\n');
        bool endsWithNewline = text.EndsWith('\n');
        return (endsWithNewline ? lines[..^1] : lines, endsWithNewline);
    }

    private static List<Edit> ShortestEditScript(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        int offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        int found = -1;
        for (int d = 0; d <= Math.Min(max, MaxEditDistance); d++)
        {
            trace.Add((int[])v.Clone());
            for (int k = -d; k <= d; k += 2)
            {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x] == b[y]) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) { found = d; break; }
            }
            if (found >= 0) break;
        }
        if (found < 0) return Replacement(n, m);

        var edits = new List<Edit>();
        int cx = n, cy = m;
        for (int d = found; d >= 0; d--)
        {
            var vd = trace[d];
            int k = cx - cy;
            int prevK = k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
            int prevX = vd[offset + prevK];
            int prevY = prevX - prevK;
            while (cx > prevX && cy > prevY) { cx--; cy--; edits.Add(new Edit(Op.Equal, cx, cy)); }
            if (d == 0) break;
            if (cx == prevX) { cy--; edits.Add(new Edit(Op.Insert, cx, cy)); }
            else { cx--; edits.Add(new Edit(Op.Delete, cx, cy)); }
        }
        edits.Reverse();
        return edits;
    }

    private static List<Edit> Replacement(int n, int m)
    {
        var edits = new List<Edit>(n + m);
        for (int i = 0; i < n; i++) edits.Add(new Edit(Op.Delete, i, 0));
        for (int j = 0; j < m; j++) edits.Add(new Edit(Op.Insert, n, j));
        return edits;
    }
}
