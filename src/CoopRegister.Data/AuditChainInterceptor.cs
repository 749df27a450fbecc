using System.Data.Common;
using CoopRegister.Domain.Audit;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoopRegister.Data;

/// <summary>
/// Links the audit events a transaction added into the hash chain as the transaction commits: the one point where every
/// audit write made through EF passes, so that the services that record events need not know the chain exists. Linking
/// at commit rather than at each save keeps the chain head's lock for the shortest time (PostgreSQL holds it until the
/// commit) and makes the chain's order the order in which the events committed.
/// </summary>
internal sealed class AuditChainInterceptor : DbTransactionInterceptor
{
    public static readonly AuditChainInterceptor Instance = new();

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Take(eventData) is { } events)
        {
            AuditChain.LinkSavedAsync(transaction, events, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData) is { } events)
        {
            await AuditChain.LinkSavedAsync(transaction, events, cancellationToken);
        }

        return result;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static AuditEvent[]? Take(TransactionEventData eventData)
    {
        if (eventData.Context is not RegisterDbContext { UnlinkedAuditEvents.Count: > 0 } db)
        {
            return null;
        }

        var events = db.UnlinkedAuditEvents.ToArray();
        db.UnlinkedAuditEvents.Clear();
        return events;
    }

    private static void Forget(TransactionEventData eventData)
    {
        if (eventData.Context is RegisterDbContext db)
        {
            db.UnlinkedAuditEvents.Clear();
        }
    }
}
