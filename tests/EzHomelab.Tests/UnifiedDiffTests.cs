using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using EzHomelab.Planning;

namespace EzHomelab.Tests;

public partial class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff()
    {
        Assert.Equal("", UnifiedDiff.Create("a\nb\n", "a\nb\n", "a/x", "b/x"));
        Assert.Equal("", UnifiedDiff.Create(null, null, "a/x", "b/x"));
    }

    [Fact]
    public void A_changed_line_with_context()
    {
        var diff = UnifiedDiff.Create("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "a/f", "b/f");
        Assert.Equal("""
            --- a/f
            +++ b/f
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """.Replace("\r\n", "\n", StringComparison.Ordinal), diff);
    }

    [Fact]
    public void New_and_removed_files_diff_against_dev_null()
    {
        Assert.Equal("--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.Create(null, "x\ny\n", "a/f", "b/f"));
        Assert.Equal("--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n", UnifiedDiff.Create("x\n", null, "a/f", "b/f"));
    }

    [Fact]
    public void Distant_changes_make_separate_hunks()
    {
        var old = string.Concat(Enumerable.Range(1, 30).Select(i => $"{i}\n"));
        var @new = string.Concat(Enumerable.Range(1, 30).Select(i => i switch { 3 => "three\n", 27 => "twenty-seven\n", _ => $"{i}\n" }));
        var diff = UnifiedDiff.Create(old, @new, "a/f", "b/f");
        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Equal(@new, Apply(old, diff));
    }

    [Fact]
    public void Missing_final_newline_is_marked()
    {
        var diff = UnifiedDiff.Create("a\nb", "a\nb\n", "a/f", "b/f");
        Assert.Contains("\\ No newline at end of file", diff);
        Assert.Equal("a\nb\n", Apply("a\nb", diff));
    }

    [Fact]
    public void Applying_the_diff_to_the_old_text_gives_the_new_text()
    {
        var line = Gen.OneOf("a", "b", "c", "d", "");
        var text = Gen.Select(line.Array[0, 25], Gen.Bool, (lines, newline) =>
            lines.Length == 0 ? "" : string.Join('\n', lines) + (newline ? "\n" : ""));
        Gen.Select(text, text).Sample((old, @new) =>
        {
            var diff = UnifiedDiff.Create(old, @new, "a/f", "b/f");
            Assert.Equal(old == @new, diff.Length == 0);
            if (diff.Length > 0) Assert.Equal(@new, Apply(old, diff));
        }, iter: 3000);
    }

    /// <summary>A strict patch applier: every context and removed line must match the old text.</summary>
    private static string Apply(string old, string diff)
    {
        var oldLines = SplitKeepingEnds(old);
        var result = new StringBuilder();
        int next = 0; // index of the next old line not yet copied
        var lines = diff.Split('\n');
        int i = 2;
        while (i < lines.Length && lines[i].Length > 0)
        {
            var header = HunkHeader().Match(lines[i]);
            Assert.True(header.Success, $"bad hunk header '{lines[i]}'");
            int oldStart = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
            int oldCount = header.Groups[2].Success ? int.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
            int newCount = header.Groups[4].Success ? int.Parse(header.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
            int firstOld = oldCount == 0 ? oldStart : oldStart - 1;
            Assert.True(firstOld >= next, "hunks overlap or go backwards");
            while (next < firstOld) result.Append(oldLines[next++]);
            i++;
            int seenOld = 0, seenNew = 0;
            while (i < lines.Length && lines[i].Length > 0 && !lines[i].StartsWith("@@", StringComparison.Ordinal))
            {
                var body = lines[i][1..];
                bool noNewline = i + 1 < lines.Length && lines[i + 1] == "\\ No newline at end of file";
                var full = body + (noNewline ? "" : "\n");
                switch (lines[i][0])
                {
                    case ' ': Assert.Equal(oldLines[next++], full); result.Append(full); seenOld++; seenNew++; break;
                    case '-': Assert.Equal(oldLines[next++], full); seenOld++; break;
                    case '+': result.Append(full); seenNew++; break;
                    default: Assert.Fail($"bad diff line '{lines[i]}'"); break;
                }
                i += noNewline ? 2 : 1;
            }
            Assert.Equal(oldCount, seenOld);
            Assert.Equal(newCount, seenNew);
        }
        while (next < oldLines.Count) result.Append(oldLines[next++]);
        return result.ToString();
    }

    private static List<string> SplitKeepingEnds(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int k = 0; k < text.Length; k++)
            if (text[k] == '\n') { lines.Add(text[start..(k + 1)]); start = k + 1; }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")]
    private static partial Regex HunkHeader();
}
