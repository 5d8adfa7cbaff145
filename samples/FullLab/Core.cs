using EzHomelab;

namespace FullLab;

public partial class Traefik : Catalog.Traefik;
public partial class Authelia : Catalog.Authelia;
public partial class Duckdns : Catalog.Duckdns;
public partial class Pihole : Catalog.Pihole;
