using EzHomelab;

namespace MyHomelab;

// The catalog puts the three in one lazy group: the first request to any of them starts them all.
public partial class Sonarr : Catalog.Sonarr;
public partial class Radarr : Catalog.Radarr;
public partial class Prowlarr : Catalog.Prowlarr;
