using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using CoopRegister.Data;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Demo;

/// <summary>Reads the register back for comparison: as EF loads it (a digest of every row), and as the database stores it (raw column values).</summary>
internal static class RegisterRows
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The JSON of an entity's public properties, as it was generated or as EF loaded it.</summary>
    public static string ToJson(object entity) => JsonSerializer.Serialize(entity, entity.GetType(), Json);

    /// <summary>
    /// A digest of every register row as EF loads it, in key order: members, ledger, holdings, applications with their
    /// payments and events, and the number counters. The audit trail is left out: it records when the run happened.
    /// </summary>
    public static async Task<string> DigestAsync(RegisterDbContext db, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add<T>(IEnumerable<T> rows)
            where T : notnull
        {
            foreach (var row in rows)
            {
                hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(row, row.GetType(), Json));
            }
        }

        Add(await db.Members.AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken));
        Add(await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken));
        Add(await db.Holdings.AsNoTracking().OrderBy(h => h.MemberId).ThenBy(h => h.ShareClassId).ToListAsync(cancellationToken));
        Add(await db.Applications.AsNoTracking()
            .Include(a => a.Payments.OrderBy(p => p.Id))
            .Include(a => a.Events.OrderBy(e => e.Id))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken));
        Add(await db.NumberCounters.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>One row's columns exactly as the provider returns them (on SQLite: the storage class decides the .NET type).</summary>
    public static async Task<Dictionary<string, object?>> RawAsync(RegisterDbContext db, string table, string keyColumn, long key, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // Test code: the table and column names are constants of the test.
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = {key.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            Assert.True(await reader.ReadAsync(cancellationToken), $"No row {key} in {table}.");
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            return row;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
