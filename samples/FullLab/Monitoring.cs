using EzHomelab;

namespace FullLab;

[Service] public partial class Prometheus : Catalog.Prometheus;
[Service] public partial class Grafana : Catalog.Grafana;
[Service] public partial class NodeExporter : Catalog.NodeExporter;
[Service] public partial class Cadvisor : Catalog.Cadvisor;
[Service] public partial class UptimeKuma : Catalog.UptimeKuma;
[Service] public partial class Loki : Catalog.Loki;
[Service] public partial class Promtail : Catalog.Promtail;
