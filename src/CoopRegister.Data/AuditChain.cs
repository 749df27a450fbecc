using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CoopRegister.Domain.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Data;

/// <summary>
/// Links audit events into the hash chain (<see cref="AuditChainHash"/>) and checks it. The chain's order is the
/// sequence kept in <see cref="AuditChainHead"/>, taken under the head row's lock in the transaction that adds the
/// events, never the order of the events' ids (which concurrent transactions may commit out of order).
/// Plain SQL that both engines accept, over the transaction's own connection.
/// </summary>
public static class AuditChain
{
    private const string Columns = """
        "Id", "Sequence", "OccurredAt", "ActorUserId", "ActorName", "Action", "SubjectType", "SubjectId", "MemberId", "Summary", "Before", "After", "PreviousHash", "Hash"
        """;

    /// <summary>Rows per UPDATE when many events are linked at once (4 parameters each, far below either engine's limit).</summary>
    private const int UpdateBatch = 250;

    /// <summary>How far either side of its place the check looks for where a moved event was first linked.</summary>
    private const int ReorderWindow = 10_000;

    /// <summary>
    /// Links events saved in this transaction, in the order they were saved (their ids), after the chain's current head.
    /// Called as the transaction commits, so it costs every audited operation (each online vote among them) two
    /// statements under the lock it already holds: take the head, then write the links and move the head. The hashes
    /// are computed from the saved entities, which hold exactly what was stored (times are kept to the microsecond).
    /// </summary>
    internal static async Task LinkSavedAsync(DbTransaction transaction, IReadOnlyList<AuditEvent> saved, CancellationToken cancellationToken)
    {
        var (sequence, hash) = await LockHeadAsync(transaction, cancellationToken);
        var hasher = new AuditChainHash();
        var links = new List<(long Id, long Sequence, string Previous, string Hash)>(saved.Count);
        foreach (var e in saved.OrderBy(e => e.Id))
        {
            var previous = hash;
            sequence++;
            hash = hasher.Compute(previous, AuditChainEntry.Of(e, sequence));
            e.Link(sequence, previous, hash);
            links.Add((e.Id, sequence, previous, hash));
        }

        await WriteLinksAsync(transaction, links, (sequence, hash), cancellationToken);
    }

    /// <summary>
    /// Links the audit events of a bulk batch (whose keys the batch assigned) before they are written, inside the
    /// batch's transaction, so that they go into the database already chained.
    /// </summary>
    public static async Task LinkNewAsync(DbTransaction transaction, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var (sequence, hash) = await LockHeadAsync(transaction, cancellationToken);
        var hasher = new AuditChainHash();
        foreach (var e in events.OrderBy(e => e.Id))
        {
            var previous = hash;
            sequence++;
            hash = hasher.Compute(previous, AuditChainEntry.Of(e, sequence));
            e.Link(sequence, previous, hash);
        }

        await MoveHeadAsync(transaction, sequence, hash, cancellationToken);
    }

