using EzHomelab;

namespace MyHomelab;

// The stack manager, in a stack of its own, so that stopping any other stack from its UI leaves it running.
public partial class Dockge : Catalog.Dockge;
