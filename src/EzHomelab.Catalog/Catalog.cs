namespace EzHomelab;

/// <summary>
/// Ready-made services. Derive a lab class from one to get the whole service — image pinned to a version, route to
/// the container port, access policy, lazy-start group, dashboard entry, healthcheck, hardening exceptions:
/// <code>public partial class Sonarr : Catalog.Sonarr;</code>
/// Any attribute on the derived class overrides or adds to the catalog's (single-valued attributes per argument,
/// repeatable ones by key). Catalog classes are templates: abstract, so they are services only through a class of
/// yours. Each sets its service name, so typed references between catalog services (a database, a VPN) find the
/// lab's class that derives from the referenced one. Folders that differ per owner (media, downloads, backups) are
/// lab variables declared by <see cref="HostPaths"/>: declare one on your lab class, or set <c>EZH_VAR_&lt;NAME&gt;</c>.
/// </summary>
public static partial class Catalog;
