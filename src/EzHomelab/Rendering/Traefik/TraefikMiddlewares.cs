using EzHomelab.Model;

namespace EzHomelab.Rendering.Traefik;

/// <summary>
/// Names of the middlewares defined in Traefik's dynamic files, and the chain every router uses. Compose labels
/// and the dynamic files both take names from here, so a router cannot name a middleware that is not rendered.
/// </summary>
public static class TraefikMiddlewares
{
    public const string Authelia = "authelia";
    public const string SecurityHeaders = "security-headers";
    public const string SablierPrefix = "sablier-";

    /// <summary>The middleware that starts a lazy group: <c>sablier-&lt;group&gt;</c>.</summary>
    public static string Sablier(string group) => SablierPrefix + group;

    /// <summary>A reference to a middleware of the file provider, as routers in other providers must write it.</summary>
    public static string FromFile(string name) => name + "@file";

    /// <summary>
    /// The chain of a router: login first (unless bypass) so an anonymous request never wakes a lazy service,
    /// then the lazy group's starter, then the security headers that every response carries.
    /// </summary>
    public static IReadOnlyList<string> Chain(Access effectiveAccess, LazyStartSpec? lazy)
    {
        var chain = new List<string>(3);
        if (effectiveAccess != Access.Bypass) chain.Add(FromFile(Authelia));
        if (lazy is not null) chain.Add(FromFile(Sablier(lazy.Group)));
        chain.Add(FromFile(SecurityHeaders));
        return chain;
    }
}
