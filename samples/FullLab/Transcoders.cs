using EzHomelab;

namespace FullLab;

public partial class TdarrServer : Catalog.TdarrServer;
public partial class TdarrNode : Catalog.TdarrNode;
public partial class Unmanic : Catalog.Unmanic;
