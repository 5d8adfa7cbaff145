using EzHomelab;
using EzHomelab.Model;

// samples/FullLab on a machine without a registry: the same stacks, services, images, networks, dependencies, routes,
// ports, volumes, secrets, limits and hardening, so render, plan and deploy do the same work, but each container runs
// `sleep` from the local test image, which the benchmark tags with every image name the lab uses
// (`docker tag ezhomelab/busybox:local traefik:v3…`). What has to change for that:
// - entrypoint, command and user (the image has only root and busybox's applets);
// - a service another one waits for (depends_on healthy, or egress through it) keeps a healthcheck, which runs `true`
//   every 5 s, so whoever waits for "healthy" still waits for a check to pass; the other healthchecks are dropped:
//   sixty checks at the catalog's intervals (10–30 s before the first) make a first deploy take a quarter of an hour,
//   and sixty at 5 s keep a 2-core machine busy (each check is a process started in a container);
// - devices are dropped (the test machine has no /dev/kmsg to give), and host folders are moved under
//   EZH_BENCH_HOST_ROOT (default /tmp/ezh-fulllab-host), so no container writes to the machine's /var/run or /mnt;
// - secrets you supply (and any other that is not set) get a fixed test value from the environment.
var hostRoot = Environment.GetEnvironmentVariable("EZH_BENCH_HOST_ROOT") is { Length: > 0 } given ? given.TrimEnd('/') : "/tmp/ezh-fulllab-host";
var lab = FullLab.Lab.Definition;
var awaited = lab.Services.SelectMany(s => s.DependsOn.Where(d => d.Condition == DependencyCondition.Healthy).Select(d => d.Service)
        .Concat(s.EgressThrough is { } target ? [target] : []))
    .ToHashSet(StringComparer.Ordinal);
lab = lab with
{
    Services = lab.Services.Select(s => s with
    {
        Entrypoint = null,
        Command = ["sleep", "2147483647"],
        User = null,
        Healthcheck = s.Healthcheck is null || !awaited.Contains(s.Name) ? null : new HealthcheckSpec(["CMD", "true"], Interval: "5s", Timeout: "5s", Retries: 3),
        Devices = [],
        Volumes = s.Volumes.Select(v => v.Source.StartsWith('/') ? v with { Source = hostRoot + v.Source } : v).ToArray(),
    }).ToArray(),
    Variables = [.. lab.Variables.Where(v => !v.Default.StartsWith('/')),
        .. lab.Services.SelectMany(s => s.Variables).Concat(lab.Variables)
            .Where(v => v.Default.StartsWith('/')).DistinctBy(v => v.Name)
            .Select(v => v with { Default = hostRoot + v.Default })],
};

foreach (var secret in lab.Services.SelectMany(s => s.SecretEnvironment.Select(e => e.Secret)
             .Concat(s.Dashboard is not null && s.Widget?.ApiKeySecret is { } key ? [key] : [])).Distinct())
{
    var variable = HomelabCli.SecretVariable(secret);
    if (Environment.GetEnvironmentVariable(variable) is null)
        Environment.SetEnvironmentVariable(variable, "benchmark-value-of-" + secret);
}

return await HomelabCli.RunAsync(lab, args);
