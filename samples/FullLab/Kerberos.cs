using EzHomelab;

namespace FullLab;

[Service] public partial class KerberosAgent : Catalog.KerberosAgent;
