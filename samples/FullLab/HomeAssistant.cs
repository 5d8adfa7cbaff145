using EzHomelab;

namespace FullLab;

[Service] public partial class HomeAssistant : Catalog.HomeAssistant;
[Service] public partial class Esphome : Catalog.Esphome;
[Service] public partial class Tasmoadmin : Catalog.Tasmoadmin;
[Service] public partial class Motioneye : Catalog.Motioneye;
[Service] public partial class Nodered : Catalog.Nodered;
[Service] public partial class Mosquitto : Catalog.Mosquitto;
