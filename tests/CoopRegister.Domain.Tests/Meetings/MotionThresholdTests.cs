using CoopRegister.Domain.Meetings;

namespace CoopRegister.Domain.Tests.Meetings;

public sealed class MotionThresholdTests
{
    private static bool Carried(MotionThreshold t, long f, long a, long abstain = 0, long eligible = 0) =>
        t.Decide(new MotionTally(f, a, abstain), eligible).Carried;

    [Theory]
    [InlineData(51, 49, true)]
    [InlineData(50, 50, false)] // a tie is not more than half
    [InlineData(1, 0, true)]
    [InlineData(0, 1, false)]
    [InlineData(501, 500, true)]
    [InlineData(500, 501, false)]
    public void An_ordinary_resolution_needs_more_than_half_of_votes_cast(long f, long a, bool carried) =>
        Assert.Equal(carried, Carried(MotionThreshold.Ordinary, f, a));

    [Fact]
    public void Abstentions_are_not_votes_cast_unless_the_rules_say_so()
    {
        // 10 for, 9 against, 5 abstain: carried when abstentions are ignored (10 > 9.5), lost when they count (10 is not > 12).
        Assert.True(Carried(MotionThreshold.Ordinary, 10, 9, 5));
        Assert.False(Carried(MotionThreshold.Ordinary with { AbstentionsCount = true }, 10, 9, 5));
        Assert.Equal(19, MotionThreshold.Ordinary.Decide(new MotionTally(10, 9, 5), 100).VotesCast);
        Assert.Equal(24, (MotionThreshold.Ordinary with { AbstentionsCount = true }).Decide(new MotionTally(10, 9, 5), 100).VotesCast);
    }

    [Theory]
    [InlineData(2, 1, true)] // exactly two-thirds
    [InlineData(200, 100, true)]
    [InlineData(199, 100, false)] // just under
    [InlineData(201, 100, true)]
    [InlineData(1, 1, false)]
    [InlineData(1, 0, true)]
    public void Two_thirds_means_at_least_two_thirds(long f, long a, bool carried) =>
        Assert.Equal(carried, Carried(MotionThreshold.TwoThirds, f, a));

    [Theory]
    [InlineData(3, 1, true)] // exactly three-quarters
    [InlineData(300, 100, true)]
    [InlineData(299, 100, false)]
    [InlineData(2, 1, false)]
    public void Three_quarters_means_at_least_three_quarters(long f, long a, bool carried) =>
        Assert.Equal(carried, Carried(MotionThreshold.ThreeQuarters, f, a));

    [Theory]
    [InlineData(75, 25, 200, true)] // 75% exactly, turnout exactly half
    [InlineData(75, 25, 201, false)] // 100 of 201 is under half
    [InlineData(74, 25, 198, false)] // 74.7%
    [InlineData(75, 24, 198, true)] // 99 of 198 is exactly half
    [InlineData(75, 24, 199, false)] // 99 of 199 is under half
    [InlineData(1000, 0, 1000, true)]
    public void Conversion_under_s113_needs_75_percent_and_half_the_eligible_members_voting(long f, long a, long eligible, bool carried) =>
        Assert.Equal(carried, Carried(MotionThreshold.ConversionS113, f, a, 0, eligible));

    [Fact]
    public void The_s113_turnout_test_is_reported_apart_from_the_majority()
    {
        var d = MotionThreshold.ConversionS113.Decide(new MotionTally(90, 0, 0), 181);
        Assert.False(d.Carried);
        Assert.False(d.TurnoutMet);
        Assert.True(MotionThreshold.Ordinary.Decide(new MotionTally(1, 0, 0), 1000).TurnoutMet);
    }

    [Fact]
    public void Abstentions_do_not_count_towards_s113_turnout_unless_the_rules_say_so()
    {
        // 60 for, 0 against, 50 abstain of 200 eligible: 60 votes cast is under half; with abstentions counted, 110 is over
        // half but 60/110 is under 75%.
        Assert.False(Carried(MotionThreshold.ConversionS113, 60, 0, 50, 200));
        Assert.False(Carried(MotionThreshold.ConversionS113 with { AbstentionsCount = true }, 60, 0, 50, 200));
        Assert.True(Carried(MotionThreshold.ConversionS113 with { AbstentionsCount = true }, 100, 0, 0, 200));
    }

    [Theory]
    [InlineData(3, 5, 3, 2, true)] // exactly 3/5
    [InlineData(3, 5, 299, 201, false)]
    [InlineData(1, 2, 1, 1, true)] // a custom 1/2 is "at least half": a tie passes, unlike an ordinary resolution
    [InlineData(1, 1, 5, 0, true)] // unanimity
    [InlineData(1, 1, 5, 1, false)]
    public void A_custom_ratio_p_over_q_needs_at_least_that_share(int p, int q, long f, long a, bool carried) =>
        Assert.Equal(carried, Carried(MotionThreshold.Custom(p, q), f, a));

    [Fact]
    public void With_no_votes_cast_nothing_is_carried()
    {
        foreach (var t in new[] { MotionThreshold.Ordinary, MotionThreshold.TwoThirds, MotionThreshold.ThreeQuarters, MotionThreshold.ConversionS113, MotionThreshold.Custom(1, 3) })
        {
            Assert.False(Carried(t, 0, 0, 7, 0));
        }
    }

    [Fact]
    public void Large_counts_stay_exact()
    {
        const long n = 1L << 39;
        Assert.True(Carried(MotionThreshold.TwoThirds, 2 * n, n));
        Assert.False(Carried(MotionThreshold.TwoThirds, (2 * n) - 1, n));
        Assert.True(Carried(MotionThreshold.Custom(999, 1000), 999 * (n / 1000), n / 1000 / 1));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    [InlineData(1, 0)]
    [InlineData(1, 1001)]
    public void A_custom_ratio_must_be_a_fraction_between_0_and_1(int p, int q)
    {
        var t = MotionThreshold.Custom(p, q);
        Assert.Single(t.Validate());
        var e = Assert.Throws<DomainException>(() => t.Decide(new MotionTally(1, 0, 0), 1));
        Assert.Contains("p/q", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_counts_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MotionTally(-1, 0, 0));

    [Theory]
    [InlineData(1, 3, "33.3%")]
    [InlineData(2, 3, "66.7%")]
    [InlineData(1, 2, "50.0%")]
    [InlineData(0, 0, "0.0%")]
    [InlineData(1, 2000, "0.1%")] // 0.05% rounds half up
    [InlineData(1, 2001, "0.0%")]
    [InlineData(7, 7, "100.0%")]
    public void Percentages_are_computed_from_integers_to_a_tenth_rounded_half_up(long part, long whole, string expected) =>
        Assert.Equal(expected, Percent.Format(part, whole));
}
