namespace CoopRegister.Domain.Meetings;

/// <summary>Where a two-meeting special resolution stands.</summary>
public enum SpecialResolutionStatus
{
    /// <summary>Carried at the first meeting; awaits the confirming vote at a second general meeting within the interval.</summary>
    AwaitingConfirmation,

    /// <summary>Confirmed at the second meeting: the special resolution is passed.</summary>
    Passed,

    /// <summary>The second meeting did not confirm it: the special resolution is not passed.</summary>
    NotConfirmed,
}

/// <summary>
/// The days on which the confirming meeting may sit: from <see cref="From"/> to <see cref="By"/>, both included, counted
/// from the day the resolution was carried. Act s.111 sets the interval; domain-rules.md (rule 42 and open question 2)
/// could not read its wording and believes "not less than 14 days nor more than one month", as s.50 of the Industrial and
/// Provident Societies Act 1965 said; the society's settings hold the figures so that they can be corrected without a
/// change to the software.
/// </summary>
public sealed record ConfirmationWindow(DateOnly From, DateOnly By)
{
    public const int DefaultMinimumDays = 14;
    public const int DefaultMaximumMonths = 1;

    public static ConfirmationWindow After(DateOnly carriedOn, int minimumDays, int maximumMonths) => new(carriedOn.AddDays(minimumDays), carriedOn.AddMonths(maximumMonths));

    public bool Contains(DateOnly date) => date >= From && date <= By;

    /// <summary>Null when the section's date lies in the window; otherwise the violation, naming the dates.</summary>
    public RuleViolation? Check(DateOnly date, string what, int motionNumber) => Contains(date)
        ? null
        : new RuleViolation("Sections",
            $"{what} sits on {date:yyyy-MM-dd}, but motion {motionNumber} confirms a special resolution and the confirming meeting must be held from {From:yyyy-MM-dd} to {By:yyyy-MM-dd} (Act s.111: the interval after the first meeting, as the society's settings give it).");
}

/// <summary>
/// A statutory special resolution that takes two general meetings (design/voting.md: "keep the two-meeting lifecycle for
/// s.111/s.113 resolutions as one linked object, and enforce the interval"): Act s.111 (amalgamation or transfer of
/// engagements: at least two-thirds at the first meeting) or s.113 (conversion into a company: at least 75 % with at
/// least half of the eligible members voting), then confirmed by more than half of those voting at a second general
/// meeting held within the interval. It is created when the first meeting's result carrying it is declared, and it
/// is passed only when the confirming motion is declared carried.
/// </summary>
public sealed class SpecialResolution
{
    public const int TitleMax = Motion.TitleMax;

    private SpecialResolution()
    {
    }

    public long Id { get; private set; }

    /// <summary>The first meeting's threshold: <see cref="ThresholdKind.AmalgamationS111"/> or <see cref="ThresholdKind.ConversionS113"/>.</summary>
    public ThresholdKind Kind { get; private set; }

    public string Title { get; private set; } = "";
    public long FirstMeetingId { get; private set; }
    public long FirstMotionId { get; private set; }

    /// <summary>The day the first meeting carried it: its last section's date, when the sections' votes were complete.</summary>
    public DateOnly CarriedOn { get; private set; }

    public DateOnly ConfirmFrom { get; private set; }
    public DateOnly ConfirmBy { get; private set; }
    public SpecialResolutionStatus Status { get; private set; }

    /// <summary>The confirming motion and its meeting, once that meeting's results are declared.</summary>
    public long? ConfirmingMeetingId { get; private set; }

    public long? ConfirmingMotionId { get; private set; }
    public DateOnly? SettledOn { get; private set; }

    public ConfirmationWindow Window => new(ConfirmFrom, ConfirmBy);

    /// <summary>No confirming vote was declared and the last day it could have been held has passed.</summary>
    public bool LapsedOn(DateOnly today) => Status == SpecialResolutionStatus.AwaitingConfirmation && today > ConfirmBy;

    /// <summary>Opens the resolution when its first meeting's declaration shows it carried.</summary>
    public static SpecialResolution Carried(Meeting meeting, Motion motion, int minimumDays, int maximumMonths)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(motion);
        if (!motion.Threshold.RequiresConfirmation || motion.Carried != true)
        {
            throw new DomainException("Motion", $"Motion {motion.Number} is not a carried s.111 or s.113 special resolution.");
        }

        var window = ConfirmationWindow.After(meeting.LastSectionDate, minimumDays, maximumMonths);
        return new SpecialResolution
        {
            Kind = motion.Threshold.Kind, Title = motion.Title, FirstMeetingId = meeting.Id, FirstMotionId = motion.Id, CarriedOn = meeting.LastSectionDate,
            ConfirmFrom = window.From, ConfirmBy = window.By, Status = SpecialResolutionStatus.AwaitingConfirmation,
        };
    }

    /// <summary>Settles it when the confirming meeting's results are declared: passed when the confirming motion was carried.</summary>
    public void Settle(Meeting meeting, Motion confirming)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(confirming);
        if (Status != SpecialResolutionStatus.AwaitingConfirmation)
        {
            throw new DomainException("Resolution", $"The special resolution \"{Title}\" was already settled ({Status}).");
        }

        if (confirming.ConfirmsResolutionId != Id || confirming.Carried is null)
        {
            throw new DomainException("Resolution", $"Motion {confirming.Number} is not a counted confirmation of \"{Title}\".");
        }

        Status = confirming.Carried == true ? SpecialResolutionStatus.Passed : SpecialResolutionStatus.NotConfirmed;
        ConfirmingMeetingId = meeting.Id;
        ConfirmingMotionId = confirming.Id;
        SettledOn = meeting.LastSectionDate;
    }

    public static string Statute(ThresholdKind kind) => kind == ThresholdKind.ConversionS113 ? "Act s.113" : "Act s.111";
}
