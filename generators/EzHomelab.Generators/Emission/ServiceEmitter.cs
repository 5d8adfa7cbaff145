using System;
using System.Collections.Generic;
using EzHomelab.Generators.Extraction;
using EzHomelab.Generators.Model;
using EzHomelab.Generators.Validation;

namespace EzHomelab.Generators.Emission;

/// <summary>
/// Writes one service class's <c>Definition</c>: a <c>ServiceSpec</c> with only the values that differ from its defaults,
/// or, for a class deriving from a referenced template, that template with only the values that differ from it. An
/// abstract service class gets its <c>Template</c> (<see cref="ServiceTemplates"/>).
/// </summary>
internal static class ServiceEmitter
{
    private const string Model = "global::EzHomelab.Model.";

    public static string Emit(ServiceSpecModel service) =>
        GeneratedFile.Write(service.Type, InterfaceOf(service), writer => WriteMember(writer, service));

    /// <summary>
    /// The services declared in one source file, in one generated file: the driver's cost per generated file is
    /// paid on every run, cached or not, so a thousand one-class files would cost more than the whole edit budget.
    /// </summary>
    public static string Emit(EquatableArray<ServiceSpecModel> services)
    {
        var writer = new SourceWriter();
        GeneratedFile.WriteHeader(writer);
        foreach (var service in services)
            GeneratedFile.WriteType(writer, service.Type, InterfaceOf(service), w => WriteMember(w, service));
        return writer.ToString();
    }

    /// <summary>A service implements <c>IHomelabService</c>; a template is no service of the lab it is compiled in.</summary>
    private static string? InterfaceOf(ServiceSpecModel service) => service.Type.IsTemplate ? null : "global::EzHomelab.IHomelabService";

    private static void WriteMember(SourceWriter writer, ServiceSpecModel s)
    {
        var assignments = Assignments(s);
        if (s.Type.IsTemplate)
        {
            writer.WriteLine("/// <summary>The service as this class's attributes and its base classes' describe it; a class deriving from it starts from this.</summary>");
            writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
            writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            // A template deriving from another hides the base's: that is the intent, so no `new` is worked out for it.
            writer.WriteLine("#pragma warning disable CS0108");
            writer.WriteLine("protected static " + Model + "ServiceSpec " + ServiceTemplates.MemberName + " { get; } = new " + Model + "ServiceSpec");
            writer.WriteLine("#pragma warning restore CS0108");
            WriteInitializer(writer, assignments);
            return;
        }

        writer.WriteLine("/// <summary>The service as declared by the attributes of this class and its base classes.</summary>");
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        var header = "public static " + (s.Type.HidesBaseDefinition ? "new " : "") + Model + "ServiceSpec Definition { get; } = ";
        if (s.BaseTemplate is { } template && DifferencesFrom(template, assignments) is { } differences)
        {
            writer.WriteLine(header + template.FullyQualifiedName + "." + ServiceTemplates.MemberName + " with");
            WriteInitializer(writer, differences);
            return;
        }
        writer.WriteLine(header + "new " + Model + "ServiceSpec");
        WriteInitializer(writer, assignments);
    }

    private static void WriteInitializer(SourceWriter writer, List<Assignment> assignments)
    {
        writer.OpenBlock();
        foreach (var assignment in assignments) assignment.Write(writer);
        writer.CloseBlock(";");
    }

