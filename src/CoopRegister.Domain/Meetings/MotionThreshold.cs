namespace CoopRegister.Domain.Meetings;

/// <summary>The majority a motion needs (design/voting.md, "Motions and resolutions").</summary>
public enum ThresholdKind
{
    /// <summary>Ordinary resolution: more than half of the votes cast.</summary>
    Ordinary,

    /// <summary>At least two-thirds of the votes cast (rule amendments and other business the society's rules put at 2/3).</summary>
    TwoThirds,

    /// <summary>At least three-quarters of the votes cast.</summary>
    ThreeQuarters,

    /// <summary>Act s.113 (conversion into a company): at least 75% of the votes cast and at least half of the eligible members voting.</summary>
    ConversionS113,

    /// <summary>A ratio p/q the society's rules set (rule amendments and other business): at least p/q of the votes cast.</summary>
    Custom,

    /// <summary>
    /// Act s.111 special resolution (amalgamation or transfer of engagements), first meeting: at least two-thirds of the
    /// votes cast; it then needs confirming at a second general meeting (<see cref="Confirmation"/>).
    /// </summary>
    AmalgamationS111,

    /// <summary>
    /// The confirming vote on an s.111 or s.113 special resolution at the second general meeting: more than half of the
    /// votes cast. Only created from a resolution carried at its first meeting, never chosen for a new motion.
    /// </summary>
    Confirmation,
}

/// <summary>
/// The test a motion must pass, in integer arithmetic only (design/voting.md: never floating point, so that the
/// boundary cases are exact). Abstentions are not votes cast unless the society's rules say they are
/// (<see cref="AbstentionsCount"/>); with no votes cast nothing is carried.
/// </summary>
public sealed record MotionThreshold
{
    public const int RatioMax = 1000;

    public ThresholdKind Kind { get; init; } = ThresholdKind.Ordinary;

    /// <summary>The numerator of a <see cref="ThresholdKind.Custom"/> ratio; ignored by the other kinds.</summary>
    public int Numerator { get; init; } = 1;

    /// <summary>The denominator of a <see cref="ThresholdKind.Custom"/> ratio; ignored by the other kinds.</summary>
    public int Denominator { get; init; } = 2;

    /// <summary>Whether abstentions count as votes cast (the denominator), when the society's rules say so.</summary>
    public bool AbstentionsCount { get; init; }

    public static MotionThreshold Ordinary { get; } = new();

    public static MotionThreshold TwoThirds { get; } = new() { Kind = ThresholdKind.TwoThirds };

    public static MotionThreshold ThreeQuarters { get; } = new() { Kind = ThresholdKind.ThreeQuarters };

    public static MotionThreshold ConversionS113 { get; } = new() { Kind = ThresholdKind.ConversionS113 };

    public static MotionThreshold AmalgamationS111 { get; } = new() { Kind = ThresholdKind.AmalgamationS111 };

    public static MotionThreshold Confirmation { get; } = new() { Kind = ThresholdKind.Confirmation };

    /// <summary>Whether a motion carried under this threshold is a statutory special resolution only once a second meeting confirms it (Act s.111, s.113).</summary>
    public bool RequiresConfirmation => Kind is ThresholdKind.AmalgamationS111 or ThresholdKind.ConversionS113;

    public static MotionThreshold Custom(int numerator, int denominator, bool abstentionsCount = false) =>
        new() { Kind = ThresholdKind.Custom, Numerator = numerator, Denominator = denominator, AbstentionsCount = abstentionsCount };

    /// <summary>How the threshold reads on a notice or a declaration.</summary>
    public string Describe()
    {
        var basis = AbstentionsCount ? "votes cast, abstentions included" : "votes cast (abstentions are not votes cast)";
        return Kind switch
        {
            ThresholdKind.Ordinary => $"Ordinary resolution: more than half of the {basis}",
            ThresholdKind.TwoThirds => $"Special resolution: at least two-thirds of the {basis}",
            ThresholdKind.ThreeQuarters => $"Special resolution: at least three-quarters of the {basis}",
            ThresholdKind.ConversionS113 => $"Act s.113: at least 75% of the {basis}, and at least half of the eligible members voting",
            ThresholdKind.Custom => $"At least {Numerator}/{Denominator} of the {basis} (society's rules)",
            ThresholdKind.AmalgamationS111 => $"Act s.111 special resolution: at least two-thirds of the {basis}, then confirmed at a second general meeting",
            ThresholdKind.Confirmation => $"Confirmation of a special resolution at a second general meeting (Act s.111): more than half of the {basis}",
            _ => Kind.ToString(),
        };
    }

