using EzHomelab;

namespace FullLab;

[Service] public partial class Dockge : Catalog.Dockge;
