using EzHomelab;

namespace FullLab;

public partial class KerberosAgent : Catalog.KerberosAgent;
