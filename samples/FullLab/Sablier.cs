using EzHomelab;

namespace FullLab;

public partial class Sablier : Catalog.Sablier;
