using System.Globalization;

namespace CoopRegister.Web.Components.Pages.Meetings;

/// <summary>How the meeting pages write dates and times: the voting window is kept and shown in UTC, and says so.</summary>
public static class MeetingFormat
{
    /// <summary>"Saturday 19 Dec 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("dddd d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"19 Dec 2026 10:00 UTC".</summary>
    public static string Utc(DateTime utc) => utc.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string StatusBadge(CoopRegister.Domain.Meetings.MeetingStatus status) => status switch
    {
        CoopRegister.Domain.Meetings.MeetingStatus.Preparing => "text-bg-secondary",
        CoopRegister.Domain.Meetings.MeetingStatus.VotingOpen => "text-bg-success",
        CoopRegister.Domain.Meetings.MeetingStatus.Declared => "text-bg-primary",
        _ => "text-bg-warning",
    };
}
