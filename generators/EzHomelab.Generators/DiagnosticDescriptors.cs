using Microsoft.CodeAnalysis;

namespace EzHomelab.Generators;

/// <summary>Every diagnostic the generator reports. IDs are stable and never reused (see AnalyzerReleases.*.md).</summary>
public static class DiagnosticDescriptors
{
    public const string Category = "EzHomelab";
    private const string HelpLinkBase = "https://github.com/ezhomelab/ezhomelab/blob/main/docs/diagnostics/";

    public const string ClassNotPartialId = "EZH0001";
    public const string NoLabId = "EZH0002";
    public const string MultipleLabsId = "EZH0003";
    public const string ImageWithoutTagId = "EZH0004";
    public const string ImageLatestTagId = "EZH0005";
    public const string MalformedImageId = "EZH0006";
    public const string DuplicateHostnameId = "EZH0007";
    public const string InvalidNameId = "EZH0008";
    public const string PortPublishedTwiceId = "EZH0009";
    public const string PortOutOfRangeId = "EZH0010";
    public const string UnknownReferenceId = "EZH0011";
    public const string AmbiguousTemplateReferenceId = "EZH0055";
    public const string RenamedTemplateTargetId = "EZH0056";
    public const string InternalNetworkConflictId = "EZH0057";
    public const string FileVariableWithFileUriId = "EZH0058";
    public const string DependencyCycleId = "EZH0012";
    public const string LazyServiceRestartsId = "EZH0013";
    public const string AlwaysOnNeedsLazyId = "EZH0014";
    public const string EgressConflictId = "EZH0015";
    public const string InvalidResourceId = "EZH0016";
    public const string RelativeContainerPathId = "EZH0017";
    public const string LiteralSecretId = "EZH0018";
    public const string UnknownServerId = "EZH0019";
    public const string NoImageId = "EZH0020";
    public const string NoStackId = "EZH0021";
    public const string DuplicateServiceNameId = "EZH0022";
    public const string InvalidDurationId = "EZH0023";
    public const string InvalidEnvironmentNameId = "EZH0024";
    public const string HealthyWithoutHealthcheckId = "EZH0025";
    public const string EgressAcrossStacksId = "EZH0026";
    public const string DependencyAcrossStacksId = "EZH0027";
    public const string InvalidLabValueId = "EZH0028";
    public const string DuplicateServerId = "EZH0029";
    public const string InvalidSecretNameId = "EZH0030";
    public const string UnsupportedClassId = "EZH0031";
    public const string LabIsServiceId = "EZH0032";
    public const string ValueOutOfRangeId = "EZH0033";
    public const string InvalidVolumeSourceId = "EZH0034";
    public const string EmptyHealthcheckId = "EZH0035";
    public const string DuplicateKeyId = "EZH0036";
    public const string InvalidDockerNameId = "EZH0037";
    public const string AdminWithoutLoginId = "EZH0038";
    public const string InvalidPrivilegeId = "EZH0039";
    public const string InvalidExternalUrlId = "EZH0040";
    public const string InvalidWidgetId = "EZH0041";
    public const string UnreachableServiceId = "EZH0042";
    public const string LoginWithoutPortalId = "EZH0043";
    public const string InvalidVariableId = "EZH0044";
    public const string UndeclaredVariableId = "EZH0045";
    public const string ConflictingVariableDefaultsId = "EZH0046";
    public const string PrivilegedWithoutReasonId = "EZH0047";
    public const string HostNamespaceWithoutReasonId = "EZH0048";
    public const string UnconfinedWithoutReasonId = "EZH0049";
    public const string DockerSocketMountedId = "EZH0050";
    public const string ExemptionWithoutReasonId = "EZH0051";
    public const string InvalidHardeningId = "EZH0052";
    public const string HostNetworkConflictId = "EZH0053";
    public const string UnusedExemptionId = "EZH0054";

