using EzHomelab;

namespace FullLab;

[Service] public partial class Traefik : Catalog.Traefik;
[Service] public partial class Authelia : Catalog.Authelia;
[Service] public partial class Duckdns : Catalog.Duckdns;
[Service] public partial class Pihole : Catalog.Pihole;
