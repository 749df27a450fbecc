using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Tests.Meetings;

public sealed class MeetingRulesTests
{
    private static readonly DateOnly Notice = new(2027, 5, 1);
    private static readonly DateOnly MeetingDay = new(2027, 6, 12);

    private static VoterFacts Facts(DateOnly? entered = null, DateOnly? ceased = null, DateOnly? born = null, bool person = true, bool paid = true) =>
        new(entered ?? new DateOnly(2020, 1, 1), ceased, person, born ?? new DateOnly(1980, 1, 1), paid);

    [Fact]
    public void Clear_days_count_neither_the_day_of_notice_nor_the_meeting_day()
    {
        Assert.Equal(14, NoticePeriod.ClearDays(new DateOnly(2027, 5, 1), new DateOnly(2027, 5, 16)));
        Assert.Equal(new DateOnly(2027, 5, 16), NoticePeriod.EarliestMeetingDate(new DateOnly(2027, 5, 1), 14));
        Assert.Null(NoticePeriod.Check(new DateOnly(2027, 5, 1), new DateOnly(2027, 5, 16), 14, "The meeting"));
        var late = NoticePeriod.Check(new DateOnly(2027, 5, 1), new DateOnly(2027, 5, 15), 14, "The meeting");
        Assert.NotNull(late);
        Assert.Contains("13 clear days", late.Message, StringComparison.Ordinal);
        Assert.Contains("at least 14", late.Message, StringComparison.Ordinal);
        Assert.Contains("2027-05-16", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_rule_admits_a_member_on_both_dates_aged_16_with_the_minimum_fully_paid()
    {
        var rule = EligibilityRule.Default;
        Assert.True(rule.Admits(Facts(), Notice, MeetingDay));
        Assert.True(rule.Admits(Facts(entered: Notice), Notice, MeetingDay));
        Assert.False(rule.Admits(Facts(entered: Notice.AddDays(1)), Notice, MeetingDay)); // joined after notice
        Assert.False(rule.Admits(Facts(ceased: MeetingDay), Notice, MeetingDay)); // ceased on the meeting day
        Assert.True(rule.Admits(Facts(ceased: MeetingDay.AddDays(1)), Notice, MeetingDay));
        Assert.False(rule.Admits(Facts(paid: false), Notice, MeetingDay));
    }

    [Fact]
    public void The_age_is_taken_on_the_meeting_date_and_a_sixteenth_birthday_that_day_counts()
    {
        var rule = EligibilityRule.Default;
        Assert.True(rule.Admits(Facts(born: MeetingDay.AddYears(-16)), Notice, MeetingDay));
        Assert.False(rule.Admits(Facts(born: MeetingDay.AddYears(-16).AddDays(1)), Notice, MeetingDay));
        Assert.True(rule.Admits(Facts(born: MeetingDay.AddYears(-16).AddDays(1), person: false), Notice, MeetingDay)); // organisations have no age
        Assert.True((rule with { MinimumAge = null }).Admits(Facts(born: MeetingDay.AddYears(-10)), Notice, MeetingDay));
    }

    [Fact]
    public void A_rule_without_the_notice_date_test_admits_members_who_joined_up_to_the_meeting_day()
    {
        var open = EligibilityRule.Default with { MemberOnNoticeDate = false };
        Assert.True(open.Admits(Facts(entered: MeetingDay), Notice, MeetingDay));
        Assert.False(open.Admits(Facts(entered: MeetingDay.AddDays(1)), Notice, MeetingDay));
        Assert.Contains("aged 16 or over", EligibilityRule.Default.Describe(), StringComparison.Ordinal);
        Assert.Single((EligibilityRule.Default with { MinimumAge = 30 }).Validate());
    }

    [Theory]
    [InlineData(QuorumKind.FixedNumber, 1000, 10)]
    [InlineData(QuorumKind.Percentage, 1000, 100)]
    [InlineData(QuorumKind.Percentage, 1001, 101)] // 10% of 1,001 is 100.1: rounds up
    [InlineData(QuorumKind.LesserOf, 1000, 10)]
    [InlineData(QuorumKind.LesserOf, 50, 5)]
    [InlineData(QuorumKind.GreaterOf, 1000, 100)]
    [InlineData(QuorumKind.GreaterOf, 50, 10)]
    public void The_quorum_follows_the_society_rules(QuorumKind kind, long eligible, long required) =>
        Assert.Equal(required, new QuorumRule { Kind = kind, Members = 10, Percent = 10 }.Required(eligible));

    [Fact]
    public void Only_the_kinds_of_presence_the_quorum_rule_counts_make_a_quorum()
    {
        var inPersonOnly = new QuorumRule { Kind = QuorumKind.FixedNumber, Members = 10 };
        Assert.False(inPersonOnly.IsMet(9, 50, 1000));
        Assert.True(inPersonOnly.IsMet(10, 0, 1000));
        var withProxies = inPersonOnly with { CountsProxies = true };
        Assert.True(withProxies.IsMet(4, 6, 1000));
        Assert.Single((inPersonOnly with { CountsInPerson = false }).Validate());
        Assert.Contains("whichever is lower", QuorumRule.From(new SocietyDetails()).Describe(), StringComparison.Ordinal);
    }

    private static MeetingPlan Plan(DateOnly? sectionDate = null) => new(
        MeetingKind.Annual, "AGM 2027", Notice,
        new DateTime(2027, 5, 20, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 6, 12, 10, 0, 0, DateTimeKind.Utc),
        EligibilityRule.Default, [new SectionPlan(null, "London", sectionDate ?? MeetingDay, "Marx Memorial Library"), new SectionPlan(null, "Glasgow", MeetingDay.AddDays(-1), "STUC")]);

    [Fact]
    public void A_meeting_called_with_too_little_notice_is_refused_naming_the_section()
    {
        var e = Assert.Throws<DomainException>(() => Meeting.Call(Plan(Notice.AddDays(10)), 14, new QuorumRule(), DateTime.UtcNow));
        Assert.Contains("Section \"London\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("9 clear days", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meeting_moves_from_preparing_to_declared_one_step_at_a_time()
    {
        var now = new DateTime(2027, 5, 2, 9, 0, 0, DateTimeKind.Utc);
        var m = Meeting.Call(Plan(), 14, new QuorumRule(), now);
        Assert.Equal(MeetingDay.AddDays(-1), m.MeetingDate);
        Assert.Throws<DomainException>(() => m.OpenVoting(now)); // no roll, no motions
        m.AddMotion("Accounts", "To receive the accounts.", MotionThreshold.Ordinary);
        m.RecordRoll(new string('a', 64), 3, now);
        m.OpenVoting(now);
        Assert.False(m.AcceptsVotesAt(now)); // before the window
        Assert.True(m.AcceptsVotesAt(m.VotingOpensAt));
        Assert.False(m.AcceptsVotesAt(m.VotingClosesAt));
        Assert.Throws<DomainException>(() => m.AddMotion("Late", "Too late.", MotionThreshold.Ordinary));
        Assert.Throws<DomainException>(() => m.CloseVoting(m.VotingClosesAt.AddMinutes(-1)));
        m.CloseVoting(m.VotingClosesAt);
        Assert.Throws<DomainException>(() => m.Declare("ro", m.VotingClosesAt));
        var tooMany = Assert.Throws<DomainException>(() => m.RecordCount(new Dictionary<long, MotionTally> { [0] = new(3, 1, 0) }, 3, m.VotingClosesAt));
        Assert.Contains("does not reconcile", tooMany.Message, StringComparison.Ordinal);
        m.RecordCount(new Dictionary<long, MotionTally> { [0] = new(2, 1, 0) }, 3, m.VotingClosesAt);
        Assert.True(m.Motions[0].Carried);
        m.Declare("ro@example.org", m.VotingClosesAt);
        Assert.Equal(MeetingStatus.Declared, m.Status);
    }

    [Fact]
    public void Changing_a_prepared_meeting_discards_its_roll()
    {
        var now = new DateTime(2027, 5, 2, 9, 0, 0, DateTimeKind.Utc);
        var m = Meeting.Call(Plan(), 14, new QuorumRule(), now);
        m.RecordRoll(new string('b', 64), 2, now);
        m.Change(Plan() with { Title = "AGM 2027 (revised)" });
        Assert.False(m.IsRollTaken);
        Assert.Null(m.RollHash);
    }

    [Fact]
    public void The_voting_window_must_lie_between_the_notice_and_the_last_section()
    {
        var e = Assert.Throws<DomainException>(() => Meeting.Call(Plan() with { VotingClosesAtUtc = new DateTime(2027, 6, 13, 0, 0, 1, DateTimeKind.Utc) }, 14, new QuorumRule(), DateTime.UtcNow));
        Assert.Contains("last day", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<DomainException>(() => Meeting.Call(Plan() with { VotingOpensAtUtc = new DateTime(2027, 4, 30, 0, 0, 0, DateTimeKind.Utc) }, 14, new QuorumRule(), DateTime.UtcNow));
        Assert.Contains("before notice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ballot_needs_a_choice_on_every_motion()
    {
        var e = Assert.Throws<DomainException>(() => SecretBallot.Cast(Guid.NewGuid(), 1, VotingChannel.Online, "R", new Dictionary<long, VoteChoice> { [1] = VoteChoice.For }, [1, 2]));
        Assert.Contains("every motion", e.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => SecretBallot.Cast(Guid.NewGuid(), 1, VotingChannel.Online, "R", new Dictionary<long, VoteChoice> { [1] = VoteChoice.For, [3] = VoteChoice.For }, [1]));
        Assert.Equal(2, SecretBallot.Cast(Guid.NewGuid(), 1, VotingChannel.Online, "R", new Dictionary<long, VoteChoice> { [1] = VoteChoice.For, [2] = VoteChoice.Abstain }, [1, 2]).Choices.Count);
    }

    [Fact]
    public void The_roll_hash_depends_only_on_the_rule_the_dates_and_the_members()
    {
        static string Hash(EligibilityRule rule, params long[] numbers)
        {
            using var h = new VoterRollHash(rule, Notice, MeetingDay);
            foreach (var n in numbers)
            {
                h.Add(n);
            }

            return h.Finish();
        }

        Assert.Equal(Hash(EligibilityRule.Default, 1, 2, 5), Hash(EligibilityRule.Default, 1, 2, 5));
        Assert.NotEqual(Hash(EligibilityRule.Default, 1, 2, 5), Hash(EligibilityRule.Default, 1, 2, 6));
        Assert.NotEqual(Hash(EligibilityRule.Default, 1, 2), Hash(EligibilityRule.Default with { MinimumAge = 18 }, 1, 2));
        Assert.Equal(64, Hash(EligibilityRule.Default).Length);
        using var h = new VoterRollHash(EligibilityRule.Default, Notice, MeetingDay);
        h.Add(5);
        Assert.Throws<InvalidOperationException>(() => h.Add(5));
    }
}
