using EzHomelab;

namespace FullLab;

public partial class Dockge : Catalog.Dockge;
