using System.Buffers.Text;
using System.Globalization;
using CoopRegister.Domain;
using CsvHelper;

namespace CoopRegister.Features.Imports;

/// <summary>
/// The current record of a file through a column map: each field's value by the field, not by the column, with the
/// import's reading rules (formula escaping undone, numbers and dates read without making strings).
/// </summary>
internal sealed class ImportRow
{
    private readonly CsvReader _reader;
    private readonly int[] _columns;
    private readonly string?[] _headers;

    public ImportRow(CsvReader reader, IReadOnlyList<string> headers, int fieldCount, Func<int, string?> headerOf)
    {
        _reader = reader;
        HeaderCount = headers.Count;
        _columns = new int[fieldCount];
        _headers = new string?[fieldCount];
        for (var f = 0; f < fieldCount; f++)
        {
            var header = headerOf(f);
            _columns[f] = header is null ? -1 : ColumnMap<RegisterField>.IndexOf(headers, header);
            _headers[f] = _columns[f] >= 0 ? headers[_columns[f]] : null;
        }
    }

    public int HeaderCount { get; }

    public long Line => _reader.LineNumber;

    public bool Has(int field) => _columns[field] >= 0;

    /// <summary>The file's header of a field's column, for messages; null when the field is not read.</summary>
    public string? Header(int field) => _headers[field];

    /// <summary>Whether every value of the record is empty (a row of a spreadsheet with nothing in it).</summary>
    public bool IsBlank()
    {
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            if (!_reader.IsEmpty(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first value past the header's columns, when there is one: a sign that the columns have shifted.</summary>
    public int ValueBeyondHeader()
    {
        for (var i = HeaderCount; i < _reader.FieldCount; i++)
        {
            if (!_reader.IsEmpty(i))
            {
                return i;
            }
        }

        return -1;
    }

    public string Raw(int column) => _reader.GetString(column);

    /// <summary>The field's text with one formula-escaping apostrophe undone (<see cref="ImportCsv.Unescape"/>); "" when the field is not read or empty.</summary>
    public string Text(int field)
    {
        var c = _columns[field];
        if (c < 0 || _reader.IsEmpty(c))
        {
            return "";
        }

        var value = _reader.GetString(c);
        return value.Length >= 2 && value[0] == '\'' && IsQuoted(c) ? ImportCsv.Unescape(value) : value;
    }

    private bool IsQuoted(int column)
    {
        var raw = _reader.GetRawSpan(column).TrimStart(" \t"u8);
        return raw.Length > 0 && raw[0] == (byte)'"';
    }

    public bool IsEmpty(int field) => _columns[field] < 0 || _reader.IsEmpty(_columns[field]);

    /// <summary>Reads a whole number (spaces and thousands commas allowed) without making a string; false when it is not one.</summary>
    public bool TryWhole(int field, out long value, bool allowSign = false)
    {
        value = 0;
        var c = _columns[field];
        if (c < 0)
        {
            return false;
        }

        var span = _reader.GetSpan(c).Trim((byte)' ');
        if (Utf8Parser.TryParse(span, out value, out var consumed) && consumed == span.Length && (allowSign || span[0] != (byte)'-') && span[0] != (byte)'+')
        {
            return true;
        }

        return long.TryParse(Text(field).Replace(",", "", StringComparison.Ordinal).Trim(),
            allowSign ? NumberStyles.AllowLeadingSign : NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads pounds (12, 12.5, 12.50, £1,250.00; a minus sign when <paramref name="allowSign"/>) as pence.</summary>
    public bool TryPence(int field, out long pence, bool allowSign = false)
    {
        pence = 0;
        var c = _columns[field];
        if (c < 0)
        {
            return false;
        }

        // The usual case, "1250.00", without a string.
        var span = _reader.GetSpan(c).Trim((byte)' ');
        var negative = allowSign && span.Length > 0 && span[0] == (byte)'-';
        var digits = negative ? span[1..] : span;
        var dot = digits.IndexOf((byte)'.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? [] : digits[(dot + 1)..];
        var pennies = 0;
        if (whole.Length is > 0 and <= 12 && fraction.Length <= 2 && (dot < 0 || fraction.Length > 0)
            && Utf8Parser.TryParse(whole, out long pounds, out var n) && n == whole.Length && whole[0] != (byte)'-' && whole[0] != (byte)'+'
            && (fraction.Length == 0 || (Utf8Parser.TryParse(fraction, out pennies, out var m) && m == fraction.Length && fraction[0] != (byte)'-' && fraction[0] != (byte)'+')))
        {
            var p = fraction.Length == 1 ? pennies * 10 : pennies;
            pence = ((pounds * 100) + p) * (negative ? -1 : 1);
            return true;
        }

        var text = Text(field).Trim();
        negative = allowSign && text.StartsWith('-');
        if (Money.TryParsePounds(negative ? text[1..] : text, out var money))
        {
            pence = negative ? -money.Pence : money.Pence;
            return true;
        }

        return false;
    }

    /// <summary>Reads a date in the chosen format without making a string.</summary>
    public bool TryDate(int field, ImportDateFormat format, out DateOnly date)
    {
        date = default;
        var c = _columns[field];
        if (c < 0 || _reader.GetSpan(c).Length > ImportDates.MaxLength * 3)
        {
            return false;
        }

        Span<char> chars = stackalloc char[ImportDates.MaxLength * 3];
        var n = _reader.GetChars(c, chars);
        return ImportDates.TryParse(chars[..n], format, out date);
    }

    /// <summary>Adds the field's value, when it is not empty, to a tally of date formats.</summary>
    public void TallyDate(int field, ImportDates.Tally tally)
    {
        var c = _columns[field];
        if (c < 0 || _reader.IsEmpty(c) || _reader.GetSpan(c).Length > ImportDates.MaxLength * 3)
        {
            return;
        }

        Span<char> chars = stackalloc char[ImportDates.MaxLength * 3];
        var n = _reader.GetChars(c, chars);
        tally.Add(chars[..n]);
    }
}
