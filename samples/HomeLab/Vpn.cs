using EzHomelab;

namespace MyHomelab;

// Overrides only the VPN provider and country (the catalog's: Surfshark, the Netherlands); every other attribute comes from Catalog.Gluetun.
[Env("VPN_SERVICE_PROVIDER", "protonvpn")]
[Env("SERVER_COUNTRIES", "Switzerland")]
public partial class Gluetun : Catalog.Gluetun;

// Every packet of the torrent client leaves through Gluetun's tunnel; its route moves onto Gluetun.
public partial class Qbittorrent : Catalog.Qbittorrent;
