using EzHomelab;

namespace FullLab;

public partial class Nextcloud : Catalog.Nextcloud;
public partial class NextcloudDb : Catalog.NextcloudDb;
public partial class Mealie : Catalog.Mealie;
public partial class Wordpress : Catalog.Wordpress;
public partial class WordpressDb : Catalog.WordpressDb;
public partial class Gitea : Catalog.Gitea;
public partial class GiteaDb : Catalog.GiteaDb;
public partial class Jupyter : Catalog.Jupyter;
