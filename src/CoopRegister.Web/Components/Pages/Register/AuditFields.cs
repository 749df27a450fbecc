using System.Globalization;
using System.Text;
using System.Text.Json;
using CoopRegister.Domain;

namespace CoopRegister.Web.Components.Pages.Register;

/// <summary>One field of an audit event: its name as a person reads it, and its value before and after.</summary>
public sealed record AuditField(string Name, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>
/// Reads the before and after snapshots an audit event stores (flat JSON objects) as a list of fields a registrar can
/// read: "AmountPaidPence": 5000 becomes "Amount paid: £50.00", dates become "17 May 1980". When both snapshots exist
/// only the fields that changed are listed; a creation (no before) lists every field it recorded a value for.
/// </summary>
public static class AuditFields
{
    public static IReadOnlyList<AuditField> Compare(string? beforeJson, string? afterJson)
    {
        var before = Read(beforeJson);
        var after = Read(afterJson);
        var names = before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k))).ToList();
        var fields = names.Select(n => new AuditField(Label(n), before.GetValueOrDefault(n), after.GetValueOrDefault(n)));
        // A creation (or a removal) lists what it recorded, leaving out fields that were empty.
        return beforeJson is null || afterJson is null
            ? fields.Where(f => !string.IsNullOrEmpty(f.Before ?? f.After)).ToList()
            : fields.Where(f => f.Changed).ToList();
    }

    /// <summary>"AmountPaidPence" → "Amount paid", "DateOfBirth" → "Date of birth".</summary>
    public static string Label(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.EndsWith("Pence", StringComparison.Ordinal) && name.Length > 5 ? name[..^5] : name;
        var words = new StringBuilder();
        for (var i = 0; i < n.Length; i++)
        {
            if (i > 0 && char.IsUpper(n[i]) && (char.IsLower(n[i - 1]) || (i + 1 < n.Length && char.IsLower(n[i + 1]))))
            {
                words.Append(' ');
            }

            words.Append(i == 0 ? n[i] : char.IsUpper(n[i]) && i + 1 < n.Length && char.IsLower(n[i + 1]) ? char.ToLowerInvariant(n[i]) : n[i]);
        }

        return words.ToString().Replace("Email", "E-mail", StringComparison.Ordinal).Replace("email", "e-mail", StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Read(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return values;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    values[property.Name] = Text(property.Value, property.Name.EndsWith("Pence", StringComparison.Ordinal));
                }
            }
            else
            {
                values["Value"] = Text(document.RootElement, pence: false);
            }
        }
        catch (JsonException)
        {
            values["Value"] = json;
        }

        return values;
    }

    private static string? Text(JsonElement value, bool pence) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number when pence && value.TryGetInt64(out var p) => new Money(p).Format(),
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n.ToString("#,##0", CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.String => DateText(value.GetString()),
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(v => Text(v, pence)).Where(t => !string.IsNullOrEmpty(t))),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(p => Text(p.Value, p.Name.EndsWith("Pence", StringComparison.Ordinal))).Where(t => !string.IsNullOrEmpty(t))),
        _ => value.GetRawText(),
    };

    /// <summary>ISO dates ("1980-05-17") as the pages write dates; any other text as it is.</summary>
    private static string? DateText(string? s) =>
        s is { Length: 10 } && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? RegisterFormat.Date(d) : s;
}
