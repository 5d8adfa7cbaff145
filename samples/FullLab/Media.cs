using EzHomelab;

namespace FullLab;

[Service] public partial class Jellyfin : Catalog.Jellyfin;
[Service] public partial class CalibreWeb : Catalog.CalibreWeb;
