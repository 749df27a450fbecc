using System.Globalization;

namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// A number of votes (or the value of a ballot paper) held exactly to five decimal places, as a whole count of
/// 0.00001. SSI 2007/42 Sch.1 r.48(3) makes every transfer value a calculation "to five decimal places (any remainder
/// being ignored)", so the count must truncate, never round, and must never touch binary floating point, which cannot
/// hold 0.1 exactly and would make two machines disagree.
/// </summary>
public readonly struct Fixed5 : IEquatable<Fixed5>, IComparable<Fixed5>
{
    /// <summary>The number of units in one vote.</summary>
    public const long Scale = 100_000;

    /// <summary>The decimal places the Scottish rules name (r.48(3)).</summary>
    public const int DecimalPlaces = 5;

    public static readonly Fixed5 Zero;

    public static readonly Fixed5 One = new(Scale);

    private Fixed5(long units) => Units = units;

    /// <summary>The value as a count of 0.00001.</summary>
    public long Units { get; }

    public static Fixed5 FromUnits(long units) => new(units);

    public static Fixed5 FromWhole(long votes) => new(checked(votes * Scale));

    /// <summary>
    /// <c>a × b ÷ c</c> to five places with the remainder ignored: the transfer value of r.48(3), where a is the surplus,
    /// b the value of the paper when received and c the candidate's total votes. The product is taken in 128 bits
    /// when it would not fit in 64, so large elections truncate exactly as small ones do.
    /// </summary>
    public static Fixed5 MultiplyDivideTruncating(Fixed5 a, Fixed5 b, Fixed5 c)
    {
        if (c.Units <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(c), "The divisor must be positive.");
        }

        if (a.Units < 0 || b.Units < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), "Transfer values are never negative.");
        }

        return new Fixed5(MultiplyDivide(a.Units, b.Units, c.Units));
    }

    internal static long MultiplyDivide(long a, long b, long c)
    {
        if (b == 0 || a <= long.MaxValue / b)
        {
            return a * b / c;
        }

        return (long)((Int128)a * b / c);
    }

    public static Fixed5 operator +(Fixed5 a, Fixed5 b) => new(checked(a.Units + b.Units));

    public static Fixed5 operator -(Fixed5 a, Fixed5 b) => new(checked(a.Units - b.Units));

    public static Fixed5 operator *(Fixed5 a, long n) => new(checked(a.Units * n));

    public static bool operator ==(Fixed5 a, Fixed5 b) => a.Units == b.Units;

    public static bool operator !=(Fixed5 a, Fixed5 b) => a.Units != b.Units;

    public static bool operator <(Fixed5 a, Fixed5 b) => a.Units < b.Units;

    public static bool operator >(Fixed5 a, Fixed5 b) => a.Units > b.Units;

    public static bool operator <=(Fixed5 a, Fixed5 b) => a.Units <= b.Units;

    public static bool operator >=(Fixed5 a, Fixed5 b) => a.Units >= b.Units;

    public static Fixed5 Add(Fixed5 a, Fixed5 b) => a + b;

    public static Fixed5 Subtract(Fixed5 a, Fixed5 b) => a - b;

    public static Fixed5 Multiply(Fixed5 a, long n) => a * n;

    public int CompareTo(Fixed5 other) => Units.CompareTo(other.Units);

    public bool Equals(Fixed5 other) => Units == other.Units;

    public override bool Equals(object? obj) => obj is Fixed5 other && Equals(other);

    public override int GetHashCode() => Units.GetHashCode();

    /// <summary>"1381.00000": always five places, no grouping, culture-invariant, as counting reports print it.</summary>
    public override string ToString()
    {
        var sign = Units < 0 ? "-" : "";
        var abs = Units < 0 ? -(Int128)Units : Units;
        var whole = (abs / Scale).ToString(CultureInfo.InvariantCulture);
        var fraction = ((long)(abs % Scale)).ToString("00000", CultureInfo.InvariantCulture);
        return $"{sign}{whole}.{fraction}";
    }

    /// <summary>Reads "1381", "1381.5" or "1381.00000"; more than five places is refused, not rounded.</summary>
    public static bool TryParse(string? text, out Fixed5 value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var negative = t.StartsWith('-');
        if (negative)
        {
            t = t[1..];
        }

        var dot = t.IndexOf('.', StringComparison.Ordinal);
        var wholePart = dot < 0 ? t : t[..dot];
        var fractionPart = dot < 0 ? "" : t[(dot + 1)..];
        if (wholePart.Length is 0 or > 13 || fractionPart.Length > DecimalPlaces
            || !wholePart.All(char.IsAsciiDigit) || !fractionPart.All(char.IsAsciiDigit) || (dot >= 0 && fractionPart.Length == 0))
        {
            return false;
        }

        var units = (long.Parse(wholePart, CultureInfo.InvariantCulture) * Scale)
            + (fractionPart.Length == 0 ? 0 : long.Parse(fractionPart.PadRight(DecimalPlaces, '0'), CultureInfo.InvariantCulture));
        value = new Fixed5(negative ? -units : units);
        return true;
    }

    public static Fixed5 Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a number with at most five decimal places.");
}
