using EzHomelab;

namespace FullLab;

[Service] public partial class Sonarr : Catalog.Sonarr;
