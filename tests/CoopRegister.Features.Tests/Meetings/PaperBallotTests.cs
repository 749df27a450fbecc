using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Meetings;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Meetings;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>The tellers' side of a meeting: attendance at one section, paper ballots with a second teller's check, reconciliation.</summary>
public abstract class PaperBallotTests(DatabaseProvider provider) : MeetingTest(provider)
{
    private static MeetingForm Form(int sections, VotePrecedence precedence = VotePrecedence.OnlineVoteCounts) => new()
    {
        Kind = MeetingKind.Annual,
        Title = "Annual General Meeting 2026",
        NoticeDate = NoticeDate,
        VotingOpensAtUtc = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc),
        VotingClosesAtUtc = new DateTime(2026, 12, 18, 10, 0, 0, DateTimeKind.Utc),
        Precedence = precedence,
        Sections = Enumerable.Range(0, sections).Select(i => new SectionForm
        {
            Name = i == 0 ? "London" : "Glasgow",
            Date = MeetingDay.AddDays(-i),
            Place = i == 0 ? "Marx Memorial Library" : "Woodside Halls",
        }).ToList(),
    };

    private async Task<(Actor Teller, Actor Second, Actor Officer, Actor Registrar)> StaffAsync()
    {
        await Host.SetUpSocietyAsync();
        return (await Host.CreateLoginAsync("teller@example.org", Roles.Teller),
            await Host.CreateLoginAsync("teller2@example.org", Roles.Teller),
            await Host.CreateLoginAsync("ro@example.org", Roles.ReturningOfficer),
            await Host.CreateLoginAsync("reg@example.org", Roles.Registrar));
    }

    private async Task<(long Number, Actor Login)> AdmitAsync(Actor registrar, string name, string email)
    {
        var s = await Applications.SubmitAsync(Individual(name, email, shares: 10), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        var memberId = (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
        await using var db = Host.NewContext();
        return (await db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(Cancel), await Host.ActorForAsync(email));
    }

    private async Task CarriedOverAsync(long number, string name)
    {
        await using var db = Host.NewContext();
        var details = new PersonDetails { Kind = MemberKind.Individual, Name = name, Address = "1 Test Street\nLeeds", Postcode = "LS1 1AA", DateOfBirth = new DateOnly(1960, 1, 1) }.Normalised();
        var member = Member.CarriedOver(number, details, new DateOnly(2000, 1, 1), null, null, Host.Clock.GetUtcNow().UtcDateTime);
        db.Members.Add(member);
        await db.SaveChangesAsync(Cancel);
        var ordinary = await db.ShareClasses.Where(c => c.Code == ShareClass.OrdinaryCode).Select(c => c.Id).SingleAsync(Cancel);
        db.Holdings.Add(Holding.Of(member.Id, ordinary, 5, 500));
        await db.SaveChangesAsync(Cancel);
    }

    private async Task<long> VersionAsync(Actor teller, long id) => (await Meetings.GetAsync(teller, id, Cancel))!.Version;

    /// <summary>A meeting with two motions, its roll taken and voting open.</summary>
    private async Task<long> OpenMeetingAsync(Actor teller, int sections, VotePrecedence precedence = VotePrecedence.OnlineVoteCounts)
    {
        var id = await Meetings.CreateAsync(teller, Form(sections, precedence), Cancel);
        foreach (var title in new[] { "The accounts", "The rule change" })
        {
            await Meetings.AddMotionAsync(teller, id, await VersionAsync(teller, id), new MotionForm { Title = title, Text = $"That the meeting approves {title}." }, Cancel);
        }

        await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await Meetings.OpenVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        return id;
    }

    private async Task CloseAsync(Actor teller, long id)
    {
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 18, 10, 0, 0, TimeSpan.Zero));
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
    }

    private async Task<PaperBatchForm> BatchAsync(Actor teller, long id, int valid, (int F, int A, int X) motion1, (int F, int A, int X) motion2, params string[] spoilt)
    {
        var form = PaperBatchForm.For((await Tellers.DeskAsync(teller, id, Cancel))!.Motions);
        form.ValidPapers = valid;
        (form.Motions[0].For, form.Motions[0].Against, form.Motions[0].Abstain) = motion1;
        (form.Motions[1].For, form.Motions[1].Against, form.Motions[1].Abstain) = motion2;
        form.SpoiltReasons = string.Join("\n", spoilt);
        return form;
    }

    private async Task<long> SectionAsync(Actor teller, long id, string name) => (await Tellers.DeskAsync(teller, id, Cancel))!.Sections.Single(s => s.Name == name).Id;

    [Fact]
    public async Task A_member_attends_one_section_only_and_the_quorum_is_tested_from_attendance()
    {
        var (teller, _, _, _) = await StaffAsync();
        await CarriedOverAsync(9001, "Ann Able");
        await CarriedOverAsync(9002, "Ben Baker");
        var id = await OpenMeetingAsync(teller, sections: 2);
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");

        var quorum = await Tellers.TestQuorumAsync(teller, id, london, null, Cancel);
        Assert.False(quorum.Met); // nobody present yet; the society's default is 10 members or 10%, the lower: 1 of a roll of 2
        Assert.Equal(1, quorum.Required);

        var ann = await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        Assert.Equal(AttendanceOutcome.PaperIssued, ann.Outcome);
        Assert.Contains("issue one ballot paper", ann.Message, StringComparison.Ordinal);

        var again = await Assert.ThrowsAsync<DomainException>(() => Tellers.MarkPresentAsync(teller, id, glasgow, 9001, Cancel));
        Assert.Contains("already marked present at London", again.Message, StringComparison.Ordinal);
        Assert.Contains("one section only", again.Message, StringComparison.Ordinal);
        var twice = await Assert.ThrowsAsync<DomainException>(() => Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel));
        Assert.Contains("already marked present at London", twice.Message, StringComparison.Ordinal);
        var stranger = await Assert.ThrowsAsync<DomainException>(() => Tellers.MarkPresentAsync(teller, id, london, 4242, Cancel));
        Assert.Contains("no member number 4242", stranger.Message, StringComparison.Ordinal);

        Assert.True((await Tellers.TestQuorumAsync(teller, id, london, null, Cancel)).Met);
        Assert.False((await Tellers.TestQuorumAsync(teller, id, glasgow, null, Cancel)).Met);
        var desk = (await Tellers.DeskAsync(teller, id, Cancel))!;
        Assert.Equal(3, desk.QuorumChecks.Count);
        Assert.Equal((1L, 1L), (desk.Sections.Single(s => s.Id == london).Present, desk.Sections.Single(s => s.Id == london).PapersIssued));
        Assert.Equal(0, desk.Sections.Single(s => s.Id == glasgow).Present);
        var found = (await Tellers.FindOnRollAsync(teller, id, 9001, Cancel))!;
        Assert.Equal((VotingChannel?)VotingChannel.InPerson, found.VotedBy);
        Assert.Equal("London", found.AttendedSection);

        // The default rule tests the quorum at the opening, not at each vote.
        await Assert.ThrowsAsync<DomainException>(() => Tellers.TestQuorumAsync(teller, id, london, 1, Cancel));

        await using var db = Host.NewContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "meeting.attended", Cancel));
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == "meeting.quorum-tested", Cancel));
    }

    [Fact]
    public async Task Two_tellers_marking_the_same_member_at_two_sections_at_once_mark_them_once()
    {
        var (teller, second, _, _) = await StaffAsync();
        await CarriedOverAsync(9001, "Ann Able");
        var id = await OpenMeetingAsync(teller, sections: 2);
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");

        var results = await Task.WhenAll(
            Attempt(() => Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel)),
            Attempt(() => Tellers.MarkPresentAsync(second, id, glasgow, 9001, Cancel)));
        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is ConflictException or DomainException);
        var desk = (await Tellers.DeskAsync(teller, id, Cancel))!;
        Assert.Equal(1, desk.Sections.Sum(s => s.Present));
        Assert.Equal(1, desk.Sections.Sum(s => s.PapersIssued));

        static async Task<Exception?> Attempt(Func<Task> action)
        {
            try
            {
                await action();
                return null;
            }
            catch (Exception e) when (e is ConflictException or DomainException)
            {
                return e;
            }
        }
    }

    [Fact]
    public async Task When_the_rule_says_so_the_quorum_is_tested_and_recorded_before_each_vote()
    {
        var (teller, _, _, _) = await StaffAsync();
        await CarriedOverAsync(9001, "Ann Able");
        var form = Form(1);
        form.QuorumTestedAt = QuorumTest.AtEachVote;
        var id = await Meetings.CreateAsync(teller, form, Cancel);
        await Meetings.AddMotionAsync(teller, id, await VersionAsync(teller, id), new MotionForm { Title = "Accounts", Text = "That the accounts be received." }, Cancel);
        await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await Meetings.OpenVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        var london = await SectionAsync(teller, id, "London");
        Assert.False((await Tellers.TestQuorumAsync(teller, id, london, null, Cancel)).Met);
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        var before = await Tellers.TestQuorumAsync(teller, id, london, 1, Cancel);
        Assert.Equal((1, 1L, true), (before.MotionNumber!.Value, before.PresentInPerson, before.Met));
        await Assert.ThrowsAsync<DomainException>(() => Tellers.TestQuorumAsync(teller, id, london, 2, Cancel)); // no motion 2
        var desk = (await Tellers.DeskAsync(teller, id, Cancel))!;
        Assert.Equal(QuorumTest.AtEachVote, desk.Quorum.TestedAt);
        Assert.Equal([null, 1], desk.QuorumChecks.Select(q => q.MotionNumber).ToArray());
    }

    [Fact]
    public async Task A_member_who_voted_online_and_then_attends_keeps_the_online_vote_and_one_who_attended_cannot_vote_online()
    {
        var (teller, _, _, registrar) = await StaffAsync();
        var (adaNumber, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var (beaNumber, bea) = await AdmitAsync(registrar, "Bea Brown", "bea@example.org");
        var id = await OpenMeetingAsync(teller, sections: 1);
        var london = await SectionAsync(teller, id, "London");
        var motions = (await Tellers.DeskAsync(teller, id, Cancel))!.Motions;
        var choices = motions.ToDictionary(m => m.Id, _ => VoteChoice.For);

        await Meetings.VoteAsync(ada, id, choices, Cancel);
        var attended = await Tellers.MarkPresentAsync(teller, id, london, adaNumber, Cancel);
        Assert.Equal(AttendanceOutcome.OnlineVoteCounts, attended.Outcome);
        Assert.Contains("issue no paper", attended.Message, StringComparison.Ordinal);
        var record = (await Tellers.FindOnRollAsync(teller, id, adaNumber, Cancel))!;
        Assert.Equal((VotingChannel?)VotingChannel.Online, record.VotedBy); // the record shows which vote counted
        Assert.Equal("London", record.AttendedSection);
        var desk = (await Tellers.DeskAsync(teller, id, Cancel))!;
        Assert.Equal(VotePrecedence.OnlineVoteCounts, desk.Precedence);
        Assert.Equal((1L, 0L), (desk.Sections.Single().Present, desk.Sections.Single().PapersIssued)); // present for the quorum, no paper

        await Tellers.MarkPresentAsync(teller, id, london, beaNumber, Cancel);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => Meetings.VoteAsync(bea, id, choices, Cancel));
        Assert.Contains("marked present", refused.Message, StringComparison.Ordinal);

        await using var db = Host.NewContext();
        Assert.Equal(1, await db.Ballots.CountAsync(b => b.MeetingId == id, Cancel));
        Assert.Contains(await db.AuditEvents.Where(e => e.Action == "meeting.attended").Select(e => e.Summary).ToListAsync(Cancel),
            s => s.Contains("the online vote counts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Under_the_other_precedence_rule_a_member_who_voted_online_is_not_marked_present()
    {
        var (teller, _, _, registrar) = await StaffAsync();
        var (adaNumber, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var id = await OpenMeetingAsync(teller, sections: 1, VotePrecedence.OnlineVoterNotAdmitted);
        var motions = (await Tellers.DeskAsync(teller, id, Cancel))!.Motions;
        await Meetings.VoteAsync(ada, id, motions.ToDictionary(m => m.Id, _ => VoteChoice.Against), Cancel);
        var e = await Assert.ThrowsAsync<DomainException>(async () => await Tellers.MarkPresentAsync(teller, id, await SectionAsync(teller, id, "London"), adaNumber, Cancel));
        Assert.Contains("already voted online", e.Message, StringComparison.Ordinal);
        Assert.Null((await Tellers.FindOnRollAsync(teller, id, adaNumber, Cancel))!.AttendedSection);
    }

    [Fact]
    public async Task The_teller_who_keyed_a_batch_cannot_check_it_and_a_mismatch_leaves_it_unaccepted_and_uncounted()
    {
        var (teller, second, _, _) = await StaffAsync();
        await CarriedOverAsync(9001, "Ann Able");
        await CarriedOverAsync(9002, "Ben Baker");
        var id = await OpenMeetingAsync(teller, sections: 1);
        var london = await SectionAsync(teller, id, "London");
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9002, Cancel);

        var tooMany = await Assert.ThrowsAsync<DomainException>(async () => await Tellers.KeyBatchAsync(teller, id, london, await BatchAsync(teller, id, 1, (2, 0, 0), (0, 0, 1)), Cancel));
        Assert.Contains("more than the 1 valid papers", tooMany.Message, StringComparison.Ordinal);

        var number = await Tellers.KeyBatchAsync(teller, id, london, await BatchAsync(teller, id, 1, (1, 0, 0), (0, 0, 1), "Two crosses on motion 1"), Cancel);
        Assert.Equal(1, number);
        var batch = (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single();
        Assert.Null(batch.ValidPapers); // the checker keys blind

        var own = await Assert.ThrowsAsync<DomainException>(async () => await Tellers.CheckBatchAsync(teller, id, batch.Id, await BatchAsync(teller, id, 1, (1, 0, 0), (0, 0, 1), "x"), Cancel));
        Assert.Contains("a different teller must check it", own.Message, StringComparison.Ordinal);

        var mismatch = await Tellers.CheckBatchAsync(second, id, batch.Id, await BatchAsync(second, id, 1, (0, 1, 0), (0, 0, 1), "Two crosses on motion 1"), Cancel);
        Assert.False(mismatch.Accepted);
        Assert.Contains("Motion 1: keyed 1 for, 0 against, 0 abstaining; checked 0 for, 1 against, 0 abstaining.", mismatch.Differences);
        Assert.Equal(PaperBatchStatus.Keyed, (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single().Status);

        // Nothing is counted while a batch awaits its check.
        await CloseAsync(teller, id);
        var blocked = await Assert.ThrowsAsync<DomainException>(async () => await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel));
        Assert.Contains("second teller", blocked.Message, StringComparison.Ordinal);

        var ok = await Tellers.CheckBatchAsync(second, id, batch.Id, await BatchAsync(second, id, 1, (1, 0, 0), (0, 0, 1), "spoilt"), Cancel);
        Assert.True(ok.Accepted);
        var accepted = (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single();
        Assert.Equal((PaperBatchStatus.Accepted, 1, "teller2@example.org"), (accepted.Status, accepted.ValidPapers!.Value, accepted.CheckedBy!));
        Assert.Equal(["Two crosses on motion 1"], accepted.SpoiltReasons!);
        await Assert.ThrowsAsync<DomainException>(() => Tellers.DiscardBatchAsync(teller, id, batch.Id, Cancel));

        await using var db = Host.NewContext();
        var actions = await db.AuditEvents.Where(e => e.Action.StartsWith("meeting.batch")).Select(e => e.Action).ToListAsync(Cancel);
        Assert.Equal(["meeting.batch-accepted", "meeting.batch-check-failed", "meeting.batch-keyed"], actions.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_reconciliation_difference_blocks_the_declaration_until_noted_and_signed_off_by_a_second_teller_and_the_count_includes_paper()
    {
        var (teller, second, officer, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        await CarriedOverAsync(9001, "Ann Able");
        await CarriedOverAsync(9002, "Ben Baker");
        var id = await OpenMeetingAsync(teller, sections: 1);
        var london = await SectionAsync(teller, id, "London");
        var motions = (await Tellers.DeskAsync(teller, id, Cancel))!.Motions;
        await Meetings.VoteAsync(ada, id, new Dictionary<long, VoteChoice> { [motions[0].Id] = VoteChoice.For, [motions[1].Id] = VoteChoice.Against }, Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9002, Cancel);
        await CloseAsync(teller, id);

        // Two papers issued; three come back (one spoilt): the pile does not match the roll.
        var first = await BatchAsync(teller, id, 1, (1, 0, 0), (0, 0, 1), "Two crosses on motion 1");
        var b1 = await Tellers.KeyBatchAsync(teller, id, london, first, Cancel);
        var second1 = await BatchAsync(second, id, 1, (0, 1, 0), (1, 0, 0));
        var b2 = await Tellers.KeyBatchAsync(second, id, london, second1, Cancel);
        var batches = (await Tellers.DeskAsync(teller, id, Cancel))!.Batches;
        Assert.True((await Tellers.CheckBatchAsync(second, id, batches.Single(b => b.Number == b1).Id, first, Cancel)).Accepted);
        Assert.True((await Tellers.CheckBatchAsync(teller, id, batches.Single(b => b.Number == b2).Id, second1, Cancel)).Accepted);
        var lines = (await Tellers.DeskAsync(teller, id, Cancel))!.Reconciliation;
        var papers = lines.Single(l => l.Scope == "London" && l.Check.StartsWith("Papers issued", StringComparison.Ordinal));
        Assert.Equal((2L, 3L, false), (papers.Expected, papers.Actual, papers.Balances));
        Assert.True(lines.Single(l => l.Scope == "Online").Balances);

        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);
        var blocked = await Assert.ThrowsAsync<DomainException>(async () => await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel));
        Assert.Contains("does not reconcile", blocked.Message, StringComparison.Ordinal);
        Assert.Contains("second teller", blocked.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<DomainException>(async () => await Tellers.SignOffReconciliationAsync(second, id, await VersionAsync(teller, id), Cancel)); // no note yet
        await Tellers.NoteReconciliationAsync(teller, id, await VersionAsync(teller, id), "A member bought shares at the door and was handed a paper before being added to the roll.", Cancel);
        var self = await Assert.ThrowsAsync<DomainException>(async () => await Tellers.SignOffReconciliationAsync(teller, id, await VersionAsync(teller, id), Cancel));
        Assert.Contains("a second teller must sign it off", self.Message, StringComparison.Ordinal);
        var unsigned = await Assert.ThrowsAsync<DomainException>(async () => await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel));
        Assert.Contains("not been signed off", unsigned.Message, StringComparison.Ordinal);
        await Tellers.SignOffReconciliationAsync(second, id, await VersionAsync(teller, id), Cancel);
        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);

        var results = (await Meetings.ResultsAsync(ada, id, Cancel))!;
        Assert.Equal((1L, 2L, 1L, 3L), (results.OnlineBallots, results.PaperBallots, results.SpoiltPapers, results.Voted));
        var m1 = results.Motions[0].Result!;
        Assert.Equal((2L, 1L, 0L, 1L, 1L), (m1.For, m1.Against, m1.Abstain, m1.PaperFor, m1.PaperAgainst));
        Assert.True(m1.Carried);
        var m2 = results.Motions[1].Result!;
        Assert.Equal((1L, 1L, 1L, 1L, 0L, 1L), (m2.For, m2.Against, m2.Abstain, m2.PaperFor, m2.PaperAgainst, m2.PaperAbstain));
        Assert.False(m2.Carried); // 1 for, 1 against: not more than half
        Assert.NotNull(results.ReconciliationNote);

        await using var db = Host.NewContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "meeting.reconciliation-noted", Cancel));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "meeting.reconciliation-signed-off", Cancel));
    }

    [Fact]
    public async Task A_meeting_that_reconciles_is_declared_without_a_note()
    {
        var (teller, second, officer, _) = await StaffAsync();
        await CarriedOverAsync(9001, "Ann Able");
        var id = await OpenMeetingAsync(teller, sections: 1);
        var london = await SectionAsync(teller, id, "London");
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        var form = await BatchAsync(teller, id, 1, (1, 0, 0), (1, 0, 0));
        await Tellers.KeyBatchAsync(teller, id, london, form, Cancel);
        await Tellers.CheckBatchAsync(second, id, (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single().Id, form, Cancel);
        await CloseAsync(teller, id);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Assert.All((await Tellers.DeskAsync(teller, id, Cancel))!.Reconciliation, l => Assert.True(l.Balances, l.Check));
        await Assert.ThrowsAsync<DomainException>(async () => await Tellers.NoteReconciliationAsync(teller, id, await VersionAsync(teller, id), "Nothing to say", Cancel));
        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);
        Assert.True((await Meetings.ResultsAsync(officer, id, Cancel))!.Motions.All(m => m.Result!.Carried));
    }

    [Fact]
    public async Task A_member_cannot_mark_attendance_key_or_check_ballots_or_see_the_tellers_desk()
    {
        var (teller, _, _, registrar) = await StaffAsync();
        var (adaNumber, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var id = await OpenMeetingAsync(teller, sections: 1);
        var london = await SectionAsync(teller, id, "London");
        var form = await BatchAsync(teller, id, 1, (1, 0, 0), (1, 0, 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tellers.MarkPresentAsync(ada, id, london, adaNumber, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tellers.KeyBatchAsync(ada, id, london, form, Cancel));
        await Tellers.KeyBatchAsync(teller, id, london, form, Cancel);
        var batch = (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single().Id;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tellers.CheckBatchAsync(ada, id, batch, form, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tellers.CheckBatchAsync(registrar, id, batch, form, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tellers.DeskAsync(ada, id, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tellers.TestQuorumAsync(ada, id, london, null, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tellers.FindOnRollAsync(ada, id, adaNumber, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Tellers.DiscardBatchAsync(ada, id, batch, Cancel));
        Assert.Null((await Tellers.FindOnRollAsync(teller, id, adaNumber, Cancel))!.AttendedSection);
    }
}

public sealed class PaperBallotTestsOnSqlite() : PaperBallotTests(DatabaseProvider.Sqlite);

public sealed class PaperBallotTestsOnPostgres() : PaperBallotTests(DatabaseProvider.Postgres);
