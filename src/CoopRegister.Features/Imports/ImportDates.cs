using System.Globalization;

namespace CoopRegister.Features.Imports;

/// <summary>
/// How the dates of a file are written. One format is chosen for the whole file and applied to every date in it:
/// a date is never guessed row by row, so 03/04/2019 means the same day on every line.
/// </summary>
public enum ImportDateFormat
{
    /// <summary>2019-04-03 (also 2019/04/03).</summary>
    Iso,

    /// <summary>03/04/2019 is 3 April (also 3/4/2019, 03-04-2019, 03.04.2019).</summary>
    DayMonthYear,

    /// <summary>04/03/2019 is 3 April (American spreadsheets).</summary>
    MonthDayYear,

    /// <summary>3 Apr 2019, 03-Apr-2019, 3 April 2019.</summary>
    DayMonthNameYear,
}

/// <summary>What the dates of a file say about their format: the formats every date fits, and how many dates there were.</summary>
public sealed record DateFormatSuggestion(ImportDateFormat? Suggested, IReadOnlyList<ImportDateFormat> Fitting, long Dates, string? Example)
{
    /// <summary>Several formats fit every date (all of them have day and month of 12 or less): a person must choose.</summary>
    public bool Ambiguous => Suggested is null && Fitting.Count > 1;

    public string Describe() => Dates == 0
        ? "The file has no dates to go by; choose the format its dates are written in."
        : Suggested is { } s
            ? $"All {Count(Dates)} dates fit {ImportDates.Describe(s)} and no other format."
            : Fitting.Count > 1
                ? $"All {Count(Dates)} dates fit both {string.Join(" and ", Fitting.Select(ImportDates.Describe))} (no day is above 12, for example '{Example}'): choose which the file uses."
                : $"No single format fits all {Count(Dates)} dates (for example '{Example}'); choose the one the file uses, and the dates that do not fit will be listed.";

    private static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
}

/// <summary>Reading dates in a chosen format, and suggesting the format from all of a file's dates.</summary>
public static class ImportDates
{
    public const int MaxLength = 40;

    public static readonly IReadOnlyList<ImportDateFormat> All = Enum.GetValues<ImportDateFormat>();

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The name a map, the command line and the page use for a format.</summary>
    public static string Key(ImportDateFormat format) => format switch
    {
        ImportDateFormat.Iso => "yyyy-mm-dd",
        ImportDateFormat.DayMonthYear => "dd/mm/yyyy",
        ImportDateFormat.MonthDayYear => "mm/dd/yyyy",
        ImportDateFormat.DayMonthNameYear => "d mmm yyyy",
        _ => format.ToString(),
    };

    public static string Describe(ImportDateFormat format) => format switch
    {
        ImportDateFormat.Iso => "yyyy-mm-dd (2019-04-03)",
        ImportDateFormat.DayMonthYear => "dd/mm/yyyy, day first (03/04/2019 is 3 April 2019)",
        ImportDateFormat.MonthDayYear => "mm/dd/yyyy, month first (04/03/2019 is 3 April 2019)",
        ImportDateFormat.DayMonthNameYear => "d mmm yyyy (3 Apr 2019)",
        _ => format.ToString(),
    };

    /// <summary>A format from its key (<see cref="Key"/>) or its name, or null.</summary>
    public static ImportDateFormat? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        foreach (var f in All)
        {
            if (string.Equals(Key(f), t, StringComparison.OrdinalIgnoreCase) || string.Equals(f.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                return f;
            }
        }

        return t.ToLowerInvariant() switch
        {
            "iso" or "yyyy-mm-dd" or "yyyy/mm/dd" => ImportDateFormat.Iso,
            "dmy" or "d/m/yyyy" or "dd-mm-yyyy" or "dd.mm.yyyy" => ImportDateFormat.DayMonthYear,
            "mdy" or "m/d/yyyy" => ImportDateFormat.MonthDayYear,
            "dd mmm yyyy" or "d-mmm-yyyy" or "dd-mmm-yyyy" => ImportDateFormat.DayMonthNameYear,
            _ => null,
        };
    }

    /// <summary>
    /// Reads a date written in <paramref name="format"/>. A time after the date (as spreadsheets add: "03/04/2019 00:00")
    /// is ignored. Years must have four digits.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, ImportDateFormat format, out DateOnly date)
    {
        date = default;
        text = WithoutTime(text.Trim());
        if (text.Length is 0 or > MaxLength)
        {
            return false;
        }

        if (format == ImportDateFormat.DayMonthNameYear)
        {
            return TryParseNamed(text, out date);
        }

        if (!TrySplitNumeric(text, out var a, out var aLength, out var b, out var bLength, out var c, out var cLength))
        {
            return false;
        }

        return format switch
        {
            ImportDateFormat.Iso => aLength == 4 && bLength <= 2 && cLength <= 2 && Make(a, b, c, out date),
            ImportDateFormat.DayMonthYear => aLength <= 2 && bLength <= 2 && cLength == 4 && Make(c, b, a, out date),
            ImportDateFormat.MonthDayYear => aLength <= 2 && bLength <= 2 && cLength == 4 && Make(c, a, b, out date),
            _ => false,
        };
    }

