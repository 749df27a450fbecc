namespace CoopRegister.Domain.Shares;

/// <summary>
/// One dated event in a member's holding of one share class: the append-only journal from which every holding, and
/// the register as at any date, is derived (Act s.30(2)(c): shares held and amount paid). An entry is never updated
/// or deleted; a mistake is corrected by a <see cref="LedgerEntryKind.Reversal"/> that names the entry it reverses.
/// </summary>
public sealed class LedgerEntry
{
    public const int ReferenceMax = 64;
    public const int NoteMax = 500;

    private LedgerEntry()
    {
    }

    public long Id { get; private set; }
    public long MemberId { get; private set; }
    public int ShareClassId { get; private set; }
    public LedgerEntryKind Kind { get; private set; }

    /// <summary>The date the event takes effect in the register (the allotment date the committee approved).</summary>
    public DateOnly EffectiveDate { get; private set; }

    /// <summary>Signed: positive adds shares to the holding, negative takes them away.</summary>
    public long Shares { get; private set; }

    /// <summary>Signed change in the amount paid on the holding, in pence.</summary>
    public long AmountPaidPence { get; private set; }

    /// <summary>What the event came from, e.g. the application reference.</summary>
    public string? Reference { get; private set; }

    public long? ApplicationId { get; private set; }

    /// <summary>For a reversal: the entry it cancels. An entry can be reversed once (a unique index).</summary>
    public long? ReversesEntryId { get; private set; }

    public string? Note { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public static LedgerEntry Allotment(long memberId, int shareClassId, DateOnly date, long shares, long amountPaidPence, string reference,
        long? applicationId, DateTime recordedAtUtc, string recordedBy)
    {
        if (shares <= 0)
        {
            throw new DomainException("Shares", $"An allotment must be of at least one share; it is {shares}.");
        }

        if (amountPaidPence < 0)
        {
            throw new DomainException("AmountPaid", "The amount paid on an allotment cannot be negative.");
        }

        return new LedgerEntry
        {
            MemberId = memberId,
            ShareClassId = shareClassId,
            Kind = LedgerEntryKind.Allotment,
            EffectiveDate = date,
            Shares = shares,
            AmountPaidPence = amountPaidPence,
            Reference = Truncate(reference, ReferenceMax),
            ApplicationId = applicationId,
            RecordedAt = recordedAtUtc,
            RecordedBy = Truncate(recordedBy, 256),
        };
    }

    /// <summary>
    /// An event of a later kind (withdrawal, transfer, transmission, forfeiture) with its sign already applied. The
    /// caller has checked the holding; this only refuses a zero movement and a wrong sign for the kind.
    /// </summary>
    public static LedgerEntry Movement(LedgerEntryKind kind, long memberId, int shareClassId, DateOnly date, long shares, long amountPaidPence,
        string? reference, string? note, DateTime recordedAtUtc, string recordedBy)
    {
        var mustBeNegative = kind is LedgerEntryKind.Withdrawal or LedgerEntryKind.TransferOut or LedgerEntryKind.Forfeiture;
        var mustBePositive = kind is LedgerEntryKind.Allotment or LedgerEntryKind.TransferIn;
        if (shares == 0 || (mustBeNegative && shares > 0) || (mustBePositive && shares < 0) || kind == LedgerEntryKind.Reversal)
        {
            throw new DomainException("Shares", $"A {kind} entry cannot move {shares} shares.");
        }

        return new LedgerEntry
        {
            MemberId = memberId,
            ShareClassId = shareClassId,
            Kind = kind,
            EffectiveDate = date,
            Shares = shares,
            AmountPaidPence = amountPaidPence,
            Reference = reference is null ? null : Truncate(reference, ReferenceMax),
            Note = note is null ? null : Truncate(note, NoteMax),
            RecordedAt = recordedAtUtc,
            RecordedBy = Truncate(recordedBy, 256),
        };
    }

    /// <summary>The entry that cancels this one exactly, dated when the correction takes effect.</summary>
    public LedgerEntry Reverse(DateOnly effectiveDate, string reason, DateTime recordedAtUtc, string recordedBy)
    {
        if (Kind == LedgerEntryKind.Reversal)
        {
            throw new DomainException("A reversal cannot itself be reversed; record the correct event instead.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Reason", "Say why the entry is reversed: the reason is kept in the register's history.");
        }

        if (effectiveDate < EffectiveDate)
        {
            throw new DomainException("EffectiveDate", $"A reversal cannot take effect ({effectiveDate:yyyy-MM-dd}) before the entry it reverses ({EffectiveDate:yyyy-MM-dd}).");
        }

        return new LedgerEntry
        {
            MemberId = MemberId,
            ShareClassId = ShareClassId,
            Kind = LedgerEntryKind.Reversal,
            EffectiveDate = effectiveDate,
            Shares = -Shares,
            AmountPaidPence = -AmountPaidPence,
            Reference = Reference,
            ApplicationId = ApplicationId,
            ReversesEntryId = Id,
            Note = Truncate(reason.Trim(), NoteMax),
            RecordedAt = recordedAtUtc,
            RecordedBy = Truncate(recordedBy, 256),
        };
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
