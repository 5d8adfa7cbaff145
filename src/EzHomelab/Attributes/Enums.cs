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

/// <summary>How a container is told where a <see cref="SecretEnvAttribute"/> secret is (its file is always mounted at <c>/run/secrets/&lt;secret&gt;</c>).</summary>
public enum SecretForm
{
    /// <summary>
    /// A file variable holds the file's path: <see cref="SecretEnvAttribute.FileVariable"/> when given, else the
    /// image family's (<c>FILE__NAME</c> for LinuxServer, <c>NAME_SECRETFILE</c> for Gluetun, <c>NAME_FILE</c> otherwise).
    /// </summary>
    FilePath = 0,
    /// <summary>The variable itself holds <c>file:///run/secrets/&lt;secret&gt;</c> (authentik reads every setting so).</summary>
    FileUri = 1,
    /// <summary>
    /// A file variable (chosen as for <see cref="FilePath"/>) holds the secret's bare name, and the image looks for it
    /// under <c>/run/secrets/</c> itself (Pi-hole's <c>WEBPASSWORD_FILE</c>).
    /// </summary>
    SecretName = 2,
}

/// <summary>Who gives a <see cref="SecretEnvAttribute"/> secret its value.</summary>
public enum SecretSupply
{
    /// <summary>
    /// Generated once and kept, unless its name says only its owner has it (<c>*-token</c>, <c>*-api-key</c>,
    /// <c>wireguard-*</c>, <c>openvpn-*</c>, <c>smtp-password</c>); either way <c>EZH_SECRET_&lt;NAME&gt;</c> may give it.
    /// </summary>
    Default = 0,
    /// <summary>
    /// Never generated: a random value would be useless (the app needs a format of its own, or only you have it). Without
    /// <c>EZH_SECRET_&lt;NAME&gt;</c> or an existing file it is a warning and deploy refuses.
    /// </summary>
    User = 1,
}
