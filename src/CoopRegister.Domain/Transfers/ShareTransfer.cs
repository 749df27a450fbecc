namespace CoopRegister.Domain.Transfers;

/// <summary>
/// A transfer of shares from one member to another (domain rule 18), possible only where the society's rules make the
/// class transferable: the transfer form, the committee's consent, and the date it takes effect. Registering it writes a
/// transfer-out and a transfer-in to the ledger in one transaction and supersedes both sides' certificates.
/// </summary>
public sealed class ShareTransfer
{
    public const int TextMax = 200;

    private ShareTransfer()
    {
    }

    public long Id { get; private set; }
    public long FromMemberId { get; private set; }
    public long ToMemberId { get; private set; }
    public int ShareClassId { get; private set; }
    public long Shares { get; private set; }
    public long AmountPaidPence { get; private set; }
    public DateOnly FormSignedOn { get; private set; }
    public DateOnly ConsentedOn { get; private set; }
    public string ConsentMinutes { get; private set; } = "";
    public DateOnly EffectiveDate { get; private set; }
    public long OutEntryId { get; private set; }
    public long InEntryId { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    /// <summary>Checks a transfer before it is registered; the holding rules for the transferee are checked by the caller.</summary>
    public static ShareTransfer Register(long fromMemberId, long toMemberId, int shareClassId, bool transferable, long shares, long fromHolding, long fromPaidPence,
        DateOnly formSignedOn, DateOnly consentedOn, string consentMinutes, DateOnly effectiveDate, DateOnly today, DateTime nowUtc, string by)
    {
        var errors = new List<RuleViolation>();
        if (!transferable)
        {
            errors.Add(new("ShareClass", "These shares are not transferable under the society's rules (domain rule 18); only withdrawal or transmission on death moves them."));
        }

        if (fromMemberId == toMemberId)
        {
            errors.Add(new("ToMember", "A member cannot transfer shares to themselves."));
        }

        if (shares <= 0)
        {
            errors.Add(new("Shares", "Give the number of shares to transfer: at least 1."));
        }
        else if (shares > fromHolding)
        {
            errors.Add(new("Shares", $"The transferor holds {fromHolding} shares; {shares} cannot be transferred."));
        }

        if (consentedOn < formSignedOn)
        {
            errors.Add(new("ConsentedOn", "The committee cannot consent before the transfer form was signed."));
        }

        if (effectiveDate < consentedOn || effectiveDate > today)
        {
            errors.Add(new("EffectiveDate", $"The transfer takes effect on or after the consent ({consentedOn:yyyy-MM-dd}) and not in the future."));
        }

        if (string.IsNullOrWhiteSpace(consentMinutes) || consentMinutes.Length > 100)
        {
            errors.Add(new("ConsentMinutes", "Give the reference of the committee minutes that consent to the transfer (at most 100 characters)."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        // The amount paid moves with the shares in proportion, rounded down to the penny on the shares that move.
        var paid = fromHolding == 0 ? 0 : (long)((Int128)fromPaidPence * shares / fromHolding);
        return new ShareTransfer
        {
            FromMemberId = fromMemberId,
            ToMemberId = toMemberId,
            ShareClassId = shareClassId,
            Shares = shares,
            AmountPaidPence = paid,
            FormSignedOn = formSignedOn,
            ConsentedOn = consentedOn,
            ConsentMinutes = consentMinutes.Trim(),
            EffectiveDate = effectiveDate,
            RecordedAt = nowUtc,
            RecordedBy = by.Length <= 256 ? by : by[..256],
        };
    }

    public void RecordEntries(long outEntryId, long inEntryId)
    {
        OutEntryId = outEntryId;
        InEntryId = inEntryId;
    }
}
