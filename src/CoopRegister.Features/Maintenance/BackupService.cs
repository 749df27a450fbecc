using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Maintenance;

/// <summary>What a backup or a restore copied, read back from the copy itself.</summary>
public sealed record BackupSummary(string File, long Members, long LedgerEntries, long Bytes, string LastMigration);

/// <summary>
/// Online backup and restore of a SQLite register (design/quality.md, reliability: "an online backup command and a
/// tested restore"). The backup is taken while the web app runs: SQLite's <c>VACUUM INTO</c> reads the register in one
/// read transaction, so the copy is the register as it stood at one instant, never half of an operation. Every copy is
/// checked (<c>PRAGMA integrity_check</c> and the register's own tables) before it is reported as good. A PostgreSQL
/// register is backed up by the server's own tools, which this refuses to imitate.
/// </summary>
public sealed class BackupService(IDbContextFactory<RegisterDbContext> contexts, DatabaseOptions database, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Copies the live register to <paramref name="destination"/>, which must not exist yet.</summary>
    public async Task<BackupSummary> BackupAsync(Actor actor, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        RequireSqlite("back up");
        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            throw new DomainException("Out", $"{target} already exists: a backup never overwrites a file; choose a new name.");
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $target";
            vacuum.Parameters.AddWithValue("$target", target);
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        BackupSummary summary;
        try
        {
            summary = await CheckAsync(target, cancellationToken);
        }
        catch
        {
            File.Delete(target);
            throw;
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            AuditTrail.Add(db, actor, Now, "register.backed-up", "Register", "backup",
                $"Register backed up to {Path.GetFileName(target)}: {Count(summary.Members)} members, {Count(summary.LedgerEntries)} ledger entries.");
            await db.SaveChangesAsync(cancellationToken);
        }

        return summary;
    }

    /// <summary>
    /// Replaces the live register with a checked backup. The web app must be stopped: SQLite's backup API writes the
    /// whole file under its lock, and a running app would keep serving what it had cached. Afterwards the register is
    /// brought up to the current schema and the restore is written to its audit trail.
    /// </summary>
    public async Task<BackupSummary> RestoreAsync(Actor actor, string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        RequireSqlite("restore");
        var from = Path.GetFullPath(source);
        if (!File.Exists(from))
        {
            throw new DomainException("From", $"{from} does not exist.");
        }

        var live = Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        if (string.Equals(from, live, StringComparison.Ordinal))
        {
            throw new DomainException("From", "The backup is the live register itself; name a backup file.");
        }

        var summary = await CheckAsync(from, cancellationToken);
        await using (var sourceConnection = new SqliteConnection(ReadOnly(from)))
        await using (var target = new SqliteConnection(database.ConnectionString))
        {
            await sourceConnection.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            sourceConnection.BackupDatabase(target);
        }

        SqliteConnection.ClearAllPools();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await RegisterDatabase.MigrateAsync(db, cancellationToken);
            AuditTrail.Add(db, actor, Now, "register.restored", "Register", "backup",
                $"Register restored from {Path.GetFileName(from)}: {Count(summary.Members)} members, {Count(summary.LedgerEntries)} ledger entries (schema {summary.LastMigration}).");
            await db.SaveChangesAsync(cancellationToken);
        }

        return summary;
    }

    /// <summary>Reads a copy back: SQLite's integrity check, then the register's own tables and its schema version.</summary>
    public static async Task<BackupSummary> CheckAsync(string file, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        try
        {
            await using var connection = new SqliteConnection(ReadOnly(file));
            await connection.OpenAsync(cancellationToken);
            var integrity = await ScalarAsync(connection, "PRAGMA integrity_check", cancellationToken);
            if (!string.Equals(integrity, "ok", StringComparison.Ordinal))
            {
                throw new DomainException("File", $"{file} failed SQLite's integrity check: {integrity}.");
            }

            var tables = await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Members', 'LedgerEntries')", cancellationToken);
            if (tables != "3")
            {
                throw new DomainException("File", $"{file} is a SQLite database but not a CoopRegister register (it has no members, ledger or migration history).");
            }

            var members = long.Parse(await ScalarAsync(connection, "SELECT count(*) FROM Members", cancellationToken), CultureInfo.InvariantCulture);
            var entries = long.Parse(await ScalarAsync(connection, "SELECT count(*) FROM LedgerEntries", cancellationToken), CultureInfo.InvariantCulture);
            var migration = await ScalarAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1", cancellationToken);
            return new BackupSummary(file, members, entries, new FileInfo(file).Length, migration);
        }
        catch (SqliteException ex)
        {
            // A file that is not a database at all ("file is not a database", SQLITE_NOTADB) is bad input, not a crash.
            throw new DomainException("File", $"{file} is not a readable SQLite register: {ex.Message}");
        }
    }

    private void RequireSqlite(string what)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new DomainException("Provider",
                $"coopreg can {what} a SQLite register only; a PostgreSQL register is backed up and restored with the server's own tools (pg_dump and pg_restore, or continuous archiving).");
        }
    }

    private static string ReadOnly(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
    }

    private static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
}
