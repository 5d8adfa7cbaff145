using EzHomelab;

namespace MyHomelab;

// Starts the lazy services (the media-management apps) on their first request and stops them when idle.
public partial class Sablier : Catalog.Sablier;
