using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace CoopRegister.Data.Bulk;

/// <summary>
/// PostgreSQL: one transaction per batch that first locks the register's tables in SHARE ROW EXCLUSIVE mode (other
/// writers wait, readers do not) so that the keys read at its start cannot move, then sends each table's rows by
/// binary COPY, then moves each identity sequence to the largest key written, so that the app's next insert takes the
/// key after it.
/// </summary>
internal sealed class PostgresBulkWriter(RegisterDbContext db) : RegisterBulkWriter(db)
{
    private readonly Dictionary<BulkTable, (string Copy, string[] Types)> _copies = [];

    private NpgsqlConnection Npgsql => (NpgsqlConnection)Connection;

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The SQL is built from the EF model's table names only.")]
    private protected override async Task<DbTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var transaction = await Npgsql.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = Npgsql.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"LOCK TABLE {string.Join(", ", Tables.Append(Counters).Select(Quote))} IN SHARE ROW EXCLUSIVE MODE";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private protected override async Task<IReadOnlyList<(string Name, string Create)>> SecondaryIndexesAsync(DbTransaction transaction, BulkTable table, CancellationToken cancellationToken)
    {
        // Indexes behind a primary key or another constraint are the constraint's, not ours to drop.
        await using var command = Npgsql.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText =
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x " +
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid " +
            "WHERE t.oid = to_regclass(@table) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname";
        command.Parameters.AddWithValue("table", Quote(table));
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private protected override async Task<IReadOnlyList<(string Name, string Definition)>> ForeignKeysAsync(DbTransaction transaction, BulkTable table, CancellationToken cancellationToken)
    {
        // Each row's foreign keys are checked by a trigger, a query per row; added again after the load, a key is checked
        // by one join over the whole table.
        await using var command = Npgsql.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass(@table) AND contype = 'f' ORDER BY conname";
        command.Parameters.AddWithValue("table", Quote(table));
        var keys = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add((reader.GetString(0), reader.GetString(1)));
        }

        return keys;
    }

    private protected override async Task WriteRowsAsync(DbTransaction transaction, BulkTable table, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        using var enumerator = rows.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            return;
        }

        var (copy, types) = Copy(table);
        var columns = table.Columns;
        var importer = await Npgsql.BeginBinaryImportAsync(copy, cancellationToken);
        await using (importer)
        {
            var count = 0;
            do
            {
                if ((++count & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var row = enumerator.Current;
                importer.StartRow();
                for (var i = 0; i < types.Length; i++)
                {
                    if (columns[i].Read(row) is { } value)
                    {
                        // The column's own type, from EF's mapping, rather than one inferred from the .NET value.
                        importer.Write(value, types[i]);
                    }
                    else
                    {
                        importer.WriteNull();
                    }
                }
            }
            while (enumerator.MoveNext());

            await importer.CompleteAsync(cancellationToken);
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The SQL is built from the EF model's table and column names; the values are parameters.")]
    private protected override async Task AfterRowsAsync(DbTransaction transaction, RegisterBatch batch, CancellationToken cancellationToken)
    {
        var written = new (BulkTable Table, long Start, long End)[]
        {
            (Members, batch.Start.NextMemberId, batch.End.NextMemberId),
            (LedgerEntries, batch.Start.NextLedgerEntryId, batch.End.NextLedgerEntryId),
            (Applications, batch.Start.NextApplicationId, batch.End.NextApplicationId),
            (ApplicationPayments, batch.Start.NextApplicationPaymentId, batch.End.NextApplicationPaymentId),
            (ApplicationEvents, batch.Start.NextApplicationEventId, batch.End.NextApplicationEventId),
            (AuditEvents, batch.Start.NextAuditEventId, batch.End.NextAuditEventId),
        };
        foreach (var (table, start, end) in written)
        {
            if (end <= start)
            {
                continue;
            }

            // pg_get_serial_sequence finds the sequence behind an identity column; setval to the largest key written
            // makes the next nextval() return the key after it.
            await using var command = Npgsql.CreateCommand();
            command.Transaction = (NpgsqlTransaction)transaction;
            command.CommandText = "SELECT setval(pg_get_serial_sequence(@table, @column), @last)";
            command.Parameters.AddWithValue("table", Quote(table));
            command.Parameters.AddWithValue("column", table.KeyColumn);
            command.Parameters.AddWithValue("last", end - 1);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private (string Copy, string[] Types) Copy(BulkTable table)
    {
        if (!_copies.TryGetValue(table, out var copy))
        {
            var names = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
            copy = ($"COPY {Quote(table)} ({names}) FROM STDIN (FORMAT BINARY)", table.Columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray());
            _copies[table] = copy;
        }

        return copy;
    }
}
