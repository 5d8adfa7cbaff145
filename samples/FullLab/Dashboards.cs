using EzHomelab;

namespace FullLab;

public partial class Homepage : Catalog.Homepage;
public partial class Homarr : Catalog.Homarr;
