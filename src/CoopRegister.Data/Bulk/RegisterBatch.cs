using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Audit;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;

namespace CoopRegister.Data.Bulk;

/// <summary>
/// New register rows that go in together, in one transaction: members with their ledger entries and holdings,
/// applications with their payments and events, and the audit events that record the change. Every entity already has
/// its key (<see cref="BulkKeyAssigner"/>), numbered from <see cref="Start"/>; <see cref="End"/> is where the next
/// batch starts, and its member number is what the member counter holds afterwards.
/// </summary>
public sealed class RegisterBatch(RegisterKeys start)
{
    public RegisterKeys Start { get; } = start ?? throw new ArgumentNullException(nameof(start));

    public RegisterKeys End { get; set; } = start;

    /// <summary>
    /// Whether the members keep numbers given to them (<see cref="BulkKeyAssigner.UseMemberNumber"/>: an earlier
    /// register's own numbers, brought in by an import, with that register's gaps and in any order) instead of taking
    /// the next numbers without a gap. <see cref="End"/>'s member number is then the one after the largest so far, and
    /// the member counter is set to it, so the register goes on numbering after every imported number.
    /// </summary>
    public bool KeepsMemberNumbers { get; init; }

    public List<Member> Members { get; } = [];

    public List<LedgerEntry> LedgerEntries { get; } = [];

    public List<Holding> Holdings { get; } = [];

    /// <summary>Applications; their <see cref="ShareApplication.Payments"/> and <see cref="ShareApplication.Events"/> are written with them.</summary>
    public List<ShareApplication> Applications { get; } = [];

    public List<AuditEvent> AuditEvents { get; } = [];

    public int ApplicationPaymentCount => Applications.Sum(a => a.Payments.Count);

    public int ApplicationEventCount => Applications.Sum(a => a.Events.Count);
}
