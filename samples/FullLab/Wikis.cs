using EzHomelab;

namespace FullLab;

public partial class Dokuwiki : Catalog.Dokuwiki;
public partial class Bookstack : Catalog.Bookstack;
public partial class BookstackDb : Catalog.BookstackDb;
public partial class Mediawiki : Catalog.Mediawiki;
public partial class MediawikiDb : Catalog.MediawikiDb;
