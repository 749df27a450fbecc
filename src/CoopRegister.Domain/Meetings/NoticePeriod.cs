namespace CoopRegister.Domain.Meetings;

/// <summary>
/// Notice of a general meeting in clear days (domain rule 41; Co-operatives UK model rules): neither the day the
/// notice is given nor the day of the meeting counts. The number of days is the society's setting
/// (<c>SocietyDetails.NoticeClearDays</c>), copied onto each meeting when it is called.
/// </summary>
public static class NoticePeriod
{
    /// <summary>The clear days between giving notice and the meeting (notice on the 1st, meeting on the 16th: 14).</summary>
    public static int ClearDays(DateOnly noticeDate, DateOnly meetingDate) => meetingDate.DayNumber - noticeDate.DayNumber - 1;

    /// <summary>The first date a meeting may be held after notice given on <paramref name="noticeDate"/>.</summary>
    public static DateOnly EarliestMeetingDate(DateOnly noticeDate, int requiredClearDays) => noticeDate.AddDays(requiredClearDays + 1);

    /// <summary>The violation when the meeting (or section) falls too soon after the notice; null when notice is enough.</summary>
    public static RuleViolation? Check(DateOnly noticeDate, DateOnly meetingDate, int requiredClearDays, string what)
    {
        var clear = ClearDays(noticeDate, meetingDate);
        if (clear >= requiredClearDays)
        {
            return null;
        }

        return new RuleViolation("Date",
            $"{what} on {meetingDate:yyyy-MM-dd} gives {Math.Max(clear, 0)} clear days' notice from {noticeDate:yyyy-MM-dd}; the society's rules need at least {requiredClearDays} clear days "
            + $"(neither the day of notice nor the meeting day counts), so the earliest date is {EarliestMeetingDate(noticeDate, requiredClearDays):yyyy-MM-dd}.");
    }
}