    /// <summary>Every rule the threshold breaks; empty when it may be used.</summary>
    public IReadOnlyList<RuleViolation> Validate()
    {
        var errors = new List<RuleViolation>();
        if (!Enum.IsDefined(Kind))
        {
            errors.Add(new RuleViolation(nameof(Kind), $"'{Kind}' is not a kind of threshold."));
        }
        else if (Kind == ThresholdKind.Custom && (Denominator < 1 || Denominator > RatioMax || Numerator < 1 || Numerator > Denominator))
        {
            errors.Add(new RuleViolation(nameof(Numerator),
                $"A custom majority is a fraction p/q with 1 ≤ p ≤ q ≤ {RatioMax} (for example 2/3); {Numerator}/{Denominator} is not."));
        }

        return errors;
    }

    /// <summary>
    /// Decides the motion from its tally and the number of members on the voter roll. The tests are exactly those of
    /// design/voting.md, with c the votes cast (for + against, plus abstentions when they count):
    /// ordinary <c>2·for &gt; c</c>; two-thirds <c>3·for ≥ 2·c</c>; three-quarters and s.113 <c>4·for ≥ 3·c</c>, and for
    /// s.113 also <c>2·c ≥ eligible</c> (turnout); custom p/q <c>q·for ≥ p·c</c>; s.111's first meeting as two-thirds and
    /// its confirmation as ordinary. No motion passes with no votes cast.
    /// </summary>
    public MotionDecision Decide(MotionTally tally, long eligible)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        if (eligible < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eligible), eligible, "The number of eligible members cannot be negative.");
        }

        var cast = tally.For + tally.Against + (AbstentionsCount ? tally.Abstain : 0);
        var forVotes = tally.For;
        bool carried;
        if (cast == 0)
        {
            carried = false;
        }
        else
        {
            carried = Kind switch
            {
                ThresholdKind.Ordinary => 2 * forVotes > cast,
                ThresholdKind.TwoThirds or ThresholdKind.AmalgamationS111 => 3 * forVotes >= 2 * cast,
                ThresholdKind.Confirmation => 2 * forVotes > cast,
                ThresholdKind.ThreeQuarters => 4 * forVotes >= 3 * cast,
                ThresholdKind.ConversionS113 => 4 * forVotes >= 3 * cast && 2 * cast >= eligible,
                ThresholdKind.Custom => (long)Denominator * forVotes >= (long)Numerator * cast,
                _ => false,
            };
        }

        var turnoutMet = Kind != ThresholdKind.ConversionS113 || 2 * cast >= eligible;
        return new MotionDecision(carried, cast, turnoutMet);
    }
}

/// <summary>The votes on one motion. Counts are never negative.</summary>
public sealed record MotionTally
{
    public MotionTally(long forVotes, long against, long abstain)
    {
        if (forVotes < 0 || against < 0 || abstain < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(forVotes), "Vote counts cannot be negative.");
        }

        // Far above any membership; keeps every product in the threshold tests inside a long.
        const long limit = 1L << 40;
        if (forVotes > limit || against > limit || abstain > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(forVotes), "Vote counts are beyond any possible membership.");
        }

        For = forVotes;
        Against = against;
        Abstain = abstain;
    }

    public long For { get; }
    public long Against { get; }
    public long Abstain { get; }
}

/// <summary>Whether the motion was carried, on how many votes cast, and (for s.113) whether the turnout test was met.</summary>
public sealed record MotionDecision(bool Carried, long VotesCast, bool TurnoutMet);

/// <summary>Percentages for a declaration, from integers: tenths of a per cent, rounded half up.</summary>
public static class Percent
{
    /// <summary>part/whole in tenths of a per cent (1 of 3 → 333, i.e. 33.3%); 0 when the whole is 0.</summary>
    public static long Tenths(long part, long whole)
    {
        if (whole <= 0)
        {
            return 0;
        }

        return ((part * 2000) + whole) / (2 * whole);
    }

    /// <summary>"33.3%".</summary>
    public static string Format(long part, long whole)
    {
        var t = Tenths(part, whole);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t / 10}.{t % 10}%");
    }
}
