using EzHomelab;

namespace MyHomelab;

// Overrides only the resource limits (the lab's default is 1 CPU and 1g; a media server transcodes); every other attribute comes from Catalog.Jellyfin.
[Resources(Cpus = "2.0", Memory = "2g")]
public partial class Jellyfin : Catalog.Jellyfin;
