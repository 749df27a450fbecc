namespace CoopRegister.Features.Imports;

/// <summary>A file the person gave: where it was saved, the name it had, and the encoding they chose (a byte-order mark decides over it).</summary>
public sealed record ImportUpload(string Path, string FileName, ImportEncoding Encoding = ImportEncoding.Auto);

/// <summary>
/// What to import: the register file (one row per member and share class) with its column map, optionally a history
/// file of dated events with its own map, the date format of both files, and the totals the registrar expects. A map
/// left out is suggested from the file's headers; a date format left out is taken from the files' dates when only
/// one format fits them all, and must be chosen otherwise.
/// </summary>
public sealed record RegisterImportRequest
{
    public required ImportUpload Register { get; init; }

    public ColumnMap<RegisterField>? Map { get; init; }

    public ImportDateFormat? DateFormat { get; init; }

    public ImportUpload? History { get; init; }

    public ColumnMap<HistoryField>? HistoryMap { get; init; }

    public ExpectedTotals Expected { get; init; } = new();
}

/// <summary>A file's first look: its encoding, separator, headers and first rows exactly as they are in the file.</summary>
public sealed record ImportFileView(string FileName, TextFileInfo Text, string Separator, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> FirstRows);

/// <summary>The first rows as the import will read them: one value per mapped field, and each row's problems.</summary>
public sealed record ImportPreview(IReadOnlyList<string> Columns, IReadOnlyList<ImportPreviewRow> Rows);

public sealed record ImportPreviewRow(long Line, IReadOnlyList<string> Values, IReadOnlyList<string> Problems);
