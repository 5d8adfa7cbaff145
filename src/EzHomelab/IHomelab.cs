using EzHomelab.Model;

namespace EzHomelab;

/// <summary>Implemented by the generator on the <c>[Homelab]</c> class: the whole lab, built without reflection.</summary>
public interface IHomelab
{
    static abstract Lab Definition { get; }
}

/// <summary>Implemented by the generator on every service class.</summary>
public interface IHomelabService
{
    static abstract ServiceSpec Definition { get; }
}
