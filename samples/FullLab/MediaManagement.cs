using EzHomelab;

namespace FullLab;

[Service] public partial class Sonarr : Catalog.Sonarr;
[Service] public partial class Radarr : Catalog.Radarr;
[Service] public partial class Prowlarr : Catalog.Prowlarr;
[Service] public partial class Readarr : Catalog.Readarr;
[Service] public partial class Lidarr : Catalog.Lidarr;
[Service] public partial class Lazylibrarian : Catalog.Lazylibrarian;
[Service] public partial class Mylar3 : Catalog.Mylar3;
[Service] public partial class Jellyseerr : Catalog.Jellyseerr;
[Service] public partial class Flaresolverr : Catalog.Flaresolverr;
