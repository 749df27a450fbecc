using System.Collections.Concurrent;
using CoopRegister.Data;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Meetings;

/// <summary>
/// SQLite lets one transaction write at a time; a vote that finds the write lock taken is left to SQLite's busy
/// handler, which sleeps and tries again at growing intervals (up to 100 ms a try), so in a burst of votes some
/// wait far longer than the votes ahead of them take. Votes into the same database therefore queue here (keyed by
/// the connection string), and each starts its transaction as soon as the one before has committed. PostgreSQL
/// queues writers on its own row lock and needs no gate. The gate only orders votes among themselves; the database's
/// locks still decide everything that matters for correctness.
/// </summary>
internal static class SqliteVoteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this database's turn (SQLite), or at once returns nothing to release (PostgreSQL).</summary>
    public static async Task<IDisposable?> EnterAsync(RegisterDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
