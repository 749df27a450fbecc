using System.Globalization;
using System.Text;
using CoopRegister.Domain;

namespace CoopRegister.Features.Imports;

/// <summary>
/// Which column of a file each field is read from, by the column's header. Suggested from the headers
/// (<see cref="Suggest"/>), changed field by field on the page (<see cref="With"/>), or given in a map file
/// (<see cref="ParseMapFile"/>). Immutable.
/// </summary>
public sealed class ColumnMap<TField>
    where TField : struct, Enum
{
    private readonly Dictionary<TField, string> _columns;

    private ColumnMap(Dictionary<TField, string> columns) => _columns = columns;

    public static ColumnMap<TField> Empty { get; } = new([]);

    public static IReadOnlyList<ImportFieldInfo<TField>> Fields => ImportFieldCatalogue<TField>.Fields;

    /// <summary>The header of each mapped field.</summary>
    public IReadOnlyDictionary<TField, string> Columns => _columns;

    /// <summary>The header the field is read from, or null when it is not read.</summary>
    public string? this[TField field] => _columns.GetValueOrDefault(field);

    public bool Has(TField field) => _columns.ContainsKey(field);

    /// <summary>This map with the field read from <paramref name="header"/>, or not read when it is null or empty.</summary>
    public ColumnMap<TField> With(TField field, string? header)
    {
        var columns = new Dictionary<TField, string>(_columns);
        if (string.IsNullOrWhiteSpace(header))
        {
            columns.Remove(field);
        }
        else
        {
            columns[field] = header;
        }

        return new ColumnMap<TField>(columns);
    }

    /// <summary>
    /// Suggests a column for each field from the headers: a header is recognised by any of the names a field lists
    /// (<see cref="ImportFieldInfo{TField}.Headers"/>), compared without case, spaces or punctuation, the field's first
    /// names first; each header goes to one field. A name column makes given names and family name unnecessary.
    /// </summary>
    public static ColumnMap<TField> Suggest(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var keys = headers.Select(Normalise).ToArray();
        var taken = new bool[headers.Count];
        var columns = new Dictionary<TField, string>();

        // By rank of the name first, so that a field's usual name wins over another field's looser one.
        var maxRank = Fields.Max(f => f.Headers.Count);
        for (var rank = 0; rank < maxRank; rank++)
        {
            foreach (var info in Fields)
            {
                if (columns.ContainsKey(info.Field) || rank >= info.Headers.Count)
                {
                    continue;
                }

                var wanted = Normalise(info.Headers[rank]);
                for (var i = 0; i < keys.Length; i++)
                {
                    if (!taken[i] && keys[i].Length > 0 && keys[i] == wanted)
                    {
                        taken[i] = true;
                        columns[info.Field] = headers[i];
                        break;
                    }
                }
            }
        }

        if (typeof(TField) == typeof(RegisterField) && columns.ContainsKey((TField)(object)RegisterField.Name))
        {
            columns.Remove((TField)(object)RegisterField.GivenNames);
            columns.Remove((TField)(object)RegisterField.FamilyName);
        }

        return new ColumnMap<TField>(columns);
    }

    /// <summary>
    /// Checks the map against a file's headers: every mapped header is in the file, no header is read twice, and the
    /// fields a file must have are mapped. Returns every problem found.
    /// </summary>
    public IReadOnlyList<RuleViolation> Check(IReadOnlyList<string> headers, string fileLabel)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var errors = new List<RuleViolation>();
        foreach (var (field, header) in _columns)
        {
            if (IndexOf(headers, header) < 0)
            {
                errors.Add(new(Key(field), $"{Label(field)}: the {fileLabel} has no column '{header}' (its columns are {DescribeHeaders(headers)})."));
            }
        }

        foreach (var group in _columns.GroupBy(c => IndexOf(headers, c.Value)).Where(g => g.Key >= 0 && g.Count() > 1))
        {
            errors.Add(new(null, $"Column '{headers[group.Key]}' of the {fileLabel} is chosen for {string.Join(" and ", group.Select(c => Label(c.Key)))}; choose it for one of them."));
        }

        foreach (var info in Fields.Where(f => f.Required && !_columns.ContainsKey(f.Field)))
        {
            errors.Add(new(info.Key, $"{info.Label}: choose the column of the {fileLabel} that holds it."));
        }

        if (typeof(TField) == typeof(RegisterField))
        {
            var name = (TField)(object)RegisterField.Name;
            var family = (TField)(object)RegisterField.FamilyName;
            if (!_columns.ContainsKey(name) && !_columns.ContainsKey(family))
            {
                errors.Add(new(Key(name), $"Name: choose the column of the {fileLabel} that holds the member's name, or the columns of the given names and the family name."));
            }
        }

        return errors;
    }

    /// <summary>The 0-based index of the column with this header: an exact match first, then one ignoring case and surrounding spaces.</summary>
    public static int IndexOf(IReadOnlyList<string> headers, string header)
    {
        ArgumentNullException.ThrowIfNull(headers);
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], header, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Trim(), header.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Reads a map file: one <c>field = header</c> per line, where the field is its key (<c>member-number</c>) or its
    /// label (<c>Member number</c>); an empty header leaves the field unread; blank lines and lines starting with
    /// <c>#</c> are ignored. Lines whose key starts with <paramref name="prefix"/> are this file's (<c>history.</c>
    /// for the history file); the others are left to the other file. The fields it names replace
    /// <paramref name="start"/>'s; the rest stay as they were.
    /// </summary>
    public static ColumnMap<TField> ParseMapFile(string text, ColumnMap<TField> start, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(start);
        var map = start;
        var errors = new List<RuleViolation>();
        var lineNumber = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(new("map", $"Map file line {lineNumber.ToString(CultureInfo.InvariantCulture)}: write field = column header (for example: member-number = Membership No.)."));
                continue;
            }

            var key = line[..equals].Trim();
            var isThisFile = prefix.Length == 0
                ? !key.Contains('.', StringComparison.Ordinal)
                : key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
            if (!isThisFile)
            {
                // Each file's parse reports its own lines: the register's the unprefixed ones and any unknown prefix.
                if (prefix.Length == 0 && !KnownPrefix(key))
                {
                    errors.Add(new("map", $"Map file line {lineNumber.ToString(CultureInfo.InvariantCulture)}: '{key}' is not a field; prefix the history file's fields with 'history.'."));
                }

                continue;
            }

            key = key[prefix.Length..];
            var info = Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase) || string.Equals(f.Label, key, StringComparison.OrdinalIgnoreCase));
            if (info is null)
            {
                errors.Add(new("map", $"Map file line {lineNumber.ToString(CultureInfo.InvariantCulture)}: '{key}' is not a field; the fields are {string.Join(", ", Fields.Select(f => prefix + f.Key))}."));
                continue;
            }

            map = map.With(info.Field, line[(equals + 1)..].Trim());
        }

        return errors.Count > 0 ? throw new DomainException(errors) : map;
    }

    /// <summary>The map as a map file, every field listed (an unread field with nothing after its '=').</summary>
    public string ToMapFile(string prefix = "")
    {
        var sb = new StringBuilder();
        foreach (var info in Fields)
        {
            sb.Append(prefix).Append(info.Key).Append(" = ").Append(this[info.Field]).Append('\n');
        }

        return sb.ToString();
    }

    public static string Key(TField field) => ImportFieldCatalogue<TField>.Info(field).Key;

    public static string Label(TField field) => ImportFieldCatalogue<TField>.Info(field).Label;

    /// <summary>"thequickbrown" from "The Quick-Brown (£)": letters and digits, lower case.</summary>
    public static string Normalise(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var sb = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static bool KnownPrefix(string key) => key.StartsWith("history.", StringComparison.OrdinalIgnoreCase);

    private static string DescribeHeaders(IReadOnlyList<string> headers) =>
        headers.Count == 0 ? "none" : string.Join(", ", headers.Where(h => h.Length > 0).Take(30).Select(h => $"'{h}'"));
}

/// <summary>The field list of each kind of file, for code that is generic over the field type.</summary>
internal static class ImportFieldCatalogue<TField>
    where TField : struct, Enum
{
    public static readonly IReadOnlyList<ImportFieldInfo<TField>> Fields =
        typeof(TField) == typeof(RegisterField) ? (IReadOnlyList<ImportFieldInfo<TField>>)ImportFields.Register
        : typeof(TField) == typeof(HistoryField) ? (IReadOnlyList<ImportFieldInfo<TField>>)ImportFields.History
        : throw new NotSupportedException($"{typeof(TField).Name} is not a kind of import file.");

    public static ImportFieldInfo<TField> Info(TField field) => Fields.First(f => EqualityComparer<TField>.Default.Equals(f.Field, field));
}
