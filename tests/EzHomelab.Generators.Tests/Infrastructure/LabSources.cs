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

    /// <summary>A file of services in namespace Lab, with the usual usings.</summary>
    public static string Services(string body) => "using EzHomelab;\nnamespace Lab;\n\n" + body;
}
