return await EzHomelab.HomelabCli.RunAsync<FullLab.Lab>(args);
