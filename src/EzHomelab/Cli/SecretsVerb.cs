using System.CommandLine;
using EzHomelab.Planning;
using EzHomelab.Rendering.Secrets;
using EzHomelab.Rules;
using EzHomelab.Settings;
using Spectre.Console;

namespace EzHomelab.Cli;

internal static partial class CommandLine
{
    private sealed partial class Runner
    {
        public Command SecretsCommand()
        {
            var listCommon = CommonOptions.Create();
            var list = new Command("list", "Every secret of the lab: its file under the root and its state (on disk, to be generated, missing, deleted); never a value");
            foreach (var option in listCommon.All) list.Options.Add(option);
            list.SetAction(parse => Guarded(() => ListSecrets(parse.GetValue(listCommon.Root)!, parse.GetValue(listCommon.EnvFile), parse.GetValue(listCommon.Server))));

            var showCommon = CommonOptions.Create();
            var name = new Argument<string>("name") { Description = "The secret's name, e.g. authelia-admin-password (see secrets list)" };
            var stack = StackOption();
            var show = new Command("show", "Print one secret's value to stdout, read from its file under the root");
            show.Arguments.Add(name);
            foreach (var option in showCommon.All.Append(stack)) show.Options.Add(option);
            show.SetAction(parse => Guarded(() => ShowSecret(parse.GetValue(name)!, parse.GetValue(showCommon.Root)!, parse.GetValue(showCommon.EnvFile), parse.GetValue(showCommon.Server), parse.GetValue(stack))));

            return new Command("secrets", "The lab's secret files: list them, or show one value on request") { list, show };
        }

        /// <summary>Every secret file of the servers in scope, kept admin password included, by secret then path (the table's order).</summary>
        private List<SecretFileInScope> SecretFiles(IReadOnlyList<string> servers, bool perServerFolders) =>
            SecretStore.FilesInScope(lab, servers, perServerFolders, withAdminPassword: true)
                .OrderBy(f => f.Secret, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();

        private int ListSecrets(string root, string? envFile, string? server)
        {
            var store = new FileStore(root, lab.Name);
            CheckLabOwnsRoot(store, forcedBy: "");
            var inputs = Load(envFile, server);
            var loaded = inputs.Settings;
            var written = store.ReadManifest().Where(e => e.WriteOnce).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
            var mustBeSupplied = LabSecrets.MustBeSupplied(lab);

            string StateOf(SecretFileInScope file)
            {
                if (store.TryReadText(file.Path) is not null) return "on disk";
                if (file.Reader is null)
                {
                    return store.TryReadText(file.StackFolder + "/" + Rendering.Authelia.UsersDatabase.FileName) is not null ? "not kept (the users database exists; its password was chosen, or this file was removed)"
                        : loaded.AdminPassword is not null ? $"not needed: the new users database takes {RuntimeSettingsLoader.AdminPasswordVariable}"
                        : "render generates it (with a new users database)";
                }
                var variable = Naming.SecretVariable(file.Secret);
                if (loaded.Settings.Secrets.TryGet(file.Secret, out _)) return $"given in {variable}; render writes it";
                if (mustBeSupplied.Contains(file.Secret)) return $"missing: only you can give it; set {variable}";
                if (written.Contains(file.Path)) return $"DELETED: render refuses until it is restored or made anew with --regenerate-secret {file.Secret}";
                return "render generates it";
            }

            var console = PlanText.Console(stdout, UseColor());
            var table = new Table().Border(TableBorder.Simple).AddColumns("secret", "file", "read by", "state");
            foreach (var file in SecretFiles(inputs.Servers, PerServerFolders(server)))
                table.AddRow(Markup.Escape(file.Secret), Markup.Escape(file.Path),
                    Markup.Escape(file.Reader is { } reader ? $"{reader.Name} ({LabSecrets.Of(lab, reader).First(u => u.Secret == file.Secret).Variable})" : "you (Authelia login)"),
                    Markup.Escape(StateOf(file)));
            console.Write(table);
            return Ok;
        }

        /// <summary>Names and settings are checked as for every verb (<see cref="Load"/>), though only the file is read.</summary>
        private int ShowSecret(string name, string root, string? envFile, string? server, string? stack)
        {
            var store = new FileStore(root, lab.Name);
            CheckLabOwnsRoot(store, forcedBy: "");
            var servers = Load(envFile, server).Servers;
            CheckStack(stack, servers);
            var all = SecretFiles(servers, PerServerFolders(server));
            var files = all.Where(f => f.Secret == name && (stack is null || f.Stack == stack)).ToList();
            if (files.Count == 0)
                throw new SettingsException($"secrets show: the lab has no secret '{name}'{(stack is null ? "" : $" in stack '{stack}'")} (secrets: {string.Join(", ", all.Select(f => f.Secret).Distinct())})");
            foreach (var file in files)
                if (store.TryReadText(file.Path) is { } value)
                {
                    stdout.WriteLine(value);
                    return Ok;
                }
            stderr.WriteLine($"error: secret '{name}' has no file under {store.Root} yet ({string.Join(", ", files.Select(f => f.Path))}); render writes it");
            return Failure;
        }
    }
}
