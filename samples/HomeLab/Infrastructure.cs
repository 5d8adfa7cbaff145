using EzHomelab;

namespace MyHomelab;

// The read-only view of the Docker API that Traefik and Homepage use instead of the socket.
public partial class DockerProxy : Catalog.DockerProxy;
