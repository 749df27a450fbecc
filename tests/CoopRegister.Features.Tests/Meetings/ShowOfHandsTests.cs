using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>Shows of hands at the sections, demands for a poll, and how they combine with the ballots.</summary>
public abstract class ShowOfHandsTests(DatabaseProvider provider) : SittingMeetingTest(provider)
{
    [Fact]
    public async Task With_no_ballot_cast_the_show_of_hands_decides_and_the_declaration_shows_it()
    {
        var (teller, second, officer, _) = await StaffAsync();
        foreach (var n in new long[] { 9001, 9002, 9003 })
        {
            await CarriedOverAsync(n, $"Member {n}");
        }

        var id = await OpenMeetingAsync(teller, Form(1), Motion("The accounts"), Motion("The auditors"), Motion("The rule change", ThresholdKind.TwoThirds));
        var london = await SectionAsync(teller, id, "London");
        foreach (var n in new long[] { 9001, 9002, 9003 })
        {
            await Tellers.MarkPresentAsync(teller, id, london, n, Cancel);
        }

        await Hands.RecordAsync(teller, id, london, await MotionIdAsync(teller, id, 1), Counted(2, 1, 0), Cancel);
        await Hands.RecordAsync(teller, id, london, await MotionIdAsync(teller, id, 2), Declared(true), Cancel);

        // Motion 3 needs two-thirds: 2 for and 1 against is exactly two-thirds (3·2 ≥ 2·3). A correction replaces the first figures.
        await Hands.RecordAsync(teller, id, london, await MotionIdAsync(teller, id, 3), Counted(1, 2, 0), Cancel);
        await Hands.RecordAsync(second, id, london, await MotionIdAsync(teller, id, 3), Counted(2, 1, 0), Cancel);
        var listed = await Hands.ListAsync(teller, id, Cancel);
        Assert.Equal("2 for, 1 against, 0 abstaining", listed.Single(m => m.Number == 3).Sections.Single().Describe());

        await CloseAndCountAsync(teller, id, officer: officer);
        var one = await ResultAsync(teller, id, 1);
        Assert.Equal((MotionMethod.ShowOfHands, true, 2L, 1L, 3L, true), (one.DecidedBy, one.Counted, one.For, one.Against, one.VotesCast, one.Carried));
        var two = await ResultAsync(teller, id, 2);
        Assert.Equal((MotionMethod.ShowOfHands, false, true), (two.DecidedBy, two.Counted, two.Carried));
        var three = await ResultAsync(teller, id, 3);
        Assert.Equal((MotionMethod.ShowOfHands, true), (three.DecidedBy, three.Carried));

        // The papers issued at the door were not used: nothing on paper to reconcile, so the declaration went ahead.
        var results = (await Meetings.ResultsAsync(teller, id, Cancel))!;
        Assert.Equal(MeetingStatus.Declared, results.Status);
        Assert.Null(results.ReconciliationDifferences);
        Assert.Equal("declared carried by the chair (no count)", results.Hands.Single(h => h.Number == 2).Sections.Single().Describe());

        await using var db = Host.NewContext();
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == "meeting.hands-recorded", Cancel));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "meeting.hands-corrected", Cancel));
        var declared = await db.AuditEvents.Where(e => e.Action == "meeting.declared").Select(e => e.Summary).SingleAsync(Cancel);
        Assert.Contains("motion 2 CARRIED (show of hands, chair's declaration)", declared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_anyone_has_voted_by_ballot_the_ballots_decide_and_the_hands_stay_on_the_record()
    {
        var (teller, _, officer, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        await CarriedOverAsync(9001, "Ann Able");
        await CarriedOverAsync(9002, "Ben Baker");
        var id = await OpenMeetingAsync(teller, Form(1), Motion("The accounts"));
        await Meetings.VoteAsync(ada, id, await ChoicesAsync(teller, id, VoteChoice.Against), Cancel);
        var london = await SectionAsync(teller, id, "London");
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9002, Cancel);

        // The room votes 2–0 by hands; but Ada voted online against, so the hands cannot decide: the papers and her ballot do.
        await Hands.RecordAsync(teller, id, london, await MotionIdAsync(teller, id, 1), Counted(2, 0, 0), Cancel);
        var batch = PaperBatchForm.For((await Tellers.DeskAsync(teller, id, Cancel))!.Motions);
        batch.ValidPapers = 2;
        batch.Motions[0].For = 1;
        batch.Motions[0].Against = 1;
        await Tellers.KeyBatchAsync(teller, id, london, batch, Cancel);
        var secondTeller = await Host.CreateLoginAsync("teller3@example.org", CoopRegister.Domain.Accounts.Roles.Teller);
        await Tellers.CheckBatchAsync(secondTeller, id, (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single().Id, batch, Cancel);

        await CloseAndCountAsync(teller, id, officer: officer);
        var result = await ResultAsync(teller, id, 1);
        Assert.Equal((MotionMethod.Ballot, 1L, 2L, false), (result.DecidedBy, result.For, result.Against, result.Carried));
        var results = (await Meetings.ResultsAsync(teller, id, Cancel))!;
        Assert.Equal("2 for, 0 against, 0 abstaining", results.Hands.Single().Sections.Single().Describe());
    }

    [Fact]
    public async Task A_poll_demanded_sends_the_motion_to_ballot_whatever_the_hands_showed()
    {
        var (teller, second, officer, _) = await StaffAsync();
        await CarriedOverAsync(9001, "Ann Able");
        var id = await OpenMeetingAsync(teller, Form(1), Motion("The accounts"));
        var london = await SectionAsync(teller, id, "London");
        var motion = await MotionIdAsync(teller, id, 1);
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        await Hands.RecordAsync(teller, id, london, motion, Counted(1, 0, 0), Cancel);

        var nobody = await Assert.ThrowsAsync<DomainException>(() => Hands.DemandPollAsync(teller, id, london, motion, "  ", Cancel));
        Assert.Contains("Say who demanded the poll", nobody.Message, StringComparison.Ordinal);
        await Hands.DemandPollAsync(teller, id, london, motion, "the chair", Cancel);
        var again = await Assert.ThrowsAsync<DomainException>(() => Hands.DemandPollAsync(second, id, london, motion, "five members", Cancel));
        Assert.Contains("already been demanded", again.Message, StringComparison.Ordinal);
        Assert.Equal("the chair", (await Hands.ListAsync(teller, id, Cancel)).Single().Poll!.DemandedBy);

        // The paper issued at the door is the poll: Ann's paper, keyed and checked, decides.
        var batch = PaperBatchForm.For((await Tellers.DeskAsync(teller, id, Cancel))!.Motions);
        batch.ValidPapers = 1;
        batch.Motions[0].Against = 1;
        await Tellers.KeyBatchAsync(teller, id, london, batch, Cancel);
        await Tellers.CheckBatchAsync(second, id, (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single().Id, batch, Cancel);
        await CloseAndCountAsync(teller, id, officer: officer);
        var result = await ResultAsync(teller, id, 1);
        Assert.Equal((MotionMethod.Ballot, 0L, 1L, false), (result.DecidedBy, result.For, result.Against, result.Carried));

        // Nothing more can be recorded once counted.
        var late = await Assert.ThrowsAsync<DomainException>(() => Hands.RecordAsync(teller, id, london, motion, Counted(5, 0, 0), Cancel));
        Assert.Contains("until the count", late.Message, StringComparison.Ordinal);
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "meeting.poll-demanded", Cancel));
    }

    [Fact]
    public async Task Sections_hands_are_added_together_and_every_attended_section_must_have_counted()
    {
        var (teller, _, officer, _) = await StaffAsync();
        foreach (var n in new long[] { 9001, 9002, 9003, 9004 })
        {
            await CarriedOverAsync(n, $"Member {n}");
        }

        var id = await OpenMeetingAsync(teller, Form(2), Motion("The accounts"), Motion("The conversion", ThresholdKind.ConversionS113));
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");
        var accounts = await MotionIdAsync(teller, id, 1);
        var conversion = await MotionIdAsync(teller, id, 2);
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9002, Cancel);
        await Tellers.MarkPresentAsync(teller, id, glasgow, 9003, Cancel);

        var undeclarable = await Assert.ThrowsAsync<DomainException>(() => Hands.RecordAsync(teller, id, london, accounts, Declared(true), Cancel));
        Assert.Contains("several sections", undeclarable.Message, StringComparison.Ordinal);
        var partial = await Assert.ThrowsAsync<DomainException>(() => Hands.RecordAsync(teller, id, london, accounts, new HandsForm { Counted = true, For = -1 }, Cancel));
        Assert.Contains("whole number", partial.Message, StringComparison.Ordinal);

        await Hands.RecordAsync(teller, id, london, accounts, Counted(1, 1, 0), Cancel);
        await Hands.RecordAsync(teller, id, london, conversion, Counted(2, 0, 0), Cancel);
        await Hands.RecordAsync(teller, id, glasgow, conversion, Counted(1, 0, 0), Cancel);
        Host.Clock.SetUtcNow(Closing);
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        var version = await VersionAsync(teller, id);
        var missing = await Assert.ThrowsAsync<DomainException>(() => Meetings.CountAsync(teller, id, version, Cancel));
        Assert.Contains("Motion 1 has a show of hands from some sections but not from 1 other section", missing.Message, StringComparison.Ordinal);

        await Hands.RecordAsync(teller, id, glasgow, accounts, Counted(1, 0, 0), Cancel);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);
        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);
        var one = await ResultAsync(teller, id, 1);
        Assert.Equal((2L, 1L, true), (one.For, one.Against, one.Carried));

        // s.113: 3 of a roll of 4 voted (turnout 2·3 ≥ 4) and all for: carried by hands.
        var two = await ResultAsync(teller, id, 2);
        Assert.Equal((MotionMethod.ShowOfHands, 3L, true, true), (two.DecidedBy, two.VotesCast, two.TurnoutMet, two.Carried));
    }

    [Fact]
    public async Task A_conversion_needs_counted_hands_and_only_tellers_record_them()
    {
        var (teller, _, _, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var id = await OpenMeetingAsync(teller, Form(1), Motion("The conversion", ThresholdKind.ConversionS113));
        var london = await SectionAsync(teller, id, "London");
        var motion = await MotionIdAsync(teller, id, 1);
        var turnout = await Assert.ThrowsAsync<DomainException>(() => Hands.RecordAsync(teller, id, london, motion, Declared(true), Cancel));
        Assert.Contains("Act s.113", turnout.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Hands.RecordAsync(registrar, id, london, motion, Counted(1, 0, 0), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Hands.RecordAsync(ada, id, london, motion, Counted(1, 0, 0), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Hands.DemandPollAsync(ada, id, london, motion, "me", Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Hands.ListAsync(ada, id, Cancel));
        await using var db = Host.NewContext();
        Assert.False(await db.ShowsOfHands.AnyAsync(Cancel));
    }
}

public sealed class ShowOfHandsTestsOnSqlite() : ShowOfHandsTests(DatabaseProvider.Sqlite);

public sealed class ShowOfHandsTestsOnPostgres() : ShowOfHandsTests(DatabaseProvider.Postgres);
