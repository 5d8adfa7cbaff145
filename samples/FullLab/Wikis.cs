using EzHomelab;

namespace FullLab;

[Service] public partial class Dokuwiki : Catalog.Dokuwiki;
[Service] public partial class Bookstack : Catalog.Bookstack;
[Service] public partial class BookstackDb : Catalog.BookstackDb;
[Service] public partial class Mediawiki : Catalog.Mediawiki;
[Service] public partial class MediawikiDb : Catalog.MediawikiDb;
