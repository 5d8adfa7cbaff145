using EzHomelab;

namespace FullLab;

public partial class Backrest : Catalog.Backrest;
public partial class Duplicati : Catalog.Duplicati;
public partial class Formio : Catalog.Formio;
public partial class FormioMongo : Catalog.FormioMongo;
public partial class Vaultwarden : Catalog.Vaultwarden;
