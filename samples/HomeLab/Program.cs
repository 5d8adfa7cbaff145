return await EzHomelab.HomelabCli.RunAsync<MyHomelab.HomeLab>(args);
