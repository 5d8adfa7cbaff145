using EzHomelab;

namespace FullLab;

[Service] public partial class DockerProxy : Catalog.DockerProxy;
[Service] public partial class Watchtower : Catalog.Watchtower;
[Service] public partial class Dozzle : Catalog.Dozzle;
[Service] public partial class Glances : Catalog.Glances;
[Service] public partial class CodeServer : Catalog.CodeServer;
