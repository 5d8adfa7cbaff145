using EzHomelab;

namespace FullLab;

public partial class Jellyfin : Catalog.Jellyfin;
public partial class CalibreWeb : Catalog.CalibreWeb;
