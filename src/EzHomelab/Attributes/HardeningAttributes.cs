namespace EzHomelab;

// Every service is hardened unless its class says otherwise: no-new-privileges, every capability dropped but its
// [CapAdd]s, rotated logs, and process, memory and CPU limits. The attributes below loosen one part of that each, or
// (ReadOnlyRoot, Logging) tighten or tune it. An exception names its reason, which the compose file repeats in a
// comment above the service, so whoever reads the file sees why.

/// <summary>
/// Leaves out <c>no-new-privileges</c>: programs the container starts may gain privileges through setuid binaries or
/// file capabilities (e.g. <c>sudo</c> inside a development container). Without a <see cref="Reason"/>: EZH0051.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowNewPrivilegesAttribute : Attribute
{
    /// <summary>Why the service needs it, in one line.</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// Leaves out <c>cap_drop: [ALL]</c>: the container keeps Docker's default capabilities (plus its <see cref="CapAddAttribute"/>s).
/// For an image whose needs are not known; prefer naming the capabilities it needs with <c>[CapAdd]</c>. Without a
/// <see cref="Reason"/>: EZH0051.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KeepCapabilitiesAttribute : Attribute
{
    /// <summary>Why the service needs it, in one line.</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// Allows a service that is not the socket proxy, Dockge or Sablier (recognised by their images) to mount the Docker
/// socket: whoever controls the socket controls the host. Without it, or without a <see cref="Reason"/>: EZH0050.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowDockerSocketAttribute : Attribute
{
    /// <summary>Why the service needs the Docker API itself, in one line.</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// Runs the container privileged (compose <c>privileged: true</c>): every capability, every host device, no seccomp or
/// AppArmor profile. Prefer <see cref="CapAddAttribute"/> and <see cref="DeviceAttribute"/>. Without a <see cref="Reason"/>: EZH0047.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PrivilegedAttribute : Attribute
{
    /// <summary>Why the service needs it, in one line.</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// Shares namespaces of the host with the container: <c>network_mode: host</c>, <c>pid: host</c>, <c>ipc: host</c>. A
/// host-network service has no networks, ports or route of its own (EZH0053); reach its web UI with an
/// <see cref="ExternalHostAttribute"/>. Without a <see cref="Reason"/>: EZH0048.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HostNamespacesAttribute : Attribute
{
    /// <summary>The host's network stack (<c>network_mode: host</c>), e.g. for device discovery by multicast.</summary>
    public bool Network { get; set; }
    /// <summary>The host's processes (<c>pid: host</c>), e.g. for a system monitor.</summary>
    public bool Pid { get; set; }
    /// <summary>The host's shared memory and semaphores (<c>ipc: host</c>).</summary>
    public bool Ipc { get; set; }
    /// <summary>Why the service needs them, in one line.</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// An extra <c>security_opt</c> entry, e.g. <c>apparmor:my-profile</c> or <c>seccomp:/etc/docker/seccomp/app.json</c>.
/// <c>no-new-privileges</c> is not set here (see <see cref="AllowNewPrivilegesAttribute"/>). An entry that turns a
/// confinement off (<c>seccomp:unconfined</c>, <c>apparmor:unconfined</c>, <c>label:disable</c>,
/// <c>systempaths=unconfined</c>) without a <see cref="Reason"/>: EZH0049.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SecurityOptAttribute : Attribute
{
    /// <param name="option">The option as Docker takes it, <c>name:value</c> or <c>name=value</c>.</param>
    public SecurityOptAttribute(string option) => Option = option;
    public string Option { get; }
    /// <summary>Why the service needs it, in one line.</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// Mounts the container's root filesystem read-only (compose <c>read_only: true</c>); the paths the image writes to get
/// an in-memory <c>tmpfs</c> each (or a <see cref="VolumeAttribute"/>). Only for images known to support it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ReadOnlyRootAttribute : Attribute
{
    /// <summary>Absolute paths mounted as tmpfs, each optionally with Docker's options: <c>/tmp</c>, <c>/run:size=16m</c>.</summary>
    public string[]? Tmpfs { get; set; }
}

/// <summary>
/// Log rotation of the container's <c>json-file</c> log. Every service rotates even without it; on the lab class it
/// sets the default for every service.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LoggingAttribute : Attribute
{
    /// <summary>Size at which a log file is rotated, e.g. <c>10m</c> (the default).</summary>
    public string? MaxSize { get; set; }
    /// <summary>Number of log files kept; 0 means the default, 3.</summary>
    public int MaxFiles { get; set; }
}
