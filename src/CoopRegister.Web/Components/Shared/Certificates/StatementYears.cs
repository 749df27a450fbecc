using System.Globalization;
using CoopRegister.Domain.Society;
using CoopRegister.Features.Certificates;

namespace CoopRegister.Web.Components.Shared.Certificates;

/// <summary>A financial year a statement can be asked for: the calendar year it ends in (the endpoints' <c>year</c>) and its dates.</summary>
public sealed record StatementYear(int YearEnding, DateOnly Start, DateOnly End, bool InProgress)
{
    /// <summary>"Year ending 31 December 2025", with "(so far)" for the year not yet over.</summary>
    public string Label => "Year ending " + End.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + (InProgress ? " (so far)" : "");

    public string Query => YearEnding.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Which financial years to offer statements for, newest first. The years themselves come from
/// <see cref="StatementService.Year"/>, so a link offered here is the statement the service renders.
/// </summary>
public static class StatementYears
{
    /// <summary>The society's most recent financial years, the one in progress first.</summary>
    public static IReadOnlyList<StatementYear> Recent(SocietyDetails society, DateOnly today, int count) =>
        Between(society, today, DateOnly.MinValue, null, count);

    /// <summary>The most recent financial years in which a member belonged to the society, at any time in the year.</summary>
    public static IReadOnlyList<StatementYear> Belonged(SocietyDetails society, DateOnly today, DateOnly entered, DateOnly? ceased, int count) =>
        Between(society, today, entered, ceased, count);

    private static List<StatementYear> Between(SocietyDetails society, DateOnly today, DateOnly from, DateOnly? until, int count)
    {
        ArgumentNullException.ThrowIfNull(society);
        var years = new List<StatementYear>();
        var last = until is { } u && u < today ? u : today;
        for (var yearEnding = society.FinancialYearContaining(today).End.Year; years.Count < count && yearEnding >= 1901; yearEnding--)
        {
            var (start, end) = StatementService.Year(society, yearEnding, today);
            if (end < from)
            {
                break;
            }

            if (start <= last)
            {
                years.Add(new StatementYear(yearEnding, start, end, end >= today));
            }
        }

        return years;
    }
}