    public static readonly DiagnosticDescriptor ClassNotPartial = new(
        ClassNotPartialId,
        "Class must be partial",
        "{0}: '{1}' must be declared partial so that the generator can add the definition to it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds members to the service and lab classes, so each of them and every type that contains them must be declared partial.",
        helpLinkUri: HelpLinkBase + ClassNotPartialId + ".md");

    public static readonly DiagnosticDescriptor NoLab = new(
        NoLabId,
        "No [Homelab] class",
        "{0} belongs to no lab: add a partial class marked [Homelab]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Services are gathered into the one class marked [Homelab]; without it there is nothing to render.",
        helpLinkUri: HelpLinkBase + NoLabId + ".md");

    public static readonly DiagnosticDescriptor MultipleLabs = new(
        MultipleLabsId,
        "More than one [Homelab] class",
        "Lab class {0} is one of several classes marked [Homelab] ({1}); a project holds exactly one lab",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A project describes one lab: every service belongs to it, so only one class may carry [Homelab].",
        helpLinkUri: HelpLinkBase + MultipleLabsId + ".md");

    public static readonly DiagnosticDescriptor ImageWithoutTag = new(
        ImageWithoutTagId,
        "Image without a tag",
        "{0}: [Service] Image '{1}' has no tag; pin a version such as '{1}:1.2.3' or a digest",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An image without a tag means 'latest': redeploying silently changes the software that runs.",
        helpLinkUri: HelpLinkBase + ImageWithoutTagId + ".md");

    public static readonly DiagnosticDescriptor ImageLatestTag = new(
        ImageLatestTagId,
        "Image tagged latest",
        "{0}: [Service] Image '{1}' uses the 'latest' tag; pin a version",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The 'latest' tag moves: redeploying silently changes the software that runs, and a rollback has nothing to go back to.",
        helpLinkUri: HelpLinkBase + ImageLatestTagId + ".md");

    public static readonly DiagnosticDescriptor MalformedImage = new(
        MalformedImageId,
        "Malformed image reference",
        "{0}: [Service] Image '{1}' is not a valid image reference ([registry/]name[:tag][@digest] with a lower-case name)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Docker rejects a malformed image reference only when the stack is deployed; the compiler catches it first.",
        helpLinkUri: HelpLinkBase + MalformedImageId + ".md");

    public static readonly DiagnosticDescriptor DuplicateHostname = new(
        DuplicateHostnameId,
        "Hostname used twice",
        "{0}: {1} subdomain '{2}' is already used by {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Two routers for one hostname make Traefik pick one of them at random; every hostname belongs to one service or one [ExternalHost].",
        helpLinkUri: HelpLinkBase + DuplicateHostnameId + ".md");

    public static readonly DiagnosticDescriptor InvalidName = new(
        InvalidNameId,
        "Invalid DNS name",
        "{0}: {1} '{2}' is not a valid {3} name: use 1 to 63 lower-case letters, digits and '-', not starting or ending with '-'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Service, stack, server and subdomain names end up in hostnames, folder names and compose project names, which accept DNS labels only.",
        helpLinkUri: HelpLinkBase + InvalidNameId + ".md");

    public static readonly DiagnosticDescriptor PortPublishedTwice = new(
        PortPublishedTwiceId,
        "Host port published twice",
        "{0}: [PublishPort] host port {1} on server '{2}' is already published by {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Only one container can bind a host port; the second stack would fail to start.",
        helpLinkUri: HelpLinkBase + PortPublishedTwiceId + ".md");

    public static readonly DiagnosticDescriptor PortOutOfRange = new(
        PortOutOfRangeId,
        "Port out of range",
        "{0}: {1} {2} is out of range; ports are 1 to 65535",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A port outside 1 to 65535 cannot be bound or routed to.",
        helpLinkUri: HelpLinkBase + PortOutOfRangeId + ".md");

    public static readonly DiagnosticDescriptor UnknownReference = new(
        UnknownReferenceId,
        "Reference to a type that is not a lab service",
        "{0}: {1} refers to '{2}', which {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "[DependsOn] and [Egress] refer to other services of the lab by type; the type must be one of them.",
        helpLinkUri: HelpLinkBase + UnknownReferenceId + ".md");

