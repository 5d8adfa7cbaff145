using EzHomelab;

namespace FullLab;

[Service] public partial class Sablier : Catalog.Sablier;
