using EzHomelab;

namespace FullLab;

public partial class Gluetun : Catalog.Gluetun;
public partial class Qbittorrent : Catalog.Qbittorrent;