    public static readonly DiagnosticDescriptor DependencyCycle = new(
        DependencyCycleId,
        "Dependency cycle",
        "{0} is part of a dependency cycle: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Services in a cycle wait for each other, so none of them can start.",
        helpLinkUri: HelpLinkBase + DependencyCycleId + ".md");

    public static readonly DiagnosticDescriptor LazyServiceRestarts = new(
        LazyServiceRestartsId,
        "Lazy service with a restart policy",
        "{0}: [Service] Restart {1} would bring back a lazy service that Sablier stopped; remove Restart or [LazyStart]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Sablier stops idle lazy services; a restart policy of Always or UnlessStopped makes the engine start them again.",
        helpLinkUri: HelpLinkBase + LazyServiceRestartsId + ".md");

    public static readonly DiagnosticDescriptor AlwaysOnNeedsLazy = new(
        AlwaysOnNeedsLazyId,
        "Always-on service depends on a lazy one",
        "{0} is always on but {1} the lazy {2}; make both lazy or both always on",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A lazy service is stopped most of the time, so an always-on service that needs it breaks whenever it is idle.",
        helpLinkUri: HelpLinkBase + AlwaysOnNeedsLazyId + ".md");

    public static readonly DiagnosticDescriptor EgressConflict = new(
        EgressConflictId,
        "Egress service with its own ports, networks or Traefik labels",
        "{0} sends its traffic through '{1}' ([Egress]) and so cannot {2}; declare it on '{1}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A container that uses another container's network stack has no network of its own: ports, networks and Traefik labels belong on the target.",
        helpLinkUri: HelpLinkBase + EgressConflictId + ".md");

    public static readonly DiagnosticDescriptor InvalidResource = new(
        InvalidResourceId,
        "Invalid resource value",
        "{0}: {1} '{2}' is not a valid {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Compose rejects malformed CPU and memory values only when the stack is deployed.",
        helpLinkUri: HelpLinkBase + InvalidResourceId + ".md");

    public static readonly DiagnosticDescriptor RelativeContainerPath = new(
        RelativeContainerPathId,
        "Relative container path",
        "{0}: [Volume] target '{1}' must be an absolute container path (starting with '/')",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Compose requires an absolute mount target inside the container.",
        helpLinkUri: HelpLinkBase + RelativeContainerPathId + ".md");

    public static readonly DiagnosticDescriptor LiteralSecret = new(
        LiteralSecretId,
        "Secret written as a literal",
        "{0}: [Env] '{1}' looks like a secret but has a literal value; use [SecretEnv(\"{1}\", \"secret-name\")]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A literal secret ends up in source control and in the rendered compose files; [SecretEnv] keeps it in a mode-0600 .env file supplied at run time.",
        helpLinkUri: HelpLinkBase + LiteralSecretId + ".md");

    public static readonly DiagnosticDescriptor UnknownServer = new(
        UnknownServerId,
        "Unknown server",
        "{0}: [OnServer] '{1}' is not a server of the lab (servers: {2})",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A service can only run on a server that the lab declares with [Server].",
        helpLinkUri: HelpLinkBase + UnknownServerId + ".md");

    public static readonly DiagnosticDescriptor NoImage = new(
        NoImageId,
        "Service without an image",
        "{0} has no image: set [Service(Image = \"name:tag\")] on the class or a base class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every compose service needs an image.",
        helpLinkUri: HelpLinkBase + NoImageId + ".md");

    public static readonly DiagnosticDescriptor NoStack = new(
        NoStackId,
        "Service without a stack",
        "{0} has no stack: add [Stack(\"name\")] to the class or a base class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every service is rendered into one stack folder; without a stack it has none.",
        helpLinkUri: HelpLinkBase + NoStackId + ".md");

    public static readonly DiagnosticDescriptor DuplicateServiceName = new(
        DuplicateServiceNameId,
        "Service name used twice",
        "{0}: the service name is already used by {1}; set [Service(Name = \"...\")] on one of them",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Service names identify containers, dependencies and routes; two services with one name would overwrite each other.",
        helpLinkUri: HelpLinkBase + DuplicateServiceNameId + ".md");

