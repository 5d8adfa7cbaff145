using EzHomelab;

namespace MyHomelab;

// The core stack, which every route goes through.
public partial class Traefik : Catalog.Traefik;   // the reverse proxy; its dashboard at traefik.<domain>
public partial class Authelia : Catalog.Authelia; // the login portal at auth.<domain>
public partial class Duckdns : Catalog.Duckdns;   // keeps <domain> pointing at your address; needs EZH_SECRET_DUCKDNS_TOKEN
