using System.CommandLine;
using CoopRegister.Cli.Commands;
using CoopRegister.Features.Tests.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Cli;

/// <summary><c>coopreg backup</c>, <c>coopreg restore</c> and <c>coopreg verify</c> against a SQLite register with members.</summary>
public sealed class BackupCommandTests : CliRegisterTest
{
    protected override IEnumerable<Command> Commands() => [ImportCommand.Create(), VerifyCommand.Create(), BackupCommand.CreateBackup(), BackupCommand.CreateRestore()];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var file = Files.Register("register.csv", ImportFiles.Row(1), ImportFiles.Row(2, name: "Łukasz Żółkiewski", email: "l@example.org", shares: 100));
        var import = await RunAsync("import", "register", file, "--database", Database);
        Assert.True(import.Code == 0, import.Out + import.Err);
    }

    [Fact]
    public async Task A_backup_taken_before_later_changes_restores_the_register_as_it_was_then()
    {
        var backup = Path.Combine(Files.Folder, "backup-2026-11-26.db");
        var taken = await RunAsync("backup", "--out", backup, "--database", Database);
        Assert.True(taken.Code == 0, taken.Out + taken.Err);
        Assert.Contains("2 members, 2 ledger entries", taken.Out, StringComparison.Ordinal);
        Assert.Contains("Integrity check: ok", taken.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(backup));

        // A backup never overwrites an earlier one.
        var again = await RunAsync("backup", "--out", backup, "--database", Database);
        Assert.Equal(2, again.Code);
        Assert.Contains("already exists", again.Err, StringComparison.Ordinal);

        var later = Files.Register("later.csv", ImportFiles.Row(3, name: "Siân Llewellyn", email: "s@example.org", shares: 50));
        Assert.Equal(0, (await RunAsync("import", "register", later, "--database", Database)).Code);
        Assert.Equal(3, await CountAsync());

        var restored = await RunAsync("restore", "--from", backup, "--database", Database);
        Assert.True(restored.Code == 0, restored.Out + restored.Err);
        Assert.Contains("2 members, 2 ledger entries", restored.Out, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync());
        await using var db = Context();
        // The restored register's trail ends with the restore, naming the backup it came from.
        var last = await db.AuditEvents.OrderByDescending(e => e.Id).FirstAsync(Cancel);
        Assert.Equal("register.restored", last.Action);
        Assert.Contains("backup-2026-11-26.db", last.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_register_and_leaves_the_register_alone()
    {
        var garbage = Files.WriteBytes("register-backup.db", "this is not a database, whatever its name says"u8.ToArray());
        var refused = await RunAsync("restore", "--from", garbage, "--database", Database);
        Assert.Equal(2, refused.Code);
        Assert.Contains("is not a readable SQLite register", refused.Err, StringComparison.Ordinal);

        var other = Path.Combine(Files.Folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await connection.OpenAsync(Cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Notes (Text TEXT)";
            await command.ExecuteNonQueryAsync(Cancel);
        }

        var wrong = await RunAsync("restore", "--from", other, "--database", Database);
        Assert.Equal(2, wrong.Code);
        Assert.Contains("not a CoopRegister register", wrong.Err, StringComparison.Ordinal);

        var missing = await RunAsync("restore", "--from", Path.Combine(Files.Folder, "nowhere.db"), "--database", Database);
        Assert.Equal(2, missing.Code);
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Verify_reports_a_cached_holding_that_no_longer_agrees_with_the_ledger()
    {
        var clean = await RunAsync("verify", "--database", Database);
        Assert.True(clean.Code == 0, clean.Out + clean.Err);
        Assert.Contains("Every holding agrees with the ledger.", clean.Out, StringComparison.Ordinal);

        // An edit made directly in the database, behind the ledger's back.
        await using (var db = Context())
        {
            var id = await db.Members.Where(m => m.MemberNumber == 2).Select(m => m.Id).SingleAsync(Cancel);
            await db.Holdings.Where(h => h.MemberId == id).ExecuteUpdateAsync(s => s.SetProperty(h => h.Shares, h => h.Shares + 1), Cancel);
        }

        var found = await RunAsync("verify", "--database", Database);
        Assert.Equal(VerifyCommand.Disagrees, found.Code);
        Assert.Contains("1 holding(s) disagree with the ledger", found.Out, StringComparison.Ordinal);
        Assert.Contains("member 2, share class", found.Out, StringComparison.Ordinal);
        Assert.Contains("holding 101 shares", found.Out, StringComparison.Ordinal);
        Assert.Contains("ledger 100 shares", found.Out, StringComparison.Ordinal);
    }
}
