using System.Globalization;
using CoopRegister.Domain;

namespace CoopRegister.Web.Components.Shared.Purchase;

/// <summary>
/// Keeps a number of shares and an amount in pounds in step on the purchase forms. This is arithmetic on what the
/// person typed, nothing more: whether the purchase is allowed (minimum, cap, class) is the application service's call.
/// </summary>
public static class ShareAmount
{
    /// <summary>Shares are counted in whole numbers well inside what a holding can ever be.</summary>
    public const int MaxShareDigits = 9;

    /// <summary>The pounds a number of shares costs, as typed into a pounds box: "25", "62.50".</summary>
    public static string PoundsText(long shares, Money nominal)
    {
        var amount = nominal * Math.Max(0, shares);
        return amount.Pence % 100 == 0
            ? amount.WholePounds.ToString(CultureInfo.InvariantCulture)
            : amount.ToPoundsString();
    }

    /// <summary>Reads "25", "1,000" or "1 000" as a whole number of shares.</summary>
    public static bool TryParseShares(string? text, out long shares)
    {
        shares = 0;
        var t = (text ?? "").Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return t.Length is > 0 and <= MaxShareDigits && t.All(char.IsAsciiDigit) && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out shares);
    }

    /// <summary>What a number of shares typed into the shares box means, or why it means nothing.</summary>
    public static Conversion FromSharesText(string? text, Money nominal)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, "Enter how many shares you want, or the amount in pounds.");
        }

        return TryParseShares(text, out var shares)
            ? new(shares, null)
            : new(null, $"'{text.Trim()}' is not a whole number of shares (for example 25).");
    }

    /// <summary>
    /// The shares an amount in pounds buys. Shares are sold whole, so with a nominal value other than £1 the amount must
    /// be a whole multiple of it; the message then names the two nearest amounts that are.
    /// </summary>
    public static Conversion FromPoundsText(string? text, Money nominal)
    {
        if (nominal.Pence <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nominal), nominal, "A share's nominal value is at least 1p.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, "Enter how many shares you want, or the amount in pounds.");
        }

        // A trailing point is a person half-way through typing "12.50".
        var t = text.Trim();
        if (t.EndsWith('.') && !t.EndsWith("..", StringComparison.Ordinal))
        {
            t = t[..^1];
        }

        if (!Money.TryParsePounds(t, out var amount))
        {
            return new(null, $"'{text.Trim()}' is not an amount in pounds (for example 25 or 25.00).");
        }

        var shares = amount.Pence / nominal.Pence;
        if (amount.Pence % nominal.Pence == 0)
        {
            return shares.ToString(CultureInfo.InvariantCulture).Length > MaxShareDigits
                ? new(null, $"{amount.Format()} is more than anyone may hold.")
                : new(shares, null);
        }

        var below = nominal * shares;
        var above = nominal * (shares + 1);
        var nearest = shares > 0
            ? $"{below.Format()} buys {Count(shares)} and {above.Format()} buys {Count(shares + 1)}"
            : $"{above.Format()} buys 1 share";
        return new(null, $"Shares are {nominal.Format()} each and are sold whole, so the amount must be a whole multiple of {nominal.Format()}: {nearest}.");
    }

    /// <summary>"1 share", "1,250 shares".</summary>
    public static string Count(long shares) =>
        shares == 1 ? "1 share" : $"{shares.ToString("#,##0", CultureInfo.InvariantCulture)} shares";

    /// <summary>The result of reading one of the two boxes: the shares it means, or the problem with it.</summary>
    public sealed record Conversion(long? Shares, string? Problem);
}
