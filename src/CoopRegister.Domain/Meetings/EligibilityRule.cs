namespace CoopRegister.Domain.Meetings;

/// <summary>
/// Who may vote at a meeting, as the society's rules say (domain rule 44): the default is the Co-operative Group's
/// rule, a member on the date of the notice and on the date of the meeting, aged 16 or over, holding the minimum
/// holding fully paid. The rule is stored with the meeting and the voter roll is a snapshot taken under it.
/// </summary>
public sealed record EligibilityRule
{
    public const int MaximumAge = 25;

    /// <summary>Must have been a member on the date the notice was given.</summary>
    public bool MemberOnNoticeDate { get; init; } = true;

    /// <summary>Must still be a member on the date of the meeting (its first section).</summary>
    public bool MemberOnMeetingDate { get; init; } = true;

    /// <summary>The minimum age on the meeting date, for people; null when the rules set none.</summary>
    public int? MinimumAge { get; init; } = 16;

    /// <summary>Must hold at least the minimum holding of a class that confers membership, fully paid.</summary>
    public bool MinimumHoldingFullyPaid { get; init; } = true;

    public static EligibilityRule Default { get; } = new();

    /// <summary>The dates the register is read on, for a meeting with this notice date and (first) meeting date.</summary>
    public EligibilityCutoffs Cutoffs(DateOnly noticeDate, DateOnly meetingDate) => new(
        JoinedOnOrBefore: MemberOnNoticeDate ? noticeDate : meetingDate,
        StillMemberOn: MemberOnMeetingDate ? meetingDate : noticeDate,
        BornOnOrBefore: MinimumAge is { } age ? meetingDate.AddYears(-age) : null,
        MinimumHoldingFullyPaid);

    /// <summary>
    /// Whether a member with these facts is on the roll. A person whose date of birth the register does not hold
    /// passes the age test: the society's own minimum age was checked on admission (domain rule 7) or the member was
    /// carried over from an earlier register; organisations have no age.
    /// </summary>
    public bool Admits(VoterFacts member, DateOnly noticeDate, DateOnly meetingDate)
    {
        ArgumentNullException.ThrowIfNull(member);
        var c = Cutoffs(noticeDate, meetingDate);
        return member.DateEntered <= c.JoinedOnOrBefore
               && member.DateEntered <= c.StillMemberOn
               && (member.DateCeased is null || member.DateCeased > c.StillMemberOn)
               && (c.BornOnOrBefore is null || !member.IsPerson || member.DateOfBirth is null || member.DateOfBirth <= c.BornOnOrBefore)
               && (!c.MinimumHoldingFullyPaid || member.HoldsMinimumFullyPaid);
    }

    public IReadOnlyList<RuleViolation> Validate()
    {
        var errors = new List<RuleViolation>();
        if (MinimumAge is < 0 or > MaximumAge)
        {
            errors.Add(new RuleViolation(nameof(MinimumAge), $"The minimum voting age must be between 0 and {MaximumAge}, or left empty when the rules set none."));
        }

        return errors;
    }

    /// <summary>The rule in words, as the roll and the declaration print it.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (MemberOnNoticeDate)
        {
            parts.Add("a member on the notice date");
        }

        parts.Add(MemberOnMeetingDate ? "a member on the meeting date" : "admitted by the meeting date");
        if (MinimumAge is { } age)
        {
            parts.Add($"aged {age} or over on the meeting date");
        }

        if (MinimumHoldingFullyPaid)
        {
            parts.Add("holding the minimum holding fully paid");
        }

        return string.Join(", ", parts);
    }
}

/// <summary>The dates and tests the roll is taken with.</summary>
public sealed record EligibilityCutoffs(DateOnly JoinedOnOrBefore, DateOnly StillMemberOn, DateOnly? BornOnOrBefore, bool MinimumHoldingFullyPaid);

/// <summary>What the eligibility rule needs to know about one member.</summary>
public sealed record VoterFacts(DateOnly DateEntered, DateOnly? DateCeased, bool IsPerson, DateOnly? DateOfBirth, bool HoldsMinimumFullyPaid);
