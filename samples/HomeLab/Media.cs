using EzHomelab;

namespace MyHomelab;

// Overrides only the memory limit (the catalog's is 4g; a large library's trickplay images need more): the catalog's 2 CPUs, its
// process limit and every other attribute come from Catalog.Jellyfin.
[Resources(Memory = "6g")]
public partial class Jellyfin : Catalog.Jellyfin;
