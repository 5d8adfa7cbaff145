using EzHomelab;

namespace FullLab;

[Service] public partial class Portainer : Catalog.Portainer;
[Service] public partial class AuthentikServer : Catalog.AuthentikServer;
[Service] public partial class AuthentikWorker : Catalog.AuthentikWorker;
[Service] public partial class AuthentikDb : Catalog.AuthentikDb;
[Service] public partial class Plex : Catalog.Plex;