    public static readonly DiagnosticDescriptor InvalidDuration = new(
        InvalidDurationId,
        "Invalid duration",
        "{0}: {1} '{2}' is not a valid duration (such as 30s, 1m30s or 500ms)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Compose and Sablier reject malformed durations only when the stack is deployed.",
        helpLinkUri: HelpLinkBase + InvalidDurationId + ".md");

    public static readonly DiagnosticDescriptor InvalidEnvironmentName = new(
        InvalidEnvironmentNameId,
        "Invalid environment variable name",
        "{0}: {1} '{2}' is not a valid environment variable name (letters, digits and '_', not starting with a digit)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Shells and compose interpolation only handle portable variable names.",
        helpLinkUri: HelpLinkBase + InvalidEnvironmentNameId + ".md");

    public static readonly DiagnosticDescriptor HealthyWithoutHealthcheck = new(
        HealthyWithoutHealthcheckId,
        "Waiting for health of a service without a healthcheck",
        "{0} waits for {1} to be healthy, but it has no [Healthcheck]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Compose refuses to wait for the health of a container that has no healthcheck.",
        helpLinkUri: HelpLinkBase + HealthyWithoutHealthcheckId + ".md");

    public static readonly DiagnosticDescriptor EgressAcrossStacks = new(
        EgressAcrossStacksId,
        "Egress target in another stack or on another server",
        "{0} sends its traffic through {1}, which is {2}; network_mode service: works only inside one stack on one server",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "network_mode: service: refers to a service of the same compose project, which is one stack on one server.",
        helpLinkUri: HelpLinkBase + EgressAcrossStacksId + ".md");

    public static readonly DiagnosticDescriptor DependencyAcrossStacks = new(
        DependencyAcrossStacksId,
        "Dependency on a service in another stack",
        "{0} depends on {1} in stack '{2}'; compose cannot wait across stacks, so the dependency is not rendered: deploy brings that stack up first, but a restart or a reboot does not wait for it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "depends_on only works inside one compose project; across stacks the dependency is not rendered. The runner's deploy brings the other stack up first (same server), but Docker restarting a container or the host rebooting does not wait for it.",
        helpLinkUri: HelpLinkBase + DependencyAcrossStacksId + ".md");

    public static readonly DiagnosticDescriptor InvalidLabValue = new(
        InvalidLabValueId,
        "Invalid lab setting",
        "Lab class {0}: {1} '{2}' is not a valid {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The lab's domain, e-mail address and time zone end up in certificates, hostnames and every container's TZ.",
        helpLinkUri: HelpLinkBase + InvalidLabValueId + ".md");

    public static readonly DiagnosticDescriptor DuplicateServer = new(
        DuplicateServerId,
        "Server declared twice",
        "Lab class {0}: [Server] '{1}' is declared more than once",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each server has one set of stacks and one Docker endpoint; a name used twice is ambiguous.",
        helpLinkUri: HelpLinkBase + DuplicateServerId + ".md");

    public static readonly DiagnosticDescriptor InvalidSecretName = new(
        InvalidSecretNameId,
        "Invalid secret name",
        "{0}: {1} secret name '{2}' is not valid: use lower-case letters, digits and '-', such as db-password",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Secret names become file names and the EZH_SECRET_* variables they are read from.",
        helpLinkUri: HelpLinkBase + InvalidSecretNameId + ".md");

    public static readonly DiagnosticDescriptor UnsupportedClass = new(
        UnsupportedClassId,
        "Class cannot be a service or lab",
        "{0}: class '{1}' cannot carry generated members because it is {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds a static Definition to the class, and the lab refers to it as a plain type.",
        helpLinkUri: HelpLinkBase + UnsupportedClassId + ".md");

    public static readonly DiagnosticDescriptor LabIsService = new(
        LabIsServiceId,
        "Lab class is also a service",
        "Lab class {0} is also a service (it carries [Service] or [Stack], or derives from a template that does); the lab and its services must be separate classes",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A class gets one generated definition: either the lab's or a service's.",
        helpLinkUri: HelpLinkBase + LabIsServiceId + ".md");

