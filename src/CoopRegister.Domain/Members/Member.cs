using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Members;

/// <summary>
/// An entry in the register of members (Act s.30). A member is admitted when shares are first allotted, has a member
/// number that is never reused, and is never deleted: ceasing end-dates the membership and keeps the entry (domain
/// rule 1(f) and rule 59).
/// </summary>
public sealed class Member
{
    public const int ReasonMax = 200;

    private Member()
    {
    }

    public long Id { get; private set; }

    /// <summary>Allocated without gaps, in the same transaction as the admission, and never reused.</summary>
    public long MemberNumber { get; private set; }

    public PersonDetails Details { get; private set; } = new();

    /// <summary>Search forms of the name, the last word of the name, the postcode and the e-mail address (<see cref="SearchKeys"/>).</summary>
    public string NameKey { get; private set; } = "";

    public string SurnameKey { get; private set; } = "";

    /// <summary>The name without its first word ("o briain" for Zoë Ó Briain), so that family names of several words are found too.</summary>
    public string FamilyNameKey { get; private set; } = "";
    public string PostcodeKey { get; private set; } = "";
    public string EmailKey { get; private set; } = "";

    /// <summary>Consent to marketing by e-mail, kept apart from the address given for statutory notices (PECR; domain rule 57).</summary>
    public bool MarketingConsent { get; private set; }

    public DateTime? MarketingConsentChangedAt { get; private set; }

    /// <summary>The date the member was entered on the register (Act s.30(2)(e)).</summary>
    public DateOnly DateEntered { get; private set; }

    /// <summary>The date the member ceased to be a member (Act s.30(2)(f)); null while a member.</summary>
    public DateOnly? DateCeased { get; private set; }

    public string? CeasedReason { get; private set; }

    /// <summary>Why the membership ended (domain rule 34).</summary>
    public CessationKind? CeasedKind { get; private set; }

    /// <summary>The last date the society heard from the member or reached them; lost contact is judged from it (rule 35).</summary>
    public DateOnly? LastContactOn { get; private set; }

    /// <summary>
    /// The day the former member's non-statutory data was minimised under the society's retention policy (domain rule 59);
    /// null while it is held. The statutory fields stay (Act s.30(2)); see <see cref="RetentionPolicy"/>.
    /// </summary>
    public DateOnly? MinimisedOn { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public bool IsMemberOn(DateOnly date) => DateEntered <= date && (DateCeased is null || DateCeased > date);

    /// <summary>Admits a member: called by allotment, which has already checked the holding rules.</summary>
    public static Member Admit(long memberNumber, PersonDetails details, bool marketingConsent, DateOnly dateEntered, SocietyDetails society, DateOnly today, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (memberNumber <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(memberNumber), memberNumber, "Member numbers start at 1.");
        }

        var normalised = details.Normalised();
        Check(normalised, society, today);
        var m = new Member
        {
            MemberNumber = memberNumber,
            DateEntered = dateEntered,
            MarketingConsent = marketingConsent,
            MarketingConsentChangedAt = nowUtc,
            LastContactOn = dateEntered,
            CreatedAt = nowUtc,
            UpdatedAt = nowUtc,
        };
        m.SetDetails(normalised);
        return m;
    }

    /// <summary>
    /// Enters a member carried over from the society's earlier register (an import), keeping the number, the dates and
    /// the details that register had, and its record of ceasing. The caller passes details already
    /// <see cref="PersonDetails.Normalised"/> and checked with <see cref="PersonDetails.Validate"/> as an existing
    /// member's (admission: false): an import reports every broken rule with its line and column before it writes
    /// anything, so the rules are not run a second time here. The member was admitted under the earlier register, so
    /// no minimum age or date of birth applies, and no marketing consent is assumed.
    /// </summary>
    public static Member CarriedOver(long memberNumber, PersonDetails normalisedDetails, DateOnly dateEntered, DateOnly? dateCeased, string? ceasedReason, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(normalisedDetails);
        if (memberNumber <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(memberNumber), memberNumber, "Member numbers start at 1.");
        }

        if (dateCeased is { } ceased)
        {
            if (ceased < dateEntered)
            {
                throw new DomainException("DateCeased", $"A membership cannot end ({ceased:yyyy-MM-dd}) before it began ({dateEntered:yyyy-MM-dd}).");
            }

            if (string.IsNullOrWhiteSpace(ceasedReason) || ceasedReason.Length > ReasonMax)
            {
                throw new DomainException("Reason", $"Give the reason for ceasing, at most {ReasonMax} characters.");
            }
        }

        var m = new Member
        {
            MemberNumber = memberNumber,
            DateEntered = dateEntered,
            DateCeased = dateCeased,
            CeasedReason = dateCeased is null ? null : ceasedReason!.Trim(),
            CreatedAt = nowUtc,
            UpdatedAt = nowUtc,
        };
        m.SetDetails(normalisedDetails);
        return m;
    }

    /// <summary>
    /// Changes the name, address and contact details. The kind of member cannot change: a person who becomes an
    /// organisation is a new member.
    /// </summary>
    public void ChangeDetails(PersonDetails details, SocietyDetails society, DateOnly today, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        var normalised = details.Normalised();
        if (normalised.Kind != Details.Kind)
        {
            throw new DomainException("Kind", $"A member's kind cannot change ({Details.Kind.Describe()} to {normalised.Kind.Describe()}); admit a new member instead.");
        }

        Check(normalised, society, today, existingMember: true);
        SetDetails(normalised);
        UpdatedAt = nowUtc;
    }

    public void SetMarketingConsent(bool consent, DateTime nowUtc)
    {
        if (consent != MarketingConsent)
        {
            MarketingConsent = consent;
            MarketingConsentChangedAt = nowUtc;
            UpdatedAt = nowUtc;
        }
    }

    /// <summary>Records that the society heard from, or reached, the member on a date.</summary>
    public void RecordContact(DateOnly on)
    {
        if (LastContactOn is null || on > LastContactOn)
        {
            LastContactOn = on;
        }
    }

    /// <summary>Ends the membership on a date, for a reason; the entry stays on the register (Act s.30(2)(f)).</summary>
    public void Cease(DateOnly date, CessationKind kind, string reason, DateTime nowUtc)
    {
        if (DateCeased is not null)
        {
            throw new DomainException("DateCeased", $"Member {MemberNumber} already ceased on {DateCeased:yyyy-MM-dd}.");
        }

        if (date < DateEntered)
        {
            throw new DomainException("DateCeased", $"A membership cannot end ({date:yyyy-MM-dd}) before it began ({DateEntered:yyyy-MM-dd}).");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ReasonMax)
        {
            throw new DomainException("Reason", $"Give the reason for ceasing, at most {ReasonMax} characters.");
        }

        DateCeased = date;
        CeasedKind = kind;
        CeasedReason = reason.Trim();
        UpdatedAt = nowUtc;
    }

    private void SetDetails(PersonDetails d)
    {
        Details = d;
        NameKey = SearchKeys.Name(d.Name);
        SurnameKey = d.Kind.IsOrganisation() ? "" : SearchKeys.LastWord(NameKey);
        FamilyNameKey = d.Kind.IsOrganisation() ? "" : SearchKeys.AfterFirstWord(NameKey);
        PostcodeKey = SearchKeys.Postcode(d.Postcode);
        EmailKey = SearchKeys.Email(d.Email);
    }

    private static void Check(PersonDetails d, SocietyDetails society, DateOnly today, bool existingMember = false)
    {
        var errors = d.Validate(society, today, admission: !existingMember);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }
    }
}
