using CoopRegister.Domain.Meetings;

namespace CoopRegister.Domain.Tests.Meetings;

public sealed class PaperBallotRulesTests
{
    private static readonly DateOnly Notice = new(2027, 5, 1);
    private static readonly DateOnly MeetingDay = new(2027, 6, 12);
    private static readonly Teller Ann = new("ann", "ann@example.org");
    private static readonly Teller Ben = new("ben", "ben@example.org");

    /// <summary>A one-section meeting with one motion, its roll of <paramref name="roll"/> taken and voting open.</summary>
    private static Meeting Sitting(long roll = 10)
    {
        var plan = new MeetingPlan(MeetingKind.Annual, "AGM 2027", Notice, new DateTime(2027, 5, 20, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 6, 12, 10, 0, 0, DateTimeKind.Utc),
            EligibilityRule.Default, [new SectionPlan(null, "London", MeetingDay, "Marx Memorial Library")]);
        var m = Meeting.Call(plan, 14, new QuorumRule(), new DateTime(2027, 5, 1, 9, 0, 0, DateTimeKind.Utc));
        m.AddMotion("Accounts", "To receive the accounts.", MotionThreshold.Ordinary);
        m.RecordRoll(new string('a', 64), roll, m.CreatedAt);
        m.OpenVoting(m.VotingOpensAt);
        return m;
    }

    private static PaperCount Count(int valid, long f, long a, long x, params string[] spoilt) => new(valid, new Dictionary<long, MotionTally> { [0] = new(f, a, x) }, spoilt);

    [Fact]
    public void A_batch_is_accepted_only_when_a_different_teller_keys_the_same_figures()
    {
        var m = Sitting();
        var tooMany = Assert.Throws<DomainException>(() => PaperBatch.Key(m, m.Sections[0], 1, Count(2, 2, 1, 0), Ann, m.VotingOpensAt));
        Assert.Contains("more than the 2 valid papers", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => PaperBatch.Key(m, m.Sections[0], 1, Count(0, 0, 0, 0), Ann, m.VotingOpensAt)); // no papers at all

        var batch = PaperBatch.Key(m, m.Sections[0], 1, Count(3, 2, 1, 0, "Signed by the voter"), Ann, m.VotingOpensAt);
        Assert.Contains("a different teller", Assert.Throws<DomainException>(() => batch.Check(Count(3, 2, 1, 0, "x"), m.Motions, Ann, m.VotingOpensAt)).Message, StringComparison.Ordinal);
        var differences = batch.Check(Count(3, 1, 2, 0), m.Motions, Ben, m.VotingOpensAt);
        Assert.Equal(2, differences.Count); // motion 1's figures and the spoilt papers
        Assert.False(batch.IsAccepted);
        Assert.Empty(batch.Check(Count(3, 2, 1, 0, "signature"), m.Motions, Ben, m.VotingOpensAt));
        Assert.True(batch.IsAccepted);
        Assert.Equal("ben@example.org", batch.CheckedByName);
        Assert.Throws<DomainException>(() => batch.Check(Count(3, 2, 1, 0, "x"), m.Motions, Ben, m.VotingOpensAt));
    }

