using System.CommandLine;
using CoopRegister.Cli;
using CoopRegister.Cli.Commands;

var root = new RootCommand("coopreg: batch work on a CoopRegister share register (the same database as the web app).")
{
    CliHost.Database,
    CliHost.Provider,
    MigrateCommand.Create(),
    SetupLinkCommand.Create(),
    CertificatesCommand.Create(),
    ExportCommand.Create(),
    CountCommand.Create(),
    DemoDataCommand.Create(),
    ImportCommand.Create(),
    VerifyCommand.Create(),
    MinimiseCommand.Create(),
    BackupCommand.CreateBackup(),
    BackupCommand.CreateRestore(),
};

return await CommandLine.InvokeAsync(root, args);