    public static readonly DiagnosticDescriptor ValueOutOfRange = new(
        ValueOutOfRangeId,
        "Value out of range",
        "{0}: {1} {2} is out of range ({3})",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Negative counts and ids are rejected by compose and the images that read them.",
        helpLinkUri: HelpLinkBase + ValueOutOfRangeId + ".md");

    public static readonly DiagnosticDescriptor InvalidVolumeSource = new(
        InvalidVolumeSourceId,
        "Invalid volume source",
        "{0}: [Volume] source '{1}' is neither a host path (starting with '/', './' or '../') nor a volume name (letters, digits, '_', '.', '-')",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Compose treats a source that is not a path as a named volume, whose name has a strict syntax; '~/' paths are not expanded.",
        helpLinkUri: HelpLinkBase + InvalidVolumeSourceId + ".md");

    public static readonly DiagnosticDescriptor EmptyHealthcheck = new(
        EmptyHealthcheckId,
        "Healthcheck without a command",
        "{0}: [Healthcheck] has no test command",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A healthcheck without a command cannot report health.",
        helpLinkUri: HelpLinkBase + EmptyHealthcheckId + ".md");

    public static readonly DiagnosticDescriptor DuplicateKey = new(
        DuplicateKeyId,
        "Declared twice in one class",
        "{0} declares {1} '{2}' twice in one class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Compose keeps only one of two environment variables, labels or mounts with the same key; which one is not obvious.",
        helpLinkUri: HelpLinkBase + DuplicateKeyId + ".md");

    public static readonly DiagnosticDescriptor InvalidDockerName = new(
        InvalidDockerNameId,
        "Invalid network name or label key",
        "{0}: {1} '{2}' is not a valid {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Docker rejects such names only when the stack is deployed.",
        helpLinkUri: HelpLinkBase + InvalidDockerNameId + ".md");

    public static readonly DiagnosticDescriptor AdminWithoutLogin = new(
        AdminWithoutLoginId,
        "Admin UI without a login",
        "{0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An admin UI ([Admin], or a known one such as Traefik's dashboard, a socket proxy, Dockge, code-server or Portainer) controls the lab or its host; a bypass route (its own Access, or the lab's DefaultAccess) would put it on the internet without a login.",
        helpLinkUri: HelpLinkBase + AdminWithoutLoginId + ".md");

    public static readonly DiagnosticDescriptor InvalidPrivilege = new(
        InvalidPrivilegeId,
        "Invalid capability or device",
        "{0}: {1} '{2}' is not valid: {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Docker rejects an unknown capability spelling, a relative device path or permissions other than r, w and m only when the stack is deployed.",
        helpLinkUri: HelpLinkBase + InvalidPrivilegeId + ".md");

    public static readonly DiagnosticDescriptor InvalidExternalUrl = new(
        InvalidExternalUrlId,
        "External host URL is not an absolute http(s) URL",
        "Lab class {0}: [ExternalHost(\"{1}\")] url '{2}' must be an absolute http:// or https:// URL such as http://192.168.1.10:5000",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Traefik forwards an external host's requests to this URL; anything but an absolute http or https URL with a host cannot be served.",
        helpLinkUri: HelpLinkBase + InvalidExternalUrlId + ".md");

    public static readonly DiagnosticDescriptor InvalidWidget = new(
        InvalidWidgetId,
        "Invalid dashboard widget",
        "{0}: [Widget] {1} '{2}' is not valid: {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Homepage shows 'missing widget' for a type it does not know, and can only query an absolute http(s) URL; both are found only when the dashboard is opened.",
        helpLinkUri: HelpLinkBase + InvalidWidgetId + ".md");

    public static readonly DiagnosticDescriptor UnreachableService = new(
        UnreachableServiceId,
        "Service class the lab cannot refer to",
        "{0}: the lab cannot refer to class '{1}' because it is {2}; make it internal or public, and every type that contains it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The lab's generated Definition lists every service's Definition, so each service class must be visible to the whole assembly: a private or protected class (or one inside such a type) would make the generated code fail to compile.",
        helpLinkUri: HelpLinkBase + UnreachableServiceId + ".md");

