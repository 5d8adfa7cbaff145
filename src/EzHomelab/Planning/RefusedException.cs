namespace EzHomelab.Planning;

/// <summary>
/// The run stops before it touches anything, because going on would lose what cannot be made again (another lab's
/// files, a secret a service's data depends on) or collide with another run. The message is one line: what was
/// found, and how to go ahead on purpose.
/// </summary>
public sealed class RefusedException(string message) : Exception(message);
