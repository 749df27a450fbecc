using System.Globalization;
using CoopRegister.Domain;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// How amounts, counts and dates read on the society's documents, the same on every server whatever its culture:
/// "£1,234.56", "1,250", "26 November 2026" (a UK society's members read day-month-year, written out, so that
/// 03/04 is never ambiguous).
/// </summary>
public static class DocumentText
{
    public static string Pounds(long pence) => new Money(pence).Format();

    public static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A multi-line address (as the society's settings hold its registered office) on one line, comma-separated.</summary>
    public static string OneLine(string? lines) =>
        string.Join(", ", (lines ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.TrimEnd(',')));
}
