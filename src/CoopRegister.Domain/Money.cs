using System.Globalization;

namespace CoopRegister.Domain;

/// <summary>
/// An amount of sterling in whole pence. Money is never a floating-point number anywhere in CoopRegister:
/// SQLite cannot compare decimals and binary fractions cannot hold 0.10 exactly.
/// </summary>
public readonly record struct Money(long Pence) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public static Money FromPounds(long pounds) => new(checked(pounds * 100));

    public long WholePounds => Pence / 100;

    public static Money operator +(Money a, Money b) => new(checked(a.Pence + b.Pence));

    public static Money operator -(Money a, Money b) => new(checked(a.Pence - b.Pence));

    public static Money operator *(Money a, long n) => new(checked(a.Pence * n));

    public static bool operator <(Money a, Money b) => a.Pence < b.Pence;

    public static bool operator >(Money a, Money b) => a.Pence > b.Pence;

    public static bool operator <=(Money a, Money b) => a.Pence <= b.Pence;

    public static bool operator >=(Money a, Money b) => a.Pence >= b.Pence;

    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Multiply(long n) => this * n;

    /// <summary>"£1,234.56", or "£20,000" when <paramref name="omitZeroPence"/> and the amount is whole pounds. Culture-invariant.</summary>
    public string Format(bool omitZeroPence = false)
    {
        var sign = Pence < 0 ? "-" : "";
        var abs = Math.Abs(Pence);
        var pounds = (abs / 100).ToString("#,##0", CultureInfo.InvariantCulture);
        var pence = abs % 100;
        return omitZeroPence && pence == 0
            ? $"{sign}£{pounds}"
            : $"{sign}£{pounds}.{pence.ToString("00", CultureInfo.InvariantCulture)}";
    }

    /// <summary>"1234.56": pounds with two decimals, for files (CSV), never grouped.</summary>
    public string ToPoundsString()
    {
        var sign = Pence < 0 ? "-" : "";
        var abs = Math.Abs(Pence);
        return sign + (abs / 100).ToString(CultureInfo.InvariantCulture) + "." + (abs % 100).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads "12", "12.5", "12.50", "£1,200.00" as pounds (a person's typing, not a file's). Refuses more than two decimals
    /// and negative amounts.
    /// </summary>
    public static bool TryParsePounds(string? text, out Money money)
    {
        money = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        var parts = t.Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 || parts[0].Length > 12 || !parts[0].All(char.IsAsciiDigit))
        {
            return false;
        }

        long pence = 0;
        if (parts.Length == 2)
        {
            var frac = parts[1];
            if (frac.Length is 0 or > 2 || !frac.All(char.IsAsciiDigit))
            {
                return false;
            }

            pence = long.Parse(frac.PadRight(2, '0'), CultureInfo.InvariantCulture);
        }

        money = new Money((long.Parse(parts[0], CultureInfo.InvariantCulture) * 100) + pence);
        return true;
    }

    public override string ToString() => Format();
}
