using System.Globalization;
using System.Text;

namespace CoopRegister.Domain.Members;

/// <summary>
/// The forms of a name, postcode and e-mail address that searching compares: lower case, accents folded, one space
/// between words, so that "o bri" finds Ó Briain and "lukasz" finds Łukasz on both database engines, by index.
/// </summary>
public static class SearchKeys
{
    public const int KeyMax = 200;

    public static string Name(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // Most letters fold to themselves: only the few in the table below become other letters.
            var folded = Fold(c);
            if (char.IsLetterOrDigit(folded?[0] ?? c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                if (folded is null)
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append(folded);
                }

                space = false;
            }
            else
            {
                space = true;
            }
        }

        var key = sb.ToString().ToLowerInvariant();
        return key.Length <= KeyMax ? key : key[..KeyMax];
    }

    /// <summary>The last word of a person's name (the family name in most of our members' traditions), or "" for one word.</summary>
    public static string LastWord(string nameKey)
    {
        var i = nameKey.LastIndexOf(' ');
        return i < 0 ? "" : nameKey[(i + 1)..];
    }

    /// <summary>The name after its first word ("o briain" from "zoe o briain"), or "" for one word.</summary>
    public static string AfterFirstWord(string nameKey)
    {
        var i = nameKey.IndexOf(' ', StringComparison.Ordinal);
        return i < 0 ? "" : nameKey[(i + 1)..];
    }

    public static string Postcode(string? postcode) => (postcode ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    public static string Email(string? email) => (email ?? "").Trim().ToLowerInvariant();

    /// <summary>
    /// The smallest key greater than every key starting with <paramref name="prefix"/> in binary order ("bri" → "brj"),
    /// so that a prefix search is an index range scan on both engines (the key columns use binary collation).
    /// </summary>
    public static string PrefixEnd(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var last = prefix[^1];
        return last == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(last + 1);
    }

    private static string? Fold(char c) => c switch
    {
        'ł' or 'Ł' => "l",
        'ø' or 'Ø' => "o",
        'đ' or 'Đ' => "d",
        'ß' => "ss",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'þ' or 'Þ' => "th",
        'ı' => "i",
        _ => null,
    };
}
