using System.Globalization;
using EzHomelab.CatalogTests.Support;
using EzHomelab.Model;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Settings;

namespace EzHomelab.CatalogTests;

/// <summary>
/// Every catalog service states the CPU and memory it needs (no service falls back to the lab's one-size default), within
/// what Docker accepts on a two-core host, and the databases reserve their memory.
/// </summary>
public sealed class CatalogResourceTests
{
    public static TheoryData<string> Services() => FullLabServices.Names();

    [Theory, MemberData(nameof(Services))]
    public void A_service_sets_its_own_cpu_and_memory_limits(string name)
    {
        var resources = FullLabServices.Get(name).Resources;
        Assert.True(resources?.Cpus is not null && resources.Memory is not null,
            $"{name}: its catalog class sets no [Resources(Cpus = ..., Memory = ...)], so it gets the lab's default");
    }

    // Docker refuses a CPU limit above the host's CPU count, and a homelab host may have two.
    [Theory, MemberData(nameof(Services))]
    public void A_cpu_limit_is_valid_on_a_two_core_host(string name)
    {
        var cpus = FullLabServices.Get(name).Resources?.Cpus ?? FullLabServices.Lab.ServiceDefaults.Cpus;
        Assert.InRange(double.Parse(cpus, NumberStyles.Float, CultureInfo.InvariantCulture), 0.01, 2.0);
    }

    [Theory, MemberData(nameof(Services))]
    public void A_memory_reservation_stays_below_the_limit(string name)
    {
        var resources = FullLabServices.Get(name).Resources;
        if (resources?.MemoryReservation is not { } reservation) return;
        Assert.True(Rules.ResourceQuantity.TryGetBytes(reservation, out var reserved), reservation);
        Assert.True(Rules.ResourceQuantity.TryGetBytes(resources.Memory!, out var limit), resources.Memory);
        Assert.True(reserved < limit, $"{name}: reserves {reservation}, limited to {resources.Memory}");
    }

    [Fact]
    public void Every_database_reserves_memory()
    {
        var databases = FullLabServices.Lab.Services
            .Where(s => Rules.KnownImages.Repository(s.Image) is "postgres" or "mariadb" or "mongo")
            .ToArray();
        Assert.NotEmpty(databases);
        Assert.All(databases, db => Assert.True(db.Resources?.MemoryReservation is not null, $"{db.Name} reserves no memory"));
    }
}

/// <summary>The secret files of the two services whose entrypoints read them as another user than root.</summary>
public sealed class CatalogSecretReaderTests
{
    private static readonly RuntimeSettings Settings = RuntimeSettings.FromLab(FullLabServices.Lab);

    private static SecretOwnership OwnershipOf(string secret, string stack) =>
        LabSecrets.OwnershipOf(FullLabServices.Lab, Assert.Single(FullLabServices.Lab.Servers.SelectMany(FullLabServices.Lab.StacksOn), s => s.Name == stack), secret, Settings);

    [Fact]
    public void Mongo_reads_its_root_password_as_the_mongodb_user_and_Formio_as_root_through_DAC_READ_SEARCH()
    {
        var mongo = FullLabServices.Get("formio-mongo");
        Assert.Equal("999:999", mongo.User);
        Assert.Empty(mongo.CapAdd);
        Assert.Contains(mongo.Volumes, v => v.Target == "/data/db" && !v.IsBind);

        var ownership = OwnershipOf("formio-db-password", "utilities");
        Assert.Empty(ownership.Problems);
        Assert.Equal(999, ownership.Owner?.Uid);
        Assert.Equal(999, ownership.Owner?.Gid);
        // Formio runs as root with every capability dropped: reading a file of user 999 takes DAC_READ_SEARCH.
        Assert.True(LabSecrets.ReaderOf(FullLabServices.Get("formio"), Settings).IsRoot);
        Assert.Contains("DAC_READ_SEARCH", FullLabServices.Get("formio").CapAdd);
    }

    [Fact]
    public void Homarr_reads_its_key_as_root_and_gives_appdata_to_PUID_before_its_entrypoint_runs()
    {
        var homarr = FullLabServices.Get("homarr");
        Assert.True(LabSecrets.ReaderOf(homarr, Settings).IsRoot);
        var ownership = OwnershipOf("homarr-encryption-key", "dashboards");
        Assert.Null(ownership.Owner);
        Assert.Empty(ownership.Problems);

        Assert.NotNull(homarr.Entrypoint);
        Assert.Equal("/bin/sh", homarr.Entrypoint![0]);
        Assert.StartsWith("chown -R \"$PUID:$PGID\" /appdata && exec /app/entrypoint.sh ", homarr.Entrypoint[2]);
        // Compose drops the image's command when the entrypoint is replaced: the class restates it.
        Assert.Equal(["sh", "run.sh"], homarr.Command);
        Assert.Equal("${PUID}", homarr.Environment.Single(e => e.Name == "PUID").Value);
    }
}
