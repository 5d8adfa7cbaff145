using EzHomelab;

namespace FullLab;

public partial class Prometheus : Catalog.Prometheus;
public partial class Grafana : Catalog.Grafana;
public partial class NodeExporter : Catalog.NodeExporter;
public partial class Cadvisor : Catalog.Cadvisor;
public partial class UptimeKuma : Catalog.UptimeKuma;
public partial class Loki : Catalog.Loki;
public partial class Promtail : Catalog.Promtail;
