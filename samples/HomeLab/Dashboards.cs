using EzHomelab;

namespace MyHomelab;

// The start page: one entry per service's [Dashboard], the NAS's too.
public partial class Homepage : Catalog.Homepage;
