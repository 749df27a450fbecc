using System.Globalization;
using CoopRegister.Domain.Certificates;
using CoopRegister.Features.Certificates;

namespace CoopRegister.Web.Components.Shared.Certificates;

/// <summary>How the certificate pages word a certificate's state and the files they offer; the same on every machine (CA1305).</summary>
public static class CertificateText
{
    /// <summary>"No. 12", the way the certificate itself is numbered.</summary>
    public static string Number(long number) => "No. " + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>"Current", "Superseded by No. 14", "Cancelled", "Cancelled: replaced by a duplicate".</summary>
    public static string Status(CertificateRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Status(row.Status, row.Number, row.ReplacedByNumber);
    }

    public static string Status(CertificateStatus status, long number, long? replacedByNumber) => (status, replacedByNumber) switch
    {
        (CertificateStatus.Issued, _) => "Current",
        (CertificateStatus.Superseded, { } n) => $"Superseded by {Number(n)}",
        (CertificateStatus.Superseded, null) => "Superseded",
        (CertificateStatus.Cancelled, { } n) when n == number => "Cancelled: replaced by a duplicate",
        (CertificateStatus.Cancelled, { } n) => $"Cancelled: replaced by {Number(n)}",
        _ => "Cancelled",
    };

    /// <summary>The Bootstrap badge colour: green for the current certificate, grey for any that has ended.</summary>
    public static string Badge(CertificateStatus status) => status switch
    {
        CertificateStatus.Issued => "text-bg-success",
        CertificateStatus.Superseded => "text-bg-secondary",
        _ => "text-bg-dark",
    };

    /// <summary>"820 bytes", "14.2 KB", "3.4 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("#,##0", CultureInfo.InvariantCulture) + " bytes",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024d * 1024d)).ToString("#,##0.0", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>The name a bulk ZIP of certificates is saved under, saying what it holds.</summary>
    public static string ZipFileName(CertificateSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var what = (selection.IssuedFrom, selection.IssuedTo, selection.MemberNumber) switch
        {
            (_, _, { } n) => "member-" + n.ToString(CultureInfo.InvariantCulture),
            ({ } f, { } t, _) when f == t => "issued-" + Iso(f),
            ({ } f, { } t, _) => $"issued-{Iso(f)}-to-{Iso(t)}",
            ({ } f, null, _) => $"issued-from-{Iso(f)}",
            (null, { } t, _) => $"issued-to-{Iso(t)}",
            _ => "all-current",
        };
        return $"certificates-{what}.zip";
    }

    public static string StatementsZipFileName(DateOnly yearEnd) => $"statements-year-ending-{Iso(yearEnd)}.zip";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
