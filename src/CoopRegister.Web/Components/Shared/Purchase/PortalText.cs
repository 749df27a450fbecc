using System.Globalization;
using CoopRegister.Domain.Shares;

namespace CoopRegister.Web.Components.Shared.Purchase;

/// <summary>Dates, times and ledger words as members and applicants read them: "26 November 2026", UK time.</summary>
public static class PortalText
{
    private static readonly TimeZoneInfo UkZone = FindUkZone();

    /// <summary>Whether times are shown in UK time (the zone database is installed) or, failing that, in UTC.</summary>
    public static bool ShowsUkTime => UkZone != TimeZoneInfo.Utc;

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>An instant recorded in UTC, as the clock on a UK wall showed it: "26 November 2026, 09:00".</summary>
    public static string Moment(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkZone);
        return local.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + (ShowsUkTime ? "" : " UTC");
    }

    public static string Number(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>A share-ledger event in a member's words.</summary>
    public static string Describe(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Allotment => "Shares allotted",
        LedgerEntryKind.Withdrawal => "Shares withdrawn",
        LedgerEntryKind.TransferOut => "Transferred to another member",
        LedgerEntryKind.TransferIn => "Transferred from another member",
        LedgerEntryKind.Transmission => "Passed on a death",
        LedgerEntryKind.Forfeiture => "Forfeited",
        LedgerEntryKind.Reversal => "Correction",
        _ => kind.ToString(),
    };

    private static TimeZoneInfo FindUkZone()
    {
        foreach (var id in new[] { "Europe/London", "GMT Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.Utc;
    }
}
