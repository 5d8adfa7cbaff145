using EzHomelab;

namespace FullLab;

public partial class DockerProxy : Catalog.DockerProxy;
public partial class Watchtower : Catalog.Watchtower;
public partial class Dozzle : Catalog.Dozzle;
public partial class Glances : Catalog.Glances;
public partial class CodeServer : Catalog.CodeServer;