    public static readonly DiagnosticDescriptor LoginWithoutPortal = new(
        LoginWithoutPortalId,
        "Route needs a login portal the lab does not have",
        "{0}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every route whose effective access is not Bypass (its own Access, or the lab's DefaultAccess) goes through Authelia's forward-auth middleware; without an Authelia service that middleware is not rendered and Traefik serves nothing on the route.",
        helpLinkUri: HelpLinkBase + LoginWithoutPortalId + ".md");

    public static readonly DiagnosticDescriptor InvalidVariable = new(
        InvalidVariableId,
        "Invalid lab variable or reference",
        "{0}: {1} '{2}' {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A lab variable's name and default go into each stack's .env, which compose reads with its own rules; a reference compose cannot read, or a path that stops being a path once the default is in, fails only when the stack is deployed.",
        helpLinkUri: HelpLinkBase + InvalidVariableId + ".md");

    public static readonly DiagnosticDescriptor UndeclaredVariable = new(
        UndeclaredVariableId,
        "Undeclared lab variable",
        "{0}: {1} '{2}' refers to ${{{3}}}, {4}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Compose replaces a variable that no .env defines with an empty string, silently: a mount of ${MEDIA_DIR}/movies would become /movies on the host.",
        helpLinkUri: HelpLinkBase + UndeclaredVariableId + ".md");

    public static readonly DiagnosticDescriptor ConflictingVariableDefaults = new(
        ConflictingVariableDefaultsId,
        "Services disagree on a lab variable's default",
        "{0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A lab variable has one value in the whole lab; when services (or the catalog templates they derive from) declare it with different defaults, the lab class must declare it and so choose.",
        helpLinkUri: HelpLinkBase + ConflictingVariableDefaultsId + ".md");

    public static readonly DiagnosticDescriptor PrivilegedWithoutReason = new(
        PrivilegedWithoutReasonId,
        "Privileged container without a reason",
        "{0} runs privileged ([Privileged]): every capability, every host device, no seccomp or AppArmor profile; give it only what it needs with [CapAdd] and [Device], or say why with [Privileged(Reason = \"...\")]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A privileged container can take over the host. Every exception to the hardening baseline names its reason, so that whoever reads the class or the compose file sees why.",
        helpLinkUri: HelpLinkBase + PrivilegedWithoutReasonId + ".md");

    public static readonly DiagnosticDescriptor HostNamespaceWithoutReason = new(
        HostNamespaceWithoutReasonId,
        "Host namespace shared without a reason",
        "{0} shares the host's {1} ([HostNamespaces]), which lets it {2}; say why with Reason = \"...\"",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The host's network, PID or IPC namespace takes away the container's isolation from the host. Every exception to the hardening baseline names its reason.",
        helpLinkUri: HelpLinkBase + HostNamespaceWithoutReasonId + ".md");

    public static readonly DiagnosticDescriptor UnconfinedWithoutReason = new(
        UnconfinedWithoutReasonId,
        "Confinement turned off without a reason",
        "{0}: [SecurityOpt(\"{1}\")] turns off {2}; say why with Reason = \"...\", or use a profile of your own instead",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The default seccomp filter, AppArmor profile, SELinux label and masked /proc paths stop many container escapes. Every exception to the hardening baseline names its reason.",
        helpLinkUri: HelpLinkBase + UnconfinedWithoutReasonId + ".md");

    public static readonly DiagnosticDescriptor DockerSocketMounted = new(
        DockerSocketMountedId,
        "Docker socket mounted",
        "{0} mounts the Docker socket ([Volume(\"{1}\")]): whoever controls it controls the host; only the socket proxy, Dockge and Sablier need it (recognised by their images); read the Docker API through the socket proxy, or say why with [AllowDockerSocket(Reason = \"...\")]{2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The Docker API can start a privileged container that mounts the host's root: access to the socket is root on the host, even mounted read-only.",
        helpLinkUri: HelpLinkBase + DockerSocketMountedId + ".md");

