using EzHomelab;

namespace FullLab;

public partial class Portainer : Catalog.Portainer;
public partial class AuthentikServer : Catalog.AuthentikServer;
public partial class AuthentikWorker : Catalog.AuthentikWorker;
public partial class AuthentikDb : Catalog.AuthentikDb;
public partial class Plex : Catalog.Plex;
