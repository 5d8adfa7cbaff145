using EzHomelab;

namespace FullLab;

[Service] public partial class Homepage : Catalog.Homepage;
[Service] public partial class Homarr : Catalog.Homarr;
