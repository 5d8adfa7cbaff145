using EzHomelab;

namespace FullLab;

public partial class Sonarr : Catalog.Sonarr;
public partial class Radarr : Catalog.Radarr;
public partial class Prowlarr : Catalog.Prowlarr;
public partial class Readarr : Catalog.Readarr;
public partial class Lidarr : Catalog.Lidarr;
public partial class Lazylibrarian : Catalog.Lazylibrarian;
public partial class Mylar3 : Catalog.Mylar3;
public partial class Jellyseerr : Catalog.Jellyseerr;
public partial class Flaresolverr : Catalog.Flaresolverr;
