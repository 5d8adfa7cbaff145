using EzHomelab;

namespace FullLab;

[Service] public partial class Gluetun : Catalog.Gluetun;
[Service] public partial class Qbittorrent : Catalog.Qbittorrent;
