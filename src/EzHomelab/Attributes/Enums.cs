namespace EzHomelab;

/// <summary>Who may reach a route. Mapped to an Authelia policy and to the Traefik middleware chain.</summary>
public enum Access
{
    /// <summary>Use the lab's <see cref="HomelabAttribute.DefaultAccess"/>.</summary>
    Default = 0,
    /// <summary>No login (media players, the login portal itself).</summary>
    Bypass = 1,
    /// <summary>Username and password.</summary>
    OneFactor = 2,
    /// <summary>Username, password and a second factor (TOTP, WebAuthn).</summary>
    TwoFactor = 3,
    /// <summary>
    /// No login from the lab's LAN networks (<see cref="HomelabAttribute.LanNetworks"/>), denied from anywhere else.
    /// Treated as a bypass for admin UIs: a device on the LAN is not trusted with them.
    /// </summary>
    LanOnly = 4,
}

/// <summary>Compose restart policy.</summary>
public enum Restart
{
    /// <summary><c>unless-stopped</c> for always-on services, <c>"no"</c> for lazy ones.</summary>
    Default = 0,
    No = 1,
    Always = 2,
    UnlessStopped = 3,
    OnFailure = 4,
}

/// <summary>When a dependent service may start.</summary>
public enum DependencyCondition
{
    /// <summary>Compose <c>service_started</c>.</summary>
    Started = 0,
    /// <summary>Compose <c>service_healthy</c>: the dependency needs a healthcheck.</summary>
    Healthy = 1,
    /// <summary>Compose <c>service_completed_successfully</c> (one-shot init containers).</summary>
    CompletedSuccessfully = 2,
}

/// <summary>Transport of a published port.</summary>
public enum Protocol
{
    Tcp = 0,
    Udp = 1,
}
