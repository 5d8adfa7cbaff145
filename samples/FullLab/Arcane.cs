using EzHomelab;

namespace FullLab;

[Service] public partial class Arcane : Catalog.Arcane;
