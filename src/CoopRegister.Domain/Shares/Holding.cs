namespace CoopRegister.Domain.Shares;

/// <summary>
/// A member's current holding of one class: a cached sum of the ledger, updated in the same transaction as every
/// entry so that lists over a million members need not sum ten million entries. It is never the source of truth:
/// <c>Verify</c> compares it with the ledger and reports any difference.
/// </summary>
public sealed class Holding
{
    private Holding()
    {
    }

    public long MemberId { get; private set; }
    public int ShareClassId { get; private set; }
    public long Shares { get; private set; }
    public long AmountPaidPence { get; private set; }

    public Money AmountPaid => new(AmountPaidPence);

    public static Holding Empty(long memberId, int shareClassId) => new() { MemberId = memberId, ShareClassId = shareClassId };

    public static Holding Of(long memberId, int shareClassId, long shares, long amountPaidPence) =>
        new() { MemberId = memberId, ShareClassId = shareClassId, Shares = shares, AmountPaidPence = amountPaidPence };

    /// <summary>Adds an entry's movement; a holding can never go below zero (it would mean repaying shares never held).</summary>
    public void Apply(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.MemberId != MemberId || entry.ShareClassId != ShareClassId)
        {
            throw new InvalidOperationException("The entry belongs to another holding.");
        }

        if (Shares + entry.Shares < 0)
        {
            throw new DomainException("Shares", $"The holding is {Shares} shares; taking away {-entry.Shares} would leave it below zero.");
        }

        Shares += entry.Shares;
        AmountPaidPence += entry.AmountPaidPence;
    }
}
