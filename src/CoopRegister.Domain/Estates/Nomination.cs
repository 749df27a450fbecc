namespace CoopRegister.Domain.Estates;

/// <summary>
/// An entry in the nominations book (Act s.37–38; domain rule 29): a member names who is to receive their property in the
/// society on death. It must be in writing, signed by the member and received at the registered office in their
/// lifetime; it is good only up to £5,000; naming an officer or employee of the society is valid only for a close
/// relative; variations and revocations are kept, never overwritten.
/// </summary>
public sealed class Nomination
{
    public const int TextMax = 200;
    public const int AddressMax = 500;

    /// <summary>Act s.37: the relatives an officer or employee of the society may be and still be validly nominated.</summary>
    public static readonly IReadOnlyList<string> CloseRelatives = ["spouse", "civil partner", "parent", "child", "brother", "sister", "nephew", "niece"];

    /// <summary>The everyday words for the same relatives (a daughter is a child, a wife a spouse), so a registrar's wording is not warned about.</summary>
    private static readonly string[] CloseRelativeWords = ["husband", "wife", "mother", "father", "son", "daughter"];

    private Nomination()
    {
    }

    public long Id { get; private set; }
    public long MemberId { get; private set; }
    public string NomineeName { get; private set; } = "";
    public string NomineeAddress { get; private set; } = "";
    public string? Relationship { get; private set; }

    /// <summary>The nominee's share of the property in hundredths of a per cent (10000 = all of it).</summary>
    public int ShareBasisPoints { get; private set; }

    public bool NomineeIsOfficerOrEmployee { get; private set; }
    public DateOnly SignedOn { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public DateOnly? RevokedOn { get; private set; }
    public string? RevokedReason { get; private set; }
    public long? ReplacedById { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public bool IsCurrent => RevokedOn is null;

    /// <summary>
    /// Act s.37: a nominee who is an officer or employee but not a close relative makes the nomination invalid; the
    /// registrar is warned rather than refused, because the relationship may be recorded later.
    /// </summary>
    public bool NeedsRelationshipWarning => NomineeIsOfficerOrEmployee && !IsCloseRelative(Relationship);

    public static bool IsCloseRelative(string? relationship) =>
        relationship is not null && (CloseRelatives.Contains(relationship.Trim().ToLowerInvariant(), StringComparer.Ordinal)
                                     || CloseRelativeWords.Contains(relationship.Trim().ToLowerInvariant(), StringComparer.Ordinal));

    public static Nomination Record(long memberId, string nomineeName, string nomineeAddress, string? relationship, int shareBasisPoints,
        bool officerOrEmployee, DateOnly signedOn, DateOnly receivedOn, DateOnly? memberDied, DateOnly today, DateTime nowUtc, string by)
    {
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(nomineeName) || nomineeName.Trim().Length > TextMax)
        {
            errors.Add(new("NomineeName", $"The nominee's name is required, at most {TextMax} characters."));
        }

        if (string.IsNullOrWhiteSpace(nomineeAddress) || nomineeAddress.Trim().Length > AddressMax)
        {
            errors.Add(new("NomineeAddress", $"The nominee's address is required, at most {AddressMax} characters."));
        }

        if (shareBasisPoints is < 1 or > 10_000)
        {
            errors.Add(new("Share", "The nominee's share must be more than 0 % and at most 100 %."));
        }

        if (receivedOn < signedOn)
        {
            errors.Add(new("ReceivedOn", "The nomination cannot be received before it was signed."));
        }

        if (receivedOn > today)
        {
            errors.Add(new("ReceivedOn", "The date received is in the future."));
        }

        if (memberDied is { } died && receivedOn > died)
        {
            errors.Add(new("ReceivedOn", $"A nomination must be received in the member's lifetime (Act s.37); the member died on {died:yyyy-MM-dd}."));
        }

        if (relationship is { Length: > 60 })
        {
            errors.Add(new("Relationship", "The relationship may be at most 60 characters."));
        }

        return errors.Count > 0
            ? throw new DomainException(errors)
            : new Nomination
            {
                MemberId = memberId,
                NomineeName = nomineeName.Trim(),
                NomineeAddress = nomineeAddress.Trim(),
                Relationship = string.IsNullOrWhiteSpace(relationship) ? null : relationship.Trim(),
                ShareBasisPoints = shareBasisPoints,
                NomineeIsOfficerOrEmployee = officerOrEmployee,
                SignedOn = signedOn,
                ReceivedOn = receivedOn,
                RecordedAt = nowUtc,
                RecordedBy = by.Length <= 256 ? by : by[..256],
            };
    }

    /// <summary>Revokes this nomination (by a later signed statement, never by will); <paramref name="replacement"/> names a variation.</summary>
    public void Revoke(DateOnly on, string reason, Nomination? replacement)
    {
        if (RevokedOn is not null)
        {
            throw new DomainException($"This nomination was already revoked on {RevokedOn:yyyy-MM-dd}.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > TextMax)
        {
            throw new DomainException("Reason", $"Give the reason (a signed revocation or variation), at most {TextMax} characters.");
        }

        if (on < ReceivedOn)
        {
            throw new DomainException("RevokedOn", "A nomination cannot be revoked before it was received.");
        }

        RevokedOn = on;
        RevokedReason = reason.Trim();
        ReplacedById = replacement?.Id;
    }
}
