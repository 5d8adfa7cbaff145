using EzHomelab;

namespace FullLab;

public partial class Arcane : Catalog.Arcane;
