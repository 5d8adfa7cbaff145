using System.Collections.Generic;
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
        if (ServiceDefaults(lab) is { } defaults) writer.WriteLine("ServiceDefaults = " + defaults + ",");

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
            writer.WriteLines("Variables = " + GeneratedFile.Array(Model + "VariableSpec", lab.Variables, static v => ServiceEmitter.Variable(v)) + ",");

        if (lab.ExternalHosts.Count > 0)
            writer.WriteLines("ExternalHosts = " + GeneratedFile.Array(Model + "ExternalHostSpec", lab.ExternalHosts, static e => ExternalHost(e)) + ",");

        writer.WriteLine("Services = new " + Model + "ServiceSpec[]");
        writer.OpenBlock();
        foreach (var service in model.Services) writer.WriteLine(service.FullyQualifiedName + ".Definition,");
        writer.CloseBlock(",");
        writer.CloseBlock(";");
    }

    /// <summary>The lab class's [Resources] and [Logging] over the built-in defaults, one property at a time; null when it has neither.</summary>
    private static string? ServiceDefaults(LabSpecModel lab)
    {
        var set = new List<string>(7);
        if (lab.DefaultResources is { } r)
        {
            if (r.Cpus is not null) set.Add("Cpus = " + CSharpText.String(r.Cpus));
            if (r.Memory is not null) set.Add("Memory = " + CSharpText.String(r.Memory));
            if (r.Pids != 0) set.Add("Pids = " + CSharpText.Int(r.Pids));
            if (r.CpusReservation is not null) set.Add("CpusReservation = " + CSharpText.String(r.CpusReservation));
            if (r.MemoryReservation is not null) set.Add("MemoryReservation = " + CSharpText.String(r.MemoryReservation));
        }
        if (lab.DefaultLogging is { } l)
        {
            if (l.MaxSize is not null) set.Add("LogMaxSize = " + CSharpText.String(l.MaxSize));
            if (l.MaxFiles != 0) set.Add("LogMaxFiles = " + CSharpText.Int(l.MaxFiles));
        }
        return set.Count == 0 ? null : "new " + Model + "ServiceDefaults { " + string.Join(", ", set) + " }";
    }

    private static string ExternalHost(ExternalHostModel external)
    {
        var text = "new(" + CSharpText.String(external.Subdomain) + ", " + CSharpText.String(external.Url);
        if (external.Access != 0) text += ", Access: " + CSharpText.Access(external.Access);
        if (external.Dashboard is { } dashboard) text += ", Dashboard: " + ServiceEmitter.Dashboard(dashboard);
        return text + ")";
    }
}
