using EzHomelab;

namespace FullLab;

[Service] public partial class Backrest : Catalog.Backrest;
[Service] public partial class Duplicati : Catalog.Duplicati;
[Service] public partial class Formio : Catalog.Formio;
[Service] public partial class FormioMongo : Catalog.FormioMongo;
[Service] public partial class Vaultwarden : Catalog.Vaultwarden;