    [Fact]
    public void The_reconciliation_compares_papers_issued_returned_marks_ballots_and_totals()
    {
        var m = Sitting();
        var paper = new Dictionary<long, MotionTally> { [0] = new(2, 1, 0) };
        var online = new Dictionary<long, MotionTally> { [0] = new(4, 0, 1) };
        var balanced = Reconciliation.Of(m.Motions, [new SectionFigures("London", 4, 3, 1, paper)], 5, 5, online);
        Assert.True(balanced.Balances);
        Assert.Equal(6, balanced.Lines.Count);

        var blank = new Dictionary<long, MotionTally> { [0] = new(1, 1, 0) }; // one paper blank on the motion
        var off = Reconciliation.Of(m.Motions, [new SectionFigures("London", 5, 3, 1, blank)], 5, 5, online);
        Assert.False(off.Balances);
        Assert.Equal(["London", "London", "Combined", "Combined", "Combined"], off.Differences.Select(d => d.Scope).ToArray());
        Assert.Contains("London: Papers issued vs returned (valid + spoilt): expected 5, found 4", off.DescribeDifferences(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_elections_papers_reconcile_with_the_papers_issued_at_each_section_and_combined()
    {
        var m = Sitting();
        var paper = new Dictionary<long, MotionTally> { [0] = new(3, 1, 0) };
        var online = new Dictionary<long, MotionTally> { [0] = new(5, 0, 0) };
        var london = new SectionFigures("London", 4, 4, 0, paper);
        var balanced = Reconciliation.Of(m.Motions, [london], 5, 5, online, [new ElectionPaperFigures(1, [new ElectionSectionPapers("London", 4, 3, 1)])]);
        Assert.True(balanced.Balances);
        Assert.Equal(["London", "Combined"], balanced.Lines.Where(l => l.Check.StartsWith("Election 1", StringComparison.Ordinal)).Select(l => l.Scope).ToArray());

        // Election 2's batches hold one paper fewer than were issued (a paper left blank in it was not keyed as spoilt).
        var off = Reconciliation.Of(m.Motions, [london], 5, 5, online,
            [new ElectionPaperFigures(2, [new ElectionSectionPapers("London", 4, 3, 0)]), new ElectionPaperFigures(1, [new ElectionSectionPapers("London", 4, 4, 0)])]);
        Assert.Equal(["London", "Combined"], off.Differences.Select(d => d.Scope).ToArray());
        Assert.Equal("London: Election 2: papers issued vs returned (valid + spoilt): expected 4, found 3; Combined: Election 2: papers issued vs returned (valid + spoilt): expected 4, found 3",
            off.DescribeDifferences());
    }

    [Fact]
    public void A_count_that_does_not_reconcile_is_declared_only_after_a_note_and_a_second_tellers_sign_off()
    {
        var m = Sitting();
        m.CloseVoting(m.VotingClosesAt);
        var paper = new Dictionary<long, MotionTally> { [0] = new(2, 0, 0) };
        var online = new Dictionary<long, MotionTally> { [0] = new(1, 0, 0) };
        var reconciliation = Reconciliation.Of(m.Motions, [new SectionFigures("London", 1, 2, 0, paper)], 1, 1, online);
        m.RecordCount(new CountFigures(online, paper, 2, 1, 2, 0, reconciliation), m.VotingClosesAt);
        Assert.Equal((3L, 2L), (m.Motions[0].ForVotes!.Value, m.Motions[0].PaperFor!.Value));
        Assert.True(m.ReconciliationBlocksDeclaration);

        Assert.Contains("write a note", Assert.Throws<DomainException>(() => m.Declare("ro", m.VotingClosesAt)).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => m.SignOffReconciliation(Ben, m.VotingClosesAt)); // nothing to sign yet
        Assert.Throws<DomainException>(() => m.NoteReconciliation("  ", Ann, m.VotingClosesAt));
        m.NoteReconciliation("A paper from the previous section's pile was counted here.", Ann, m.VotingClosesAt);
        Assert.Throws<DomainException>(() => m.SignOffReconciliation(Ann, m.VotingClosesAt));
        Assert.Contains("not been signed off", Assert.Throws<DomainException>(() => m.Declare("ro", m.VotingClosesAt)).Message, StringComparison.Ordinal);
        m.SignOffReconciliation(Ben, m.VotingClosesAt);
        m.Declare("ro", m.VotingClosesAt);
        Assert.Equal(MeetingStatus.Declared, m.Status);
    }

    [Fact]
    public void Tellers_work_only_while_the_meeting_sits()
    {
        var plan = new MeetingPlan(MeetingKind.Annual, "AGM 2027", Notice, new DateTime(2027, 5, 20, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 6, 12, 10, 0, 0, DateTimeKind.Utc),
            EligibilityRule.Default, [new SectionPlan(null, "London", MeetingDay, "Marx Memorial Library")]);
        var m = Meeting.Call(plan, 14, new QuorumRule(), DateTime.UtcNow);
        m.AddMotion("Accounts", "To receive the accounts.", MotionThreshold.Ordinary);
        var e = Assert.Throws<DomainException>(() => QuorumCheck.Test(m, m.Sections[0], null, 3, 0, "ann", DateTime.UtcNow));
        Assert.Contains("from the opening of voting until the count", e.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => PaperBatch.Key(m, m.Sections[0], 1, Count(1, 1, 0, 0), Ann, DateTime.UtcNow));
    }
}
