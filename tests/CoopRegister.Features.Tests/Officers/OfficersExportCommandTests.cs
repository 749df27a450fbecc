using System.CommandLine;
using CoopRegister.Cli;
using CoopRegister.Cli.Commands;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Officers;
using CoopRegister.Testing;
using Microsoft.Data.Sqlite;

namespace CoopRegister.Features.Tests.Officers;

/// <summary><c>coopreg export officers</c> writes the register of officers like the other exports.</summary>
public sealed class OfficersExportCommandTests
{
    [Fact]
    public async Task Coopreg_export_officers_writes_the_register_of_officers()
    {
        await using var host = await RegisterTestHost.CreateAsync(DatabaseProvider.Sqlite);
        await host.SetUpSocietyAsync();
        var registrar = await host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        await host.Get<OfficerService>().AppointAsync(registrar, new OfficerForm
        {
            Name = "Tom Mann", Address = "1 High Street\nLondon E1 1AA", Office = "Treasurer", DateOfBirth = new DateOnly(1960, 1, 1), AppointedOn = new DateOnly(2026, 1, 5),
        }, TestContext.Current.CancellationToken);
        var file = new SqliteConnectionStringBuilder(host.Database.Options.ConnectionString).DataSource;
        var csv = Path.Combine(Path.GetDirectoryName(file)!, $"officers-{Guid.NewGuid():N}.csv");

        try
        {
            using var output = new StringWriter();
            var root = new RootCommand { CliHost.Database, CliHost.Provider, ExportCommand.Create() };
            var code = await CommandLine.InvokeAsync(root, ["export", "officers", "--database", file, "--out", csv], output, TextWriter.Null);

            Assert.Equal(0, code);
            Assert.Contains("Wrote 1 rows", output.ToString(), StringComparison.Ordinal);
            var lines = await File.ReadAllLinesAsync(csv, TestContext.Current.CancellationToken);
            Assert.Equal("Name,Office,Address,Member number,Date appointed,Date ceased,Reason ceased", lines[0].TrimStart('\uFEFF'));
            Assert.StartsWith("Tom Mann,Treasurer,\"1 High Street", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
