using System.Globalization;

namespace CoopRegister.Web.Components.Shared.Purchase;

/// <summary>
/// Reads a date typed as day, month and year in three boxes (easier on a phone than a calendar for a date of birth).
/// Only whether it is a real date is decided here; whether it is acceptable is the service's call.
/// </summary>
public static class MemorableDate
{
    public static Result Read(string? day, string? month, string? year, string label)
    {
        var parts = new[] { day, month, year }.Select(p => (p ?? "").Trim()).ToArray();
        if (parts.All(p => p.Length == 0))
        {
            return new(null, null);
        }

        if (parts.Any(p => p.Length == 0))
        {
            return new(null, $"{label}: enter the day, the month and the year.");
        }

        if (parts.Any(p => !p.All(char.IsAsciiDigit)) || parts[0].Length > 2 || parts[1].Length > 2 || parts[2].Length != 4)
        {
            return new(null, $"{label}: enter numbers, for example 17 5 1980 (the year in four figures).");
        }

        var d = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var m = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var y = int.Parse(parts[2], CultureInfo.InvariantCulture);
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return new(null, $"{label}: {parts[0]} {parts[1]} {parts[2]} is not a real date.");
        }

        return new(new DateOnly(y, m, d), null);
    }

    public sealed record Result(DateOnly? Date, string? Problem);
}
