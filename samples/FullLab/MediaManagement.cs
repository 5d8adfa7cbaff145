using EzHomelab;

namespace FullLab;

public partial class Sonarr : Catalog.Sonarr;
