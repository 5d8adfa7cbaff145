using EzHomelab;

namespace FullLab;

public partial class HomeAssistant : Catalog.HomeAssistant;
public partial class Esphome : Catalog.Esphome;
public partial class Tasmoadmin : Catalog.Tasmoadmin;
public partial class Motioneye : Catalog.Motioneye;
public partial class Nodered : Catalog.Nodered;
public partial class Mosquitto : Catalog.Mosquitto;
