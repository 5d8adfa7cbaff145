using EzHomelab;
using EzHomelab.Model;

// samples/FullLab on a machine without a registry: the same stacks, services, images, networks, dependencies, routes,
// ports, volumes, secrets, limits and hardening, so render, plan and deploy do the same work, but each container runs
// `sleep` from the local test image, which the benchmark tags with every image name the lab uses
// (`docker tag ezhomelab/busybox:local traefik:v3…`). What has to change for that:
// - entrypoint, command and user (the image has only root and busybox's applets);
// - each healthcheck runs `true` (at the service's own interval, so the engine runs as many checks as for the real lab),
//   and whoever waits for "healthy" still waits for a healthcheck to pass;
// - devices are dropped (the test machine has no /dev/kmsg to give), and host folders are moved under
//   EZH_BENCH_HOST_ROOT (default /tmp/ezh-fulllab-host), so no container writes to the machine's /var/run or /mnt;
// - secrets you supply (and any other that is not set) get a fixed test value from the environment.
var hostRoot = Environment.GetEnvironmentVariable("EZH_BENCH_HOST_ROOT") is { Length: > 0 } given ? given.TrimEnd('/') : "/tmp/ezh-fulllab-host";
var lab = FullLab.Lab.Definition;
lab = lab with
{
    Services = lab.Services.Select(s => s with
    {
        Entrypoint = null,
        Command = ["sleep", "2147483647"],
        User = null,
        Healthcheck = s.Healthcheck is null ? null : s.Healthcheck with { Test = ["CMD", "true"] },
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
    var variable = "EZH_SECRET_" + secret.ToUpperInvariant().Replace('-', '_');
    if (Environment.GetEnvironmentVariable(variable) is null)
        Environment.SetEnvironmentVariable(variable, "benchmark-value-of-" + secret);
}

return await HomelabCli.RunAsync(lab, args);
