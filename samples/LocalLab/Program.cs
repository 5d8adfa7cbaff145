return await EzHomelab.HomelabCli.RunAsync<LocalLab.LocalHomelab>(args);
