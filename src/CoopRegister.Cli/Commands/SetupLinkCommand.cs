using System.CommandLine;
using CoopRegister.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

internal static class SetupLinkCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "The address people use to reach the web app.",
            DefaultValueFactory = _ => "http://localhost:5080",
        };
        var command = new Command("setup-link", "Print a fresh one-time setup link, while no administrator exists. Any earlier link stops working.")
        {
            url,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            var setup = host.Services.GetRequiredService<SetupService>();
            var token = await setup.IssueTokenAsync(cancellationToken);
            if (token is null)
            {
                parse.InvocationConfiguration.Error.WriteLine("An administrator already exists: setup is done. Administrators invite other staff from the Staff page.");
                return 1;
            }

            var baseUri = new Uri(parse.GetValue(url)!.TrimEnd('/') + "/");
            parse.InvocationConfiguration.Output.WriteLine(new Uri(baseUri, SetupService.LinkFor(token)).ToString());
            return 0;
        });
        return command;
    }
}
