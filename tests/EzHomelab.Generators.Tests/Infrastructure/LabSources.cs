namespace EzHomelab.Generators.Tests.Infrastructure;

/// <summary>Small building blocks for test labs.</summary>
internal static class LabSources
{
    public const string StandardLab = """
        using EzHomelab;
        namespace Lab;

        [Homelab(Domain = "example.org", Timezone = "Europe/Berlin", Email = "me@example.org")]
        public partial class MyLab;
        """;

    /// <summary>
    /// The lab's login portal (an Authelia service), in a file of its own: a lab whose routes ask for a login needs
    /// one, or the generator warns (EZH0043).
    /// </summary>
    public const string LoginPortal = """
        using EzHomelab;
        namespace Lab;

        [Stack("core")]
        [Service(Image = "authelia/authelia:4.39.1")]
        public partial class Authelia;
        """;

    /// <summary>A file of services in namespace Lab, with the usual usings.</summary>
    public static string Services(string body) => "using EzHomelab;\nnamespace Lab;\n\n" + body;
}
