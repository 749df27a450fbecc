using CoopRegister.Domain.Audit;

namespace CoopRegister.Data;

/// <summary>
/// The end of the audit trail's hash chain: how many events it holds and the last one's hash. One row. Every transaction
/// that adds audit events updates it just before it commits, which both numbers the events in commit order and makes
/// two such transactions take turns (PostgreSQL: the row's lock; SQLite: the database's single write lock), so that
/// no two events ever chain from the same predecessor, and a rolled-back transaction leaves no trace in it.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingleRowId = 1;

    public int Id { get; set; } = SingleRowId;

    /// <summary>The sequence number of the last event in the chain; 0 while the chain is empty.</summary>
    public long Sequence { get; set; }

    /// <summary>The last event's hash, or <see cref="AuditChainHash.Genesis"/> while the chain is empty.</summary>
    public string Hash { get; set; } = AuditChainHash.Genesis;
}
