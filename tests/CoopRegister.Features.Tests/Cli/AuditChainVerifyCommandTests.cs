using System.CommandLine;
using CoopRegister.Cli.Commands;
using CoopRegister.Features.Tests.Imports;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Cli;

/// <summary><c>coopreg verify</c> walks the audit trail's hash chain too, and exits 3 at the first broken link.</summary>
public sealed class AuditChainVerifyCommandTests : CliRegisterTest
{
    protected override IEnumerable<Command> Commands() => [ImportCommand.Create(), VerifyCommand.Create()];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var file = Files.Register("register.csv", ImportFiles.Row(1), ImportFiles.Row(2, name: "Łukasz Żółkiewski", email: "l@example.org", shares: 100));
        var import = await RunAsync("import", "register", file, "--database", Database);
        Assert.True(import.Code == 0, import.Out + import.Err);
    }

    [Fact]
    public async Task Verify_reports_an_intact_trail_then_the_event_edited_directly_in_the_database()
    {
        var clean = await RunAsync("verify", "--database", Database);
        Assert.True(clean.Code == 0, clean.Out + clean.Err);
        Assert.Contains("Every holding agrees with the ledger.", clean.Out, StringComparison.Ordinal);
        Assert.Matches(@"The audit trail is intact: \d+ events, last hash [0-9a-f]{64}", clean.Out);

        long id;
        await using (var db = Context())
        {
            id = await db.AuditEvents.Where(e => e.Action == "register.imported").Select(e => e.Id).SingleAsync(Cancel);
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "ActorName" = 'somebody else' WHERE "Id" = {id}""", Cancel);
        }

        var broken = await RunAsync("verify", "--database", Database);
        Assert.Equal(VerifyCommand.Disagrees, broken.Code);
        Assert.Contains("Every holding agrees with the ledger.", broken.Out, StringComparison.Ordinal);
        Assert.Contains($"The audit trail is BROKEN at event {id} (register.imported, ", broken.Out, StringComparison.Ordinal);
        Assert.Contains($"edited: event {id} no longer matches its hash", broken.Out, StringComparison.Ordinal);
    }
}
