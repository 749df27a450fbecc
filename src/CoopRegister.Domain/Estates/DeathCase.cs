namespace CoopRegister.Domain.Estates;

/// <summary>How the holding of a member who died is settled (domain rules 29–31).</summary>
public enum EstateRoute
{
    /// <summary>Not decided yet.</summary>
    Undecided,

    /// <summary>Paid to the nominee(s), up to £5,000 (Act s.37).</summary>
    PaidToNominees,

    /// <summary>Paid without probate or letters of administration, up to £5,000 (Act s.40).</summary>
    PaidWithoutProbate,

    /// <summary>Paid to the personal representatives on sight of probate or letters of administration.</summary>
    PaidToEstate,

    /// <summary>Transferred to a beneficiary who is (or becomes) a member, within their holding cap.</summary>
    TransmittedToMember,
}

/// <summary>
/// The registrar's case file when a member dies: notice of death freezes the holding (no withdrawal, transfer or top-up),
/// the membership ceases on the date of death, and a checklist records the evidence seen, whether a nomination was
/// found, and how the holding was settled. Societies must tell a notified death apart from lost contact (rule 31).
/// </summary>
public sealed class DeathCase
{
    public const int TextMax = 300;

    private DeathCase()
    {
    }

    public long Id { get; private set; }
    public long MemberId { get; private set; }
    public DateOnly DateOfDeath { get; private set; }
    public DateOnly NotifiedOn { get; private set; }
    public string NotifiedBy { get; private set; } = "";
    public string? EvidenceSeen { get; private set; }
    public bool? NominationFound { get; private set; }
    public EstateRoute Route { get; private set; }
    public long? SettledPence { get; private set; }
    public DateOnly? SettledOn { get; private set; }
    public string? SettledTo { get; private set; }
    public long? TransmittedToMemberId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public bool IsOpen => SettledOn is null;

    public static DeathCase Open(long memberId, DateOnly dateOfDeath, DateOnly notifiedOn, string notifiedBy, DateOnly memberEntered, DateOnly today, DateTime nowUtc)
    {
        var errors = new List<RuleViolation>();
        if (dateOfDeath > today || notifiedOn > today)
        {
            errors.Add(new("DateOfDeath", "The date of death and the date of notice cannot be in the future."));
        }

        if (notifiedOn < dateOfDeath)
        {
            errors.Add(new("NotifiedOn", "Notice of death cannot come before the death."));
        }

        if (dateOfDeath < memberEntered)
        {
            errors.Add(new("DateOfDeath", $"The date of death is before the member joined ({memberEntered:yyyy-MM-dd})."));
        }

        if (string.IsNullOrWhiteSpace(notifiedBy) || notifiedBy.Length > TextMax)
        {
            errors.Add(new("NotifiedBy", "Say who gave notice of the death (for example, a relative's name)."));
        }

        return errors.Count > 0
            ? throw new DomainException(errors)
            : new DeathCase { MemberId = memberId, DateOfDeath = dateOfDeath, NotifiedOn = notifiedOn, NotifiedBy = notifiedBy.Trim(), CreatedAt = nowUtc };
    }

    public void RecordEvidence(string evidence, bool nominationFound)
    {
        RequireOpen();
        if (string.IsNullOrWhiteSpace(evidence) || evidence.Length > TextMax)
        {
            throw new DomainException("Evidence", "Describe the evidence seen (for example, the death certificate's entry number).");
        }

        EvidenceSeen = evidence.Trim();
        NominationFound = nominationFound;
    }

    /// <summary>
    /// Settles the holding. Paying a nominee or paying without probate is limited to £5,000 (Act s.37 and s.40); the evidence
    /// must have been recorded first; the rest goes through the estate.
    /// </summary>
    public void Settle(EstateRoute route, long amountPence, DateOnly on, string to, long? toMemberId, DateOnly today)
    {
        RequireOpen();
        var errors = new List<RuleViolation>();
        if (EvidenceSeen is null)
        {
            errors.Add(new("Evidence", "Record the evidence of death seen before settling."));
        }

        if (route is EstateRoute.PaidToNominees or EstateRoute.PaidWithoutProbate && amountPence > Society.StatutoryLimits.DeathPayoutWithoutProbate.Pence)
        {
            errors.Add(new("Amount", $"Without probate, or to nominees, at most {Society.StatutoryLimits.DeathPayoutWithoutProbate.Format(true)} may be paid (Act s.37, s.40); this is {new Money(amountPence).Format()}. Pay the rest to the estate."));
        }

        if (route == EstateRoute.PaidToNominees && NominationFound != true)
        {
            errors.Add(new("Route", "No nomination was found: the holding cannot be paid to nominees."));
        }

        if (route == EstateRoute.TransmittedToMember && toMemberId is null)
        {
            errors.Add(new("ToMember", "Choose the member the shares pass to."));
        }

        if (route == EstateRoute.Undecided)
        {
            errors.Add(new("Route", "Choose how the holding is settled."));
        }

        if (on < DateOfDeath || on > today)
        {
            errors.Add(new("SettledOn", "The settlement is dated between the death and today."));
        }

        if (string.IsNullOrWhiteSpace(to) || to.Length > TextMax)
        {
            errors.Add(new("SettledTo", "Say to whom the holding went."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        Route = route;
        SettledPence = amountPence;
        SettledOn = on;
        SettledTo = to.Trim();
        TransmittedToMemberId = toMemberId;
    }

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException($"This case was settled on {SettledOn:yyyy-MM-dd}.");
        }
    }
}
