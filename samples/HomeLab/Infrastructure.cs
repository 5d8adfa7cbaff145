using EzHomelab;

namespace MyHomelab;

/// <summary>Stack manager: shows and edits the folders EzHomelab renders under /opt/stacks.</summary>
[Stack("infrastructure")]
[Service(Image = "louislam/dockge:1.4.2")]
[Route(5001)]
[Dashboard("Infrastructure", Name = "Dockge", Icon = "dockge.png", Description = "Compose stacks")]
[Env("DOCKGE_STACKS_DIR", "/opt/stacks")]
[Volume("/var/run/docker.sock", "/var/run/docker.sock")]
[Volume("/opt/stacks", "/opt/stacks")]
[Volume("./dockge/data", "/app/data")]
[Resources(Cpus = "0.5", Memory = "256M", CpusReservation = "0.25", MemoryReservation = "128M")]
public partial class Dockge;

/// <summary>
/// Read-only view of the Docker API for Traefik: GET on containers, networks and services only; POST stays off
/// (the image's default), so nothing behind it can start, stop or exec.
/// </summary>
[Stack("infrastructure")]
[Service(Image = "tecnativa/docker-socket-proxy:0.3.0")]
[Env("CONTAINERS", "1")]
[Env("NETWORKS", "1")]
[Env("SERVICES", "1")]
[Env("TASKS", "1")]
[Env("POST", "0")]
[Volume("/var/run/docker.sock", "/var/run/docker.sock", ReadOnly = true)]
[Resources(Cpus = "0.25", Memory = "128M", CpusReservation = "0.1", MemoryReservation = "64M")]
public partial class DockerSocketProxy;

/// <summary>
/// Starts lazy services ([LazyStart]) on the first request and stops them when idle; Traefik's Sablier middleware
/// asks it at http://sablier:10000. It starts and stops containers, so it needs the socket itself, not the proxy.
/// </summary>
[Stack("infrastructure")]
[Service(Image = "sablierapp/sablier:1.10.3", Command = new[] { "start", "--provider.name=docker" })]
[Volume("/var/run/docker.sock", "/var/run/docker.sock", ReadOnly = true)]
[Resources(Cpus = "0.25", Memory = "128M", CpusReservation = "0.1", MemoryReservation = "64M")]
public partial class Sablier;
