using EzHomelab;

namespace FullLab;

[Service] public partial class Nextcloud : Catalog.Nextcloud;
[Service] public partial class NextcloudDb : Catalog.NextcloudDb;
[Service] public partial class Mealie : Catalog.Mealie;
[Service] public partial class Wordpress : Catalog.Wordpress;
[Service] public partial class WordpressDb : Catalog.WordpressDb;
[Service] public partial class Gitea : Catalog.Gitea;
[Service] public partial class GiteaDb : Catalog.GiteaDb;
[Service] public partial class Jupyter : Catalog.Jupyter;