    /// <summary>Whether the text looks like a date with a two-digit year (03/04/19), for a clearer message.</summary>
    public static bool HasTwoDigitYear(ReadOnlySpan<char> text) =>
        TrySplitNumeric(WithoutTime(text.Trim()), out _, out var aLength, out _, out var bLength, out _, out var cLength)
        && aLength <= 2 && bLength <= 2 && cLength == 2;

    /// <summary>Counts, for each format, how many of the dates fit it; <see cref="Suggest"/> reads the tally.</summary>
    public sealed class Tally
    {
        private readonly long[] _fits = new long[All.Count];
        private string? _ambiguousExample;
        private string? _misfitExample;

        public long Dates { get; private set; }

        public void Add(ReadOnlySpan<char> text)
        {
            text = text.Trim();
            if (text.Length == 0)
            {
                return;
            }

            Dates++;
            var fitting = 0;
            for (var i = 0; i < _fits.Length; i++)
            {
                if (TryParse(text, All[i], out _))
                {
                    _fits[i]++;
                    fitting++;
                }
            }

            if (fitting > 1)
            {
                _ambiguousExample ??= text.ToString();
            }
            else if (fitting == 0)
            {
                _misfitExample ??= text.ToString();
            }
        }

        /// <summary>The one format every date fits, or the formats to choose between.</summary>
        public DateFormatSuggestion Suggest()
        {
            var fitting = All.Where((_, i) => Dates > 0 && _fits[i] == Dates).ToList();
            if (fitting.Count == 1)
            {
                return new DateFormatSuggestion(fitting[0], fitting, Dates, null);
            }

            if (fitting.Count > 1)
            {
                return new DateFormatSuggestion(null, fitting, Dates, _ambiguousExample);
            }

            // Nothing fits everything: the formats that fit most, best first, for the person to choose from.
            var ranked = All.Select((f, i) => (f, n: _fits[i])).Where(x => x.n > 0).OrderByDescending(x => x.n).Select(x => x.f).ToList();
            return new DateFormatSuggestion(null, ranked, Dates, _misfitExample);
        }
    }

    private static ReadOnlySpan<char> WithoutTime(ReadOnlySpan<char> text)
    {
        var cut = text.IndexOfAny(' ', 'T');
        if (cut < 0 || !char.IsAsciiDigit(text[0]))
        {
            return text;
        }

        // "2019-04-03T10:00:00", "03/04/2019 00:00", "03/04/2019 00:00:00": keep the date before a time.
        var rest = text[(cut + 1)..].Trim();
        foreach (var ch in rest)
        {
            if (!char.IsAsciiDigit(ch) && ch is not (':' or '.' or 'Z'))
            {
                return text;
            }
        }

        return rest.Contains(':') ? text[..cut] : text;
    }

    private static bool TrySplitNumeric(ReadOnlySpan<char> text, out int a, out int aLength, out int b, out int bLength, out int c, out int cLength)
    {
        a = b = c = aLength = bLength = cLength = 0;
        var part = 0;
        var value = 0;
        var length = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (++length > 4)
                {
                    return false;
                }

                value = (value * 10) + (text[i] - '0');
                continue;
            }

            if (length == 0 || (i < text.Length && text[i] is not ('/' or '-' or '.')))
            {
                return false;
            }

            switch (part++)
            {
                case 0:
                    (a, aLength) = (value, length);
                    break;
                case 1:
                    (b, bLength) = (value, length);
                    break;
                case 2:
                    (c, cLength) = (value, length);
                    break;
                default:
                    return false;
            }

            value = 0;
            length = 0;
        }

        return part == 3;
    }

    private static bool TryParseNamed(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        Span<Range> parts = stackalloc Range[4];
        var count = text.SplitAny(parts, " -/.,", StringSplitOptions.RemoveEmptyEntries);
        if (count != 3)
        {
            return false;
        }

        var dayText = text[parts[0]];
        var monthText = text[parts[1]];
        var yearText = text[parts[2]];

        // "3rd", "21st": the suffix is allowed after the day.
        if (dayText.Length > 2 && (dayText.EndsWith("st", StringComparison.OrdinalIgnoreCase) || dayText.EndsWith("nd", StringComparison.OrdinalIgnoreCase)
            || dayText.EndsWith("rd", StringComparison.OrdinalIgnoreCase) || dayText.EndsWith("th", StringComparison.OrdinalIgnoreCase)))
        {
            dayText = dayText[..^2];
        }

        if (dayText.Length is 0 or > 2 || yearText.Length != 4
            || !int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        var month = 0;
        if (monthText.Length >= 3)
        {
            for (var m = 0; m < MonthNames.Length; m++)
            {
                var name = MonthNames[m].AsSpan();
                // "Apr", "April", and "Sept" for September.
                if (monthText.Equals(name, StringComparison.OrdinalIgnoreCase) || monthText.Equals(name[..3], StringComparison.OrdinalIgnoreCase)
                    || (m == 8 && monthText.Equals("sept", StringComparison.OrdinalIgnoreCase)))
                {
                    month = m + 1;
                    break;
                }
            }
        }

        return month > 0 && Make(year, month, day, out date);
    }

    private static bool Make(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