    /// <summary>
    /// The assignments of the class's spec that its base's template does not already make, or null when the template
    /// makes one the class's spec does not (a value to clear: the whole spec is written instead). Equal text is equal
    /// value: both lists come from this emitter.
    /// </summary>
    private static List<Assignment>? DifferencesFrom(TemplateModel template, List<Assignment> assignments)
    {
        var inherited = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in Assignments(template.Spec)) inherited[assignment.Property] = assignment.Value;
        var differences = new List<Assignment>();
        foreach (var assignment in assignments)
        {
            if (inherited.TryGetValue(assignment.Property, out var value))
            {
                inherited.Remove(assignment.Property);
                if (value == assignment.Value) continue;
            }
            differences.Add(assignment);
        }
        return inherited.Count == 0 ? differences : null;
    }

    /// <summary>One <c>Property = value</c> of the spec's initializer; an array's value spans lines.</summary>
    private readonly struct Assignment
    {
        public Assignment(string property, string value)
        {
            Property = property;
            Value = value;
        }

        public string Property { get; }
        public string Value { get; }

        public void Write(SourceWriter writer) => writer.WriteLines(Property + " = " + Value + ",");
    }

    /// <summary>Every value of the spec that differs from a <c>ServiceSpec</c>'s defaults, in the order they are written.</summary>
    private static List<Assignment> Assignments(ServiceSpecModel s)
    {
        var list = new List<Assignment>(24);
        void Add(string property, string value) => list.Add(new Assignment(property, value));

        Add("Name", CSharpText.String(s.Name));
        Add("Stack", CSharpText.String(s.Stack));
        Add("Image", CSharpText.String(s.Image));
        Add("ClassName", CSharpText.String(s.Type.DisplayName));
        if (s.Server is not null) Add("Server", CSharpText.String(s.Server));
        if (!s.Command.IsDefault) Add("Command", GeneratedFile.StringArray(s.Command));
        if (!s.Entrypoint.IsDefault) Add("Entrypoint", GeneratedFile.StringArray(s.Entrypoint));
        if (s.User is not null) Add("User", CSharpText.String(s.User));
        if (s.Restart != 0) Add("Restart", CSharpText.Restart(s.Restart));
        if (s.ContainerName is not null) Add("ContainerName", CSharpText.String(s.ContainerName));
        if (s.Route is { } route) Add("Route", Route(route, s.Name));
        if (s.Dashboard is { } dashboard) Add("Dashboard", Dashboard(dashboard));
        if (s.Volumes.Count > 0)
            Add("Volumes", GeneratedFile.Array(Model + "VolumeSpec", s.Volumes, static v =>
                "new(" + CSharpText.String(v.Source) + ", " + CSharpText.String(v.Target) + (v.ReadOnly ? ", ReadOnly: true" : "") + ")"));
        if (s.Environment.Count > 0)
            Add("Environment", GeneratedFile.Array(Model + "EnvVar", s.Environment, static e =>
                "new(" + CSharpText.String(e.Name) + ", " + CSharpText.String(RedactLiteralSecret(e)) + ")"));
        if (s.SecretEnvironment.Count > 0)
            Add("SecretEnvironment", GeneratedFile.Array(Model + "SecretEnvVar", s.SecretEnvironment, static e => SecretEnv(e)));
        if (s.Ports.Count > 0)
            Add("Ports", GeneratedFile.Array(Model + "PortSpec", s.Ports, static p => Port(p)));
        if (s.Networks.Count > 0)
        {
            Add("Networks", GeneratedFile.Array("string", s.Networks, static n => CSharpText.String(n.Name)));
            var internalNetworks = new List<string>();
            foreach (var network in s.Networks)
                if (network.Internal) internalNetworks.Add(network.Name);
            if (internalNetworks.Count > 0) Add("InternalNetworks", GeneratedFile.StringArray(EquatableArray.From(internalNetworks)));
        }
        if (s.DependsOn.Count > 0)
            Add("DependsOn", GeneratedFile.Array(Model + "DependencySpec", s.DependsOn, static d =>
                "new(" + CSharpText.String(d.Target.ServiceName) + (d.Condition != 0 ? ", " + CSharpText.Condition(d.Condition) : "") + ")"));
        if (s.Healthcheck is { } healthcheck) Add("Healthcheck", Healthcheck(healthcheck));
        if (s.Resources is { } resources) Add("Resources", Resources(resources));
        if (s.Gpu is { } gpu) Add("Gpu", Gpu(gpu));
        if (s.LazyStart is { } lazy) Add("LazyStart", LazyStart(lazy));
        if (s.Egress is { } egress) Add("EgressThrough", CSharpText.String(egress.ServiceName));
        if (s.Labels.Count > 0)
            Add("Labels", GeneratedFile.Array(Model + "LabelSpec", s.Labels, static l =>
                "new(" + CSharpText.String(l.Key) + ", " + CSharpText.String(l.Value) + ")"));
        if (s.CapAdd.Count > 0)
            Add("CapAdd", GeneratedFile.Array("string", s.CapAdd, static c => CSharpText.String(c)));
        if (s.Devices.Count > 0)
            Add("Devices", GeneratedFile.Array(Model + "DeviceSpec", s.Devices, static d => Device(d)));
        if (s.IsAdmin) Add("IsAdmin", "true");
        if (s.Widget is { } widget) Add("Widget", Widget(widget));
        if (s.Variables.Count > 0)
            Add("Variables", GeneratedFile.Array(Model + "VariableSpec", s.Variables, static v => Variable(v)));
        if (s.Hardening is { } hardening) AddHardening(list, hardening);
        return list;
    }

    /// <summary>The secret's name and how its file reaches the container; its value never reaches generated code.</summary>
    private static string SecretEnv(SecretEnvModel e)
    {
        var text = "new(" + CSharpText.String(e.Name) + ", " + CSharpText.String(e.Secret);
        if (e.Form != 0) text += ", Form: " + CSharpText.SecretForm(e.Form);
        if (e.FileVariable is not null) text += ", FileVariable: " + CSharpText.String(e.FileVariable);
        if (e.Supply != 0) text += ", Supply: " + CSharpText.SecretSupply(e.Supply);
        return text + ")";
    }

    /// <summary>A secret written as a literal (reported as EZH0018) is not copied into generated code.</summary>
    private static string? RedactLiteralSecret(EnvModel env) =>
        env.Name is not null && LabValidator.IsLiteralSecret(env.Name, env.Value) ? "" : env.Value;

    private static string Route(RouteModel route, string serviceName)
    {
        var args = new List<string>(4)
        {
            "Port: " + CSharpText.Int(route.Port),
            "Subdomain: " + CSharpText.String(route.EffectiveSubdomain(serviceName)),
        };
        if (route.Access != 0) args.Add("Access: " + CSharpText.Access(route.Access));
        if (!route.PathPrefixes.IsDefault) args.Add("PathPrefixes: " + GeneratedFile.StringArray(route.PathPrefixes));
        if (route.AllowBypassOnAdmin) args.Add("AllowBypassOnAdmin: true");
        return "new(" + string.Join(", ", args) + ")";
    }

    private static string Widget(WidgetModel widget)
    {
        var text = "new(" + CSharpText.String(widget.Type);
        if (widget.Url is not null) text += ", Url: " + CSharpText.String(widget.Url);
        // The secret's name only; its value is supplied at deploy time and never reaches generated code.
        if (widget.ApiKeySecret is not null) text += ", ApiKeySecret: " + CSharpText.String(widget.ApiKeySecret);
        if (!widget.Fields.IsDefault) text += ", Fields: " + GeneratedFile.StringArray(widget.Fields);
        return text + ")";
    }

    internal static string Variable(VariableModel variable)
    {
        var text = "new(" + CSharpText.String(variable.Name) + ", " + CSharpText.String(variable.Default);
        if (variable.Description is not null) text += ", Description: " + CSharpText.String(variable.Description);
        return text + ", DeclaredBy: " + CSharpText.String(variable.DeclaredBy) + ")";
    }

    private static string Device(DeviceModel device)
    {
        var text = "new(" + CSharpText.String(device.HostPath);
        if (device.ContainerPath is not null) text += ", ContainerPath: " + CSharpText.String(device.ContainerPath);
        if (device.Permissions is not null) text += ", Permissions: " + CSharpText.String(device.Permissions);
        return text + ")";
    }

    internal static string Dashboard(DashboardModel dashboard)
    {
        var args = new List<string>(4) { "Group: " + CSharpText.String(dashboard.Group), "Name: " + CSharpText.String(dashboard.Name) };
        if (dashboard.Icon is not null) args.Add("Icon: " + CSharpText.String(dashboard.Icon));
        if (dashboard.Description is not null) args.Add("Description: " + CSharpText.String(dashboard.Description));
        return "new(" + string.Join(", ", args) + ")";
    }

    private static string Port(PortModel port)
    {
        var text = "new(" + CSharpText.Int(port.HostPort) + ", " + CSharpText.Int(port.ContainerPort);
        if (port.Protocol != 0) text += ", Protocol: " + CSharpText.Protocol(port.Protocol);
        if (port.HostIp is not null) text += ", HostIp: " + CSharpText.String(port.HostIp);
        return text + ")";
    }

    private static string Healthcheck(HealthcheckModel healthcheck)
    {
        var args = new List<string>(5) { "Test: " + GeneratedFile.StringArray(healthcheck.Test) };
        if (healthcheck.Interval is not null) args.Add("Interval: " + CSharpText.String(healthcheck.Interval));
        if (healthcheck.Timeout is not null) args.Add("Timeout: " + CSharpText.String(healthcheck.Timeout));
        if (healthcheck.Retries != 0) args.Add("Retries: " + CSharpText.Int(healthcheck.Retries));
        if (healthcheck.StartPeriod is not null) args.Add("StartPeriod: " + CSharpText.String(healthcheck.StartPeriod));
        return "new(" + string.Join(", ", args) + ")";
    }

    private static string Resources(ResourcesModel resources)
    {
        var args = new List<string>(4);
        if (resources.Cpus is not null) args.Add("Cpus: " + CSharpText.String(resources.Cpus));
        if (resources.Memory is not null) args.Add("Memory: " + CSharpText.String(resources.Memory));
        if (resources.CpusReservation is not null) args.Add("CpusReservation: " + CSharpText.String(resources.CpusReservation));
        if (resources.MemoryReservation is not null) args.Add("MemoryReservation: " + CSharpText.String(resources.MemoryReservation));
        if (resources.Pids != 0) args.Add("Pids: " + CSharpText.Int(resources.Pids));
        return "new(" + string.Join(", ", args) + ")";
    }

    /// <summary>Only what departs from the baseline, so a service without hardening attributes costs no generated code.</summary>
    private static void AddHardening(List<Assignment> list, HardeningModel h)
    {
        void Add(string property, string value) => list.Add(new Assignment(property, value));
        if (h.AllowNewPrivileges is { } allow) Add("AllowNewPrivileges", Exemption(allow));
        if (h.KeepCapabilities is { } keep) Add("KeepCapabilities", Exemption(keep));
        if (h.AllowDockerSocket is { } socket) Add("AllowDockerSocket", Exemption(socket));
        if (h.Privileged is { } privileged) Add("Privileged", Exemption(privileged));
        if (h.HostNamespaces is { } host)
        {
            var args = new List<string>(4);
            if (host.Network) args.Add("Network: true");
            if (host.Pid) args.Add("Pid: true");
            if (host.Ipc) args.Add("Ipc: true");
            if (host.Reason is not null) args.Add("Reason: " + CSharpText.String(host.Reason));
            Add("HostNamespaces", "new(" + string.Join(", ", args) + ")");
        }
        if (h.SecurityOptions.Count > 0)
            Add("SecurityOptions", GeneratedFile.Array(Model + "SecurityOptSpec", h.SecurityOptions, static o =>
                "new(" + CSharpText.String(o.Option) + (o.Reason is null ? "" : ", " + CSharpText.String(o.Reason)) + ")"));
        if (h.ReadOnlyRoot is { } readOnlyRoot)
            Add("ReadOnlyRoot", "new(" + (readOnlyRoot.Tmpfs.IsDefault ? "" : GeneratedFile.StringArray(readOnlyRoot.Tmpfs)) + ")");
        if (h.Logging is { } logging) Add("Logging", Logging(logging));
    }

    private static string Exemption(ExemptionModel exemption) =>
        exemption.Reason is null ? "new()" : "new(" + CSharpText.String(exemption.Reason) + ")";

    internal static string Logging(LoggingModel logging)
    {
        var args = new List<string>(2);
        if (logging.MaxSize is not null) args.Add("MaxSize: " + CSharpText.String(logging.MaxSize));
        if (logging.MaxFiles != 0) args.Add("MaxFiles: " + CSharpText.Int(logging.MaxFiles));
        return "new(" + string.Join(", ", args) + ")";
    }

    private static string Gpu(GpuModel gpu)
    {
        var args = new List<string>(2);
        if (gpu.Driver is not null) args.Add("Driver: " + CSharpText.String(gpu.Driver));
        if (gpu.Count != 0) args.Add("Count: " + CSharpText.Int(gpu.Count));
        return "new(" + string.Join(", ", args) + ")";
    }

    private static string LazyStart(LazyStartModel lazy)
    {
        var args = new List<string>(3) { "Group: " + CSharpText.String(lazy.Group) };
        if (lazy.SessionDuration is not null) args.Add("SessionDuration: " + CSharpText.String(lazy.SessionDuration));
        if (lazy.DisplayName is not null) args.Add("DisplayName: " + CSharpText.String(lazy.DisplayName));
        return "new(" + string.Join(", ", args) + ")";
    }
}