    public static readonly DiagnosticDescriptor ExemptionWithoutReason = new(
        ExemptionWithoutReasonId,
        "Hardening exception without a reason",
        "{0}: [{1}] {2} but gives no reason; say why in one line with Reason = \"...\"",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every exception to the hardening baseline names its reason, so that whoever reads the class or the compose file sees why, and a stale exception can be told from a needed one.",
        helpLinkUri: HelpLinkBase + ExemptionWithoutReasonId + ".md");

    public static readonly DiagnosticDescriptor InvalidHardening = new(
        InvalidHardeningId,
        "Invalid hardening value",
        "{0}: {1} '{2}' is not valid: {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Docker rejects a malformed security option, tmpfs mount or log option only when the stack is deployed.",
        helpLinkUri: HelpLinkBase + InvalidHardeningId + ".md");

    public static readonly DiagnosticDescriptor HostNetworkConflict = new(
        HostNetworkConflictId,
        "Host-network service with its own ports, networks, route or egress",
        "{0} uses the host's network ([HostNamespaces(Network = true)]) and so cannot {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A container in the host's network stack has no network of its own: it cannot join networks, publish ports, use another service's network stack, or be reached by Traefik over traefik-network (route to it with [ExternalHost]).",
        helpLinkUri: HelpLinkBase + HostNetworkConflictId + ".md");

    public static readonly DiagnosticDescriptor UnusedExemption = new(
        UnusedExemptionId,
        "Hardening exception that changes nothing",
        "{0}: [{1}] changes nothing: {2}; remove it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An exception that no longer applies (a mount that moved, a namespace no longer shared) still reads as a reason to trust the service less; removing it keeps the list of exceptions true.",
        helpLinkUri: HelpLinkBase + UnusedExemptionId + ".md");

    public static readonly DiagnosticDescriptor AmbiguousTemplateReference = new(
        AmbiguousTemplateReferenceId,
        "Reference to a template several services derive from",
        "{0}: {1} refers to '{2}', a template that several services of this lab derive from ({3}); refer to the one you mean by its own class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A reference to an abstract template (a catalog class) resolves to the lab's one service deriving from it; with several there is no way to tell which is meant.",
        helpLinkUri: HelpLinkBase + AmbiguousTemplateReferenceId + ".md");

    public static readonly DiagnosticDescriptor RenamedTemplateTarget = new(
        RenamedTemplateTargetId,
        "Reference to a template whose service the lab renames",
        "{0}: {1} refers to '{2}', which this lab's class '{3}' derives from, but '{3}' renames the service to '{4}'; the reference names '{5}'; keep the template's name, or refer to '{3}' itself",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A reference written against a template (often inside the catalog, such as an app's dependency on its database) carries the template's service name into the compose file; a lab class that renames the service would leave it pointing at no service.",
        helpLinkUri: HelpLinkBase + RenamedTemplateTargetId + ".md");

    public static readonly DiagnosticDescriptor InternalNetworkConflict = new(
        InternalNetworkConflictId,
        "Network both internal and not",
        "{0}: [Network(\"{1}\")] disagrees about Internal: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A stack declares each of its networks once, internal (no route out) or not; services that join the same network must agree, and the lab-wide networks are never internal.",
        helpLinkUri: HelpLinkBase + InternalNetworkConflictId + ".md");

    public static readonly DiagnosticDescriptor FileVariableWithFileUri = new(
        FileVariableWithFileUriId,
        "FileVariable with a file:// secret",
        "{0}: [SecretEnv(\"{1}\")] sets FileVariable '{2}' with Form = SecretForm.FileUri, which puts the file:// URI in '{1}' itself",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "With SecretForm.FileUri the variable the image reads holds file:///run/secrets/<secret> and no file variable is set, so FileVariable would be ignored; say which one the image reads.",
        helpLinkUri: HelpLinkBase + FileVariableWithFileUriId + ".md");
}
