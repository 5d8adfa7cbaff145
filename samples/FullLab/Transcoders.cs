using EzHomelab;

namespace FullLab;

[Service] public partial class TdarrServer : Catalog.TdarrServer;
[Service] public partial class TdarrNode : Catalog.TdarrNode;
[Service] public partial class Unmanic : Catalog.Unmanic;
