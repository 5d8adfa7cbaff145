using EzHomelab.Generators.Model;

namespace EzHomelab.Generators.Emission;

/// <summary>Writes the lab class's <c>Definition</c>: settings, servers and every service's definition.</summary>
internal static class LabEmitter
{
    private const string Model = "global::EzHomelab.Model.";
    private const int DefaultAccessTwoFactor = 3;
    private const int DefaultId = 1000;

    public static string Emit(LabEmitModel model) =>
        GeneratedFile.Write(model.Lab.Type, "global::EzHomelab.IHomelab", writer => WriteDefinition(writer, model));

    private static void WriteDefinition(SourceWriter writer, LabEmitModel model)
    {
        var lab = model.Lab;
        writer.WriteLine("/// <summary>The whole lab: its settings, servers and services (ordered by stack, then name).</summary>");
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine("public static " + (lab.Type.HidesBaseDefinition ? "new " : "") + Model + "Lab Definition { get; } = new " + Model + "Lab");
        writer.OpenBlock();
        writer.WriteLine("Name = " + CSharpText.String(lab.Type.ClassName) + ",");
        if (lab.Domain is not null) writer.WriteLine("Domain = " + CSharpText.String(lab.Domain) + ",");
        if (lab.Timezone is not null) writer.WriteLine("Timezone = " + CSharpText.String(lab.Timezone) + ",");
        if (lab.Email is not null) writer.WriteLine("Email = " + CSharpText.String(lab.Email) + ",");
        if (lab.DefaultAccess != DefaultAccessTwoFactor) writer.WriteLine("DefaultAccess = " + CSharpText.Access(lab.DefaultAccess) + ",");
        if (lab.Puid != DefaultId) writer.WriteLine("Puid = " + CSharpText.Int(lab.Puid) + ",");
        if (lab.Pgid != DefaultId) writer.WriteLine("Pgid = " + CSharpText.Int(lab.Pgid) + ",");
        if (!lab.LanNetworks.IsDefault) writer.WriteLine("LanNetworks = " + GeneratedFile.StringArray(lab.LanNetworks) + ",");

        bool anyServer = false;
        foreach (var server in lab.Servers) anyServer |= server.Name is not null;
        if (anyServer)
        {
            writer.WriteLine("Servers = new " + Model + "ServerSpec[]");
            writer.OpenBlock();
            foreach (var server in lab.Servers)
            {
                if (server.Name is null) continue;
                writer.WriteLine("new(" + CSharpText.String(server.Name)
                    + (server.Address is null ? "" : ", " + CSharpText.String(server.Address)) + "),");
            }
            writer.CloseBlock(",");
        }

        if (lab.Smtp is { } smtp)
            writer.WriteLine("Smtp = new(" + CSharpText.String(smtp.Host) + ", " + CSharpText.Int(smtp.Port) + ", "
                + CSharpText.String(smtp.Sender) + ", " + CSharpText.String(smtp.Username) + "),");

        if (lab.Variables.Count > 0)
            GeneratedFile.WriteArray(writer, "Variables", Model + "VariableSpec", lab.Variables, static v => ServiceEmitter.Variable(v));

        if (lab.ExternalHosts.Count > 0)
            GeneratedFile.WriteArray(writer, "ExternalHosts", Model + "ExternalHostSpec", lab.ExternalHosts, static e => ExternalHost(e));

        writer.WriteLine("Services = new " + Model + "ServiceSpec[]");
        writer.OpenBlock();
        foreach (var service in model.Services) writer.WriteLine(service.FullyQualifiedName + ".Definition,");
        writer.CloseBlock(",");
        writer.CloseBlock(";");
    }

    private static string ExternalHost(ExternalHostModel external)
    {
        var text = "new(" + CSharpText.String(external.Subdomain) + ", " + CSharpText.String(external.Url);
        if (external.Access != 0) text += ", Access: " + CSharpText.Access(external.Access);
        if (external.Dashboard is { } dashboard) text += ", Dashboard: " + ServiceEmitter.Dashboard(dashboard);
        return text + ")";
    }
}
