using System.Globalization;
using CoopRegister.Domain;
using CsvHelper;

namespace CoopRegister.Features.Imports;

/// <summary>
/// Opens a checked file (<see cref="ImportTextFile"/>) as CSV: the separator detected (comma, semicolon, tab or bar,
/// or Excel's "sep=" first line), the header read, completely empty lines skipped, spaces around values trimmed,
/// every line counted so that problems name their line, and no record larger than <see cref="MaxRecordBytes"/> (an
/// unclosed quote cannot swallow the file). Quoting that cannot be right (a quote never closed, text after a closing
/// quote) is reported as a problem on its line; a stray quote inside an unquoted value is kept as text.
/// </summary>
internal static class ImportCsv
{
    public const int MaxRecordBytes = 1 << 20;

    public static CsvReader Open(string path, TextFileInfo text, Action<CsvMalformedRecord>? malformed)
    {
        var options = CsvReaderOptions.Default with
        {
            Encoding = text.ReaderEncoding,
            HasHeader = true,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            MaxRecordSize = MaxRecordBytes,
            TrackLineNumbers = true,
            DetectSeparatorHint = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = malformed,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            return CsvReader.Create(stream, options, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the header; a file without one (or whose first record is malformed) is refused.</summary>
    public static async Task<IReadOnlyList<string>> ReadHeaderAsync(CsvReader reader, string fileLabel, CancellationToken cancellationToken)
    {
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            throw new DomainException("File", $"The {fileLabel}'s header cannot be read: {ex.Message}");
        }

        var headers = reader.Headers.Select(h => Unescape(h.Trim())).ToList();

        // Columns with no name at the end (a spreadsheet's trailing empty columns) are not columns of the file.
        while (headers.Count > 0 && headers[^1].Length == 0)
        {
            headers.RemoveAt(headers.Count - 1);
        }

        if (headers.Count == 0)
        {
            throw new DomainException("File", $"The {fileLabel} has no header row: its first line must name the columns.");
        }

        return headers;
    }

    public static string DescribeSeparator(char separator) => separator switch
    {
        ',' => "commas",
        ';' => "semicolons",
        '\t' => "tabs",
        '|' => "vertical bars",
        _ => $"'{separator}'",
    };

    /// <summary>What a malformed record's problem is, for its line's report.</summary>
    public static string? Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted value is never closed: a quote (\") is missing, so the rest of the file reads as one value",
        CsvMalformedReason.TextAfterClosingQuote => "there is text after the closing quote of a quoted value: a quote inside a value must be doubled (\"\")",
        CsvMalformedReason.LineBreakInQuotes => "a quoted value runs over a line break",
        CsvMalformedReason.TrailingEscape => "the file ends with an escape character",
        _ => null,
    };

    /// <summary>
    /// Undoes the formula escaping of our own exports (and of other careful ones): one apostrophe before = + - @ tab or
    /// CR is taken away. The export quotes every value it escapes, so the caller does this only for a quoted value: an
    /// unquoted '=x is text that began with an apostrophe, and exporting, importing and exporting again gives the same
    /// file either way.
    /// </summary>
    public static string Unescape(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
