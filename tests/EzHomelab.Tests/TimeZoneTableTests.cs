using EzHomelab.Rules;

namespace EzHomelab.Tests;

/// <summary>
/// Keeps the vendored table of IANA names (Rules/IanaTimeZones.cs, which the generator and the runner both judge
/// time zones by) equal to this machine's time zone database. When tzdata is updated and these fail, run
/// scripts/timezones.sh and commit the new table.
/// </summary>
public class TimeZoneTableTests
{
    private const string Regenerate = "; run scripts/timezones.sh to make the table from this machine's tzdata";

    [Fact]
    public void Every_name_of_the_table_is_a_zone_this_machine_knows_by_that_name()
    {
        var unknown = IanaTimeZones.Names
            .Where(name => !(TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId && zone.Id == name))
            .ToList();
        Assert.True(unknown.Count == 0, $"TimeZoneInfo does not know {unknown.Count} names of the table (tzdata {IanaTimeZones.Version}): {string.Join(", ", unknown)}{Regenerate}");
    }

    [Fact]
    public void Every_zone_this_machine_knows_is_in_the_table()
    {
        // Debian's /usr/share/zoneinfo/localtime links to /etc/localtime: a file of the machine, not a name of the database.
        var missing = TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id)
            .Where(id => id != "localtime" && !LabSetting.IsValidTimezone(id))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"the table (tzdata {IanaTimeZones.Version}) lacks {missing.Count} zones this machine knows: {string.Join(", ", missing)}{Regenerate}");
    }

    [Fact]
    public void The_table_holds_every_zone_and_link_of_this_machines_tzdata()
    {
        // GetSystemTimeZones lists the zones of zone.tab only; tzdata.zi has the links (US/Pacific, UTC) too.
        const string path = "/usr/share/zoneinfo/tzdata.zi";
        Assert.True(File.Exists(path), $"{path} is missing: install Debian's tzdata package");
        var names = File.ReadLines(path)
            .Select(line => line.Split(' '))
            .Where(f => f is ["Z", _, ..] or ["L", _, _, ..])
            .Select(f => f[0] == "Z" ? f[1] : f[2])
            .ToHashSet(StringComparer.Ordinal);
        var missing = names.Where(n => !LabSetting.IsValidTimezone(n)).Order(StringComparer.Ordinal).ToList();
        var extra = IanaTimeZones.Names.Where(n => !names.Contains(n)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"the table (tzdata {IanaTimeZones.Version}) lacks [{string.Join(", ", missing)}] and has [{string.Join(", ", extra)}] that {path} does not{Regenerate}");
    }

    [Fact]
    public void The_table_is_sorted_and_has_no_duplicates_so_the_script_output_is_stable()
    {
        Assert.Equal(IanaTimeZones.Names.Distinct().Order(StringComparer.Ordinal), IanaTimeZones.Names);
        Assert.Contains("UTC", IanaTimeZones.Names);
        Assert.Contains("Etc/UTC", IanaTimeZones.Names);
    }
}
