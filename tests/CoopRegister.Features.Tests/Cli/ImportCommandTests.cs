using System.CommandLine;
using CoopRegister.Cli.Commands;
using CoopRegister.Features.Tests.Imports;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Cli;

/// <summary><c>coopreg import register</c> against a SQLite file whose society is set up.</summary>
public sealed class ImportCommandTests : CliRegisterTest
{
    protected override IEnumerable<Command> Commands() => [ImportCommand.Create()];

    [Fact]
    public async Task A_dry_run_reports_what_would_be_imported_and_writes_nothing_then_the_import_writes_it()
    {
        var file = Files.Register("register.csv", ImportFiles.Row(1), ImportFiles.Row(2, name: "Łukasz Żółkiewski", email: "l@example.org", shares: 100));

        var dry = await RunAsync("import", "register", file, "--dry-run", "--database", Database);
        Assert.True(dry.Code == 0, dry.Out + dry.Err);
        Assert.Contains("Register import check (dry run)", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Ready to import: 2 members (2 current, 0 ceased), 125 shares, £125.00 paid. 2 new members would be written.", dry.Out, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());

        var import = await RunAsync("import", "register", file, "--database", Database, "--expect-members", "2", "--expect-capital", "125.00");
        Assert.True(import.Code == 0, import.Out + import.Err);
        Assert.Contains("Imported 2 new members with 2 ledger entries", import.Out, StringComparison.Ordinal);
        Assert.Contains("Reconciliation, Current members: files 2, expected 2 (agrees)", import.Out, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync());

        var again = await RunAsync("import", "register", file, "--database", Database);
        Assert.Equal(0, again.Code);
        Assert.Contains("2 members are already in the register, unchanged", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_map_file_names_the_columns_of_a_spreadsheet_and_the_date_format_is_given()
    {
        var file = Files.Write("members.csv", string.Join("\r\n",
            "Ref;Who;Street;Place;PC;Mail;Holding;Since",
            "101;Zoë Ó Briain;12 Beachy Road;London;E3 2NS;zoe@example.org;25;03/04/2019",
            "102;Ann Other;1 High Street;Leeds;LS1 1AA;;10;11/12/2020") + "\r\n");
        var map = Files.Write("map.txt", """
            # Our old spreadsheet
            member-number = Ref
            name = Who
            address = Street
            town = Place
            postcode = PC
            email = Mail
            shares = Holding
            date-entered = Since
            """);

        var refused = await RunAsync("import", "register", file, "--map", map, "--database", Database);
        Assert.Equal(2, refused.Code);
        Assert.Contains("choose which the file uses", refused.Err, StringComparison.Ordinal);

        var imported = await RunAsync("import", "register", file, "--map", map, "--date-format", "dd/mm/yyyy", "--database", Database);
        Assert.True(imported.Code == 0, imported.Out + imported.Err);
        await using var db = Context();
        var members = await db.Members.OrderBy(m => m.MemberNumber).ToListAsync(Cancel);
        Assert.Equal([101L, 102L], members.Select(m => m.MemberNumber));
        Assert.Equal("12 Beachy Road\nLondon", members[0].Details.Address);
        Assert.Equal(new DateOnly(2020, 12, 11), members[1].DateEntered);

        var badMap = Files.Write("bad-map.txt", "membership = Ref\n");
        var bad = await RunAsync("import", "register", file, "--map", badMap, "--database", Database);
        Assert.Equal(2, bad.Code);
        Assert.Contains("Map file line 1: 'membership' is not a field", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_problems_exits_2_listing_each_with_its_line_and_column_and_writes_the_report()
    {
        var file = Files.Register("register.csv", ImportFiles.Row(1), ImportFiles.Row(2, name: "Ann Other", email: "ann@example.org", postcode: "XYZ"));
        var report = Path.Combine(Files.Folder, "report.txt");

        var (code, output, _) = await RunAsync("import", "register", file, "--database", Database, "--report", report);

        Assert.Equal(2, code);
        Assert.Contains("Line 4, column 'Postcode': 'XYZ' is not a UK postcode (for example SW1A 1AA).", output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", output, StringComparison.Ordinal);
        Assert.Contains("Line 4, column 'Postcode'", await File.ReadAllTextAsync(report, Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());

        var missing = await RunAsync("import", "register", Path.Combine(Files.Folder, "nowhere.csv"), "--database", Database);
        Assert.Equal(2, missing.Code);
        Assert.Contains("There is no file", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_file_gives_the_ledger_its_dates()
    {
        var file = Files.Register("register.csv", ImportFiles.Row(1, shares: 30));
        var history = Files.Write("history.csv", "Member number,Date,Event,Shares\r\n1,2019-04-03,Allotment,20\r\n1,2022-06-08,Allotment,15\r\n1,2023-01-11,Withdrawal,5\r\n");

        var (code, output, error) = await RunAsync("import", "register", file, "--history", history, "--database", Database);

        Assert.True(code == 0, output + error);
        Assert.Contains("with 3 ledger entries", output, StringComparison.Ordinal);
        await using var db = Context();
        Assert.Equal([20L, 15L, -5L], await db.LedgerEntries.OrderBy(e => e.EffectiveDate).Select(e => e.Shares).ToListAsync(Cancel));
    }
}
