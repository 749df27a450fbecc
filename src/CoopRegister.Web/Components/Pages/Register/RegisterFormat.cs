using System.Globalization;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;

namespace CoopRegister.Web.Components.Pages.Register;

/// <summary>
/// How the registrar's pages write dates, times and counts: the same on every machine (CA1305), and times in UK time,
/// since the register is kept at a registered office in the UK.
/// </summary>
internal static class RegisterFormat
{
    private static readonly TimeZoneInfo? UkTime = FindUkTime();

    /// <summary>"26 Nov 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>"26 Nov 2026 09:00", in UK time (GMT or BST); in UTC, said so, where the machine has no time-zone data.</summary>
    public static string Time(DateTime utc)
    {
        var at = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return UkTime is null
            ? at.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC"
            : TimeZoneInfo.ConvertTimeFromUtc(at, UkTime).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"1,234".</summary>
    public static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>"1 share", "1,234 shares".</summary>
    public static string Shares(long n) => n == 1 || n == -1 ? $"{Count(n)} share" : $"{Count(n)} shares";

    /// <summary>"+50", "-20": a movement on the ledger.</summary>
    public static string Signed(long n) => n > 0 ? "+" + Count(n) : Count(n);

    /// <summary>The value a date input holds: "2026-11-26".</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Describe(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Allotment => "Allotment",
        LedgerEntryKind.Withdrawal => "Withdrawal",
        LedgerEntryKind.TransferOut => "Transfer out",
        LedgerEntryKind.TransferIn => "Transfer in",
        LedgerEntryKind.Transmission => "Transmission",
        LedgerEntryKind.Forfeiture => "Forfeiture",
        LedgerEntryKind.Reversal => "Reversal",
        _ => kind.ToString(),
    };

    /// <summary>A short name for the kind of member, for narrow table columns.</summary>
    public static string Short(MemberKind kind) => kind switch
    {
        MemberKind.Individual => "Individual",
        MemberKind.Joint => "Joint",
        MemberKind.Corporate => "Organisation",
        MemberKind.Nominee => "Nominee",
        MemberKind.RegisteredSociety => "Society",
        _ => kind.ToString(),
    };

    /// <summary>The Bootstrap badge colour for where an application has got to: green when it waits only for allotment.</summary>
    public static string StatusBadge(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Paid => "text-bg-success",
        ApplicationStatus.PartPaid or ApplicationStatus.PartAllotted => "text-bg-info",
        ApplicationStatus.Submitted => "text-bg-light border",
        ApplicationStatus.Allotted => "text-bg-secondary",
        _ => "text-bg-dark",
    };

    private static TimeZoneInfo? FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
