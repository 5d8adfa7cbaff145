namespace EzHomelab;

public static partial class Catalog
{
    /// <summary>
    /// The host folders that differ from one owner to the next, as lab variables: <c>${MEDIA_DIR}</c> (movies, series,
    /// music; default <c>/mnt/media</c>), <c>${DOWNLOADS_DIR}</c> (finished and running downloads; <c>/mnt/downloads</c>)
    /// and <c>${BACKUP_DIR}</c> (where backups go; <c>/mnt/backups</c>). Every template that mounts one of them derives
    /// from this class (<see cref="LinuxServerApp"/> does), so a lab built from the catalog needs no declaration of its
    /// own. To use your own folders, declare the variable on your lab class —
    /// <c>[Variable("MEDIA_DIR", "/srv/media")]</c> — or set <c>EZH_VAR_MEDIA_DIR</c> when you run it.
    /// </summary>
    [Variable("MEDIA_DIR", "/mnt/media", Description = "Movies, series and music")]
    [Variable("DOWNLOADS_DIR", "/mnt/downloads", Description = "Downloads, finished and running")]
    [Variable("BACKUP_DIR", "/mnt/backups", Description = "Where backups go")]
    public abstract partial class HostPaths;
}
