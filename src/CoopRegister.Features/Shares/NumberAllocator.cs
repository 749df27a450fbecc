using CoopRegister.Data;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Shares;

/// <summary>
/// Takes numbers from a gap-free series inside the caller's transaction (no database sequences: a rolled-back
/// sequence value would leave a gap in the register). Two writers at once collide on the counter's concurrency token
/// when they save; the loser's whole operation is retried by <see cref="Retry"/>.
/// </summary>
public static class NumberAllocator
{
    /// <summary>Reserves <paramref name="count"/> consecutive numbers and returns the first.</summary>
    public static async Task<long> TakeAsync(RegisterDbContext db, string series, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var counter = await db.NumberCounters.SingleOrDefaultAsync(c => c.Name == series, cancellationToken);
        if (counter is null)
        {
            counter = new NumberCounter { Name = series, Next = 1 };
            db.NumberCounters.Add(counter);
        }

        var first = counter.Next;
        counter.Next = checked(first + count);
        return first;
    }
}

/// <summary>Runs a unit of work again when another writer changed the same rows first (optimistic concurrency on counters).</summary>
public static class Retry
{
    public const int Attempts = 5;

    public static async Task<T> OnNumberingConflictAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (NumberingConflictException) when (attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(5, 40) * attempt, cancellationToken);
            }
        }
    }
}

/// <summary>Another writer took the next number first; the operation can safely be run again from the start.</summary>
public sealed class NumberingConflictException : Exception
{
    public NumberingConflictException()
    {
    }

    public NumberingConflictException(string message)
        : base(message)
    {
    }

    public NumberingConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
