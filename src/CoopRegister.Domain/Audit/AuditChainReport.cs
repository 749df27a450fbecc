namespace CoopRegister.Domain.Audit;

/// <summary>What is wrong at the first broken link of the audit trail's hash chain.</summary>
public enum AuditChainFault
{
    /// <summary>An event's contents no longer match the hash it was written with: changed after it was written.</summary>
    Edited,

    /// <summary>Events the chain numbered are no longer there: deleted.</summary>
    Missing,

    /// <summary>An event that was never linked into the chain, or one placed in it by something other than the register.</summary>
    Inserted,

    /// <summary>An event intact in itself but moved to another place in the chain.</summary>
    Reordered,
}

/// <summary>The first broken link: which event (where there is one to name), and what is wrong with it.</summary>
public sealed record AuditChainBreak(
    AuditChainFault Fault,
    long Sequence,
    long? EventId,
    DateTime? OccurredAt,
    string? Action,
    string Explanation);

/// <summary>The outcome of walking the whole audit chain.</summary>
/// <param name="Events">The events checked in chain order before the walk stopped (all of them when intact).</param>
/// <param name="LastHash">The last hash verified; an auditor who notes it can later tell whether the chain was rewritten.</param>
public sealed record AuditChainReport(long Events, string LastHash, AuditChainBreak? Break, TimeSpan Elapsed)
{
    public bool Intact => Break is null;
}