    /// <summary>
    /// Links the events of a register made before the chain existed, in id order, once: only while the chain is still
    /// empty, so that an event slipped into the table later is reported by the check, never quietly chained.
    /// Returns how many it linked.
    /// </summary>
    public static async Task<long> LinkExistingAsync(RegisterDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Asked at every start: answered by reading alone, so that an up-to-date register is not written to.
        var head = await db.AuditChainHeads.AsNoTracking().Select(h => (long?)h.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (head != 0 || !await db.AuditEvents.AnyAsync(e => e.Sequence == null, cancellationToken))
        {
            return 0;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var (sequence, hash) = await LockHeadAsync(transaction, cancellationToken);
            if (sequence != 0)
            {
                return 0;
            }

            var hasher = new AuditChainHash();
            var lastId = long.MinValue;
            var links = new List<(long Id, long Sequence, string Previous, string Hash)>(UpdateBatch * 8);
            while (true)
            {
                links.Clear();
                await using (var select = connection.CreateCommand())
                {
                    select.Transaction = transaction;
                    select.CommandText = $"""SELECT {Columns} FROM "AuditEvents" WHERE "Sequence" IS NULL AND "Id" > @last ORDER BY "Id" LIMIT {UpdateBatch * 8}""";
                    Add(select, "@last", lastId);
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var previous = hash;
                        sequence++;
                        var entry = Read(reader) with { Sequence = sequence };
                        hash = hasher.Compute(previous, entry);
                        links.Add((entry.Id, sequence, previous, hash));
                        lastId = entry.Id;
                    }
                }

                if (links.Count == 0)
                {
                    break;
                }

                await WriteLinksAsync(transaction, links, null, cancellationToken);
            }

            if (sequence == 0)
            {
                return 0;
            }

            await MoveHeadAsync(transaction, sequence, hash, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return sequence;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Walks the whole chain in its order, recomputing every hash, and stops at the first broken link. Reads one
    /// snapshot of the register (a read-only transaction that blocks no writer) and streams it: memory stays the same
    /// however long the trail.
    /// </summary>
    public static async Task<AuditChainReport> VerifyAsync(RegisterDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var clock = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var (headSequence, headHash) = await ReadHeadAsync(transaction, cancellationToken);
            var (checkedCount, lastHash, broken) = await WalkAsync(transaction, headSequence, headHash, cancellationToken);
            broken ??= await FirstUnlinkedAsync(transaction, checkedCount, cancellationToken);
            return new AuditChainReport(checkedCount, lastHash, broken, clock.Elapsed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(long Checked, string LastHash, AuditChainBreak? Break)> WalkAsync(
        DbTransaction transaction, long headSequence, string headHash, CancellationToken cancellationToken)
    {
        var hasher = new AuditChainHash();
        var expected = 1L;
        var previous = AuditChainHash.Genesis;
        AuditChainEntry? last = null;
        await using (var select = transaction.Connection!.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"""SELECT {Columns} FROM "AuditEvents" WHERE "Sequence" IS NOT NULL ORDER BY "Sequence" """;
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = Read(reader);
                var storedPrevious = reader.IsDBNull(12) ? null : reader.GetString(12);
                var storedHash = reader.IsDBNull(13) ? null : reader.GetString(13);
                if (row.Sequence > headSequence)
                {
                    return (expected - 1, previous, Break(AuditChainFault.Inserted, row, string.Create(CultureInfo.InvariantCulture,
                        $"event {row.Id} is numbered {row.Sequence}, beyond the chain's recorded end ({headSequence}): it was added to the table directly, not by the register")));
                }

                if (row.Sequence > expected)
                {
                    var span = row.Sequence - 1 == expected ? $"event number {expected} is" : $"events numbered {expected} to {row.Sequence - 1} are";
                    var after = last is { } l ? string.Create(CultureInfo.InvariantCulture, $" (between event {l.Id} and event {row.Id})") : string.Create(CultureInfo.InvariantCulture, $" (before event {row.Id})");
                    return (expected - 1, previous, Break(AuditChainFault.Missing, row, $"{span} missing from the chain{after}: deleted"));
                }

                if (row.Sequence < expected)
                {
                    return (expected - 1, previous, Break(AuditChainFault.Inserted, row, string.Create(CultureInfo.InvariantCulture,
                        $"event {row.Id} claims place {row.Sequence}, which another event already holds: it was inserted")));
                }

                var selfHash = storedPrevious is null ? null : hasher.Compute(storedPrevious, row);
                if (storedHash is null || selfHash != storedHash)
                {
                    if (storedPrevious is not null && storedHash is not null && FirstLinkedAt(hasher, storedPrevious, storedHash, row) is { } place)
                    {
                        return (expected - 1, previous, Break(AuditChainFault.Reordered, row, string.Create(CultureInfo.InvariantCulture,
                            $"event {row.Id} is intact but was linked at place {place} and now stands at place {row.Sequence}: the order was changed")));
                    }

                    return (expected - 1, previous, Break(AuditChainFault.Edited, row, string.Create(CultureInfo.InvariantCulture,
                        $"event {row.Id} no longer matches its hash: it was changed after it was written")));
                }

                if (storedPrevious != previous)
                {
                    return (expected - 1, previous, Break(AuditChainFault.Inserted, row, string.Create(CultureInfo.InvariantCulture,
                        $"event {row.Id} does not follow the event before it: it, or the event before it, was put there directly")));
                }

                previous = storedHash;
                last = row;
                expected++;
            }
        }

        if (expected - 1 < headSequence)
        {
            var tail = headSequence - expected == 0 ? $"event number {expected} is" : $"events numbered {expected} to {headSequence} are";
            return (expected - 1, previous, last is { } l
                ? Break(AuditChainFault.Missing, l, $"the chain should end at event number {headSequence.ToString(CultureInfo.InvariantCulture)}; {tail} missing after event {l.Id.ToString(CultureInfo.InvariantCulture)}: deleted")
                : new AuditChainBreak(AuditChainFault.Missing, expected, null, null, null, $"the chain should hold {headSequence.ToString(CultureInfo.InvariantCulture)} events but none is left: deleted"));
        }

        if (previous != headHash)
        {
            return (expected - 1, previous, last is { } l
                ? Break(AuditChainFault.Edited, l, string.Create(CultureInfo.InvariantCulture, $"the chain's recorded end does not match event {l.Id}, the last: one of them was changed"))
                : new AuditChainBreak(AuditChainFault.Edited, 0, null, null, null, "the chain's recorded end was changed"));
        }

        return (expected - 1, previous, null);
    }

    /// <summary>Where an intact event that now stands elsewhere was first linked, if within <see cref="ReorderWindow"/> places.</summary>
    private static long? FirstLinkedAt(AuditChainHash hasher, string storedPrevious, string storedHash, AuditChainEntry row)
    {
        for (var d = 1L; d <= ReorderWindow; d++)
        {
            foreach (var place in (ReadOnlySpan<long>)[row.Sequence - d, row.Sequence + d])
            {
                if (place >= 1 && hasher.Compute(storedPrevious, row with { Sequence = place }) == storedHash)
                {
                    return place;
                }
            }
        }

        return null;
    }

    private static async Task<AuditChainBreak?> FirstUnlinkedAsync(DbTransaction transaction, long chained, CancellationToken cancellationToken)
    {
        await using var select = transaction.Connection!.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"""SELECT {Columns} FROM "AuditEvents" WHERE "Sequence" IS NULL ORDER BY "Id" LIMIT 1""";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var row = Read(reader);
        return new AuditChainBreak(AuditChainFault.Inserted, chained + 1, row.Id, row.OccurredAt, row.Action, string.Create(CultureInfo.InvariantCulture,
            $"event {row.Id} is not in the chain at all: it was added to the table directly, not by the register"));
    }

    private static AuditChainBreak Break(AuditChainFault fault, AuditChainEntry row, string explanation) =>
        new(fault, row.Sequence, row.Id, row.OccurredAt, row.Action, explanation);

    private static AuditChainEntry Read(DbDataReader r) => new(
        r.GetInt64(0),
        r.IsDBNull(1) ? 0 : r.GetInt64(1),
        DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc),
        r.IsDBNull(3) ? null : r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        r.GetString(7),
        r.IsDBNull(8) ? null : r.GetInt64(8),
        r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10),
        r.IsDBNull(11) ? null : r.GetString(11));

    /// <summary>
    /// Takes the head row's lock (PostgreSQL; on SQLite the write lock) with a write that changes nothing, and reads it:
    /// a second writer's same statement waits here until this transaction ends, then reads what it committed.
    /// </summary>
    private static async Task<(long Sequence, string Hash)> LockHeadAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """UPDATE "AuditChainHead" SET "Sequence" = "Sequence" WHERE "Id" = @id RETURNING "Sequence", "Hash" """;
        Add(command, "@id", AuditChainHead.SingleRowId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetString(1))
            : throw new InvalidOperationException("The audit chain's head row is missing: the register's schema is not current (run coopreg migrate).");
    }

    private static async Task<(long Sequence, string Hash)> ReadHeadAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT "Sequence", "Hash" FROM "AuditChainHead" WHERE "Id" = @id""";
        Add(command, "@id", AuditChainHead.SingleRowId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChainHash.Genesis);
    }

    private static async Task MoveHeadAsync(DbTransaction transaction, long sequence, string hash, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """UPDATE "AuditChainHead" SET "Sequence" = @sequence, "Hash" = @hash WHERE "Id" = @id""";
        Add(command, "@sequence", sequence);
        Add(command, "@hash", hash);
        Add(command, "@id", AuditChainHead.SingleRowId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes links into saved events, many rows per statement (UPDATE … FROM VALUES, which both engines accept).</summary>
    private static async Task WriteLinksAsync(DbTransaction transaction, List<(long Id, long Sequence, string Previous, string Hash)> links, (long Sequence, string Hash)? head, CancellationToken cancellationToken)
    {
        for (var start = 0; start < links.Count; start += UpdateBatch)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var values = new StringBuilder();
            for (var i = start; i < Math.Min(links.Count, start + UpdateBatch); i++)
            {
                var n = i - start;
                values.Append(values.Length == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@i{n}, @s{n}, @p{n}, @h{n})");
                Add(command, $"@i{n}", links[i].Id);
                Add(command, $"@s{n}", links[i].Sequence);
                Add(command, $"@p{n}", links[i].Previous);
                Add(command, $"@h{n}", links[i].Hash);
            }

            command.CommandText = $"""
                UPDATE "AuditEvents" SET "Sequence" = v.column2, "PreviousHash" = v.column3, "Hash" = v.column4
                FROM (VALUES {values}) AS v WHERE "AuditEvents"."Id" = v.column1
                """;
            if (head is { } h && start + UpdateBatch >= links.Count)
            {
                // The head moves in the same round trip as the last links.
                command.CommandText += """; UPDATE "AuditChainHead" SET "Sequence" = @headSequence, "Hash" = @headHash WHERE "Id" = @headId""";
                Add(command, "@headSequence", h.Sequence);
                Add(command, "@headHash", h.Hash);
                Add(command, "@headId", AuditChainHead.SingleRowId);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
