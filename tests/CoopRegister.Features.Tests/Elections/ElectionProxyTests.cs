using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Elections;
using CoopRegister.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Elections;

/// <summary>
/// Proxies in elections (the appointment leaves every election to the holder's discretion; a teller keys the present
/// holder's ranking) and the reconciliation of election papers with the papers issued at each section.
/// </summary>
public abstract class ElectionProxyTests(DatabaseProvider provider) : ElectionTest(provider)
{
    private ProxyService Proxies => Host.Get<ProxyService>();

    private ElectionPaperService Papers => Host.Get<ElectionPaperService>();

    private static MeetingForm ProxyForm()
    {
        var form = Form();
        form.ProxyDeadlineUtc = new DateTime(2026, 12, 17, 10, 0, 0, DateTimeKind.Utc);
        return form;
    }

    private async Task<long> NumberOfAsync(string name)
    {
        await using var db = Host.NewContext();
        return await db.Members.Where(m => m.Details.Name == name).Select(m => m.MemberNumber).SingleAsync(Cancel);
    }

    private async Task<(long Meeting, long Motion, long Election, long Section)> ProxyMeetingAsync(Actor teller)
    {
        var meeting = await Meetings.CreateAsync(teller, ProxyForm(), Cancel);
        await Meetings.AddMotionAsync(teller, meeting, await VersionAsync(teller, meeting), new MotionForm { Title = "The accounts", Text = "That the accounts be received." }, Cancel);
        var election = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 1, "Ann Archer", "Bob Baker", "Cat Cole");
        await OpenAsync(teller, meeting);
        var details = (await Meetings.GetAsync(teller, meeting, Cancel))!;
        return (meeting, details.Motions.Single().Id, election, details.Sections.Single().Id);
    }

    private static ProxyForm ToChair(long motion, ProxyMandate mandate) => new() { Chair = true, Mandates = new() { [motion] = mandate } };

    private static ProxyForm ToMember(long number, long motion, ProxyMandate mandate) => new() { Chair = false, HolderMemberNumber = number, Mandates = new() { [motion] = mandate } };

    private async Task KeyMotionPapersAsync(Actor teller, Actor second, long meeting, long section, int papers)
    {
        var form = PaperBatchForm.For((await Tellers.DeskAsync(teller, meeting, Cancel))!.Motions);
        form.ValidPapers = papers;
        form.Motions[0].For = papers;
        await Tellers.KeyBatchAsync(teller, meeting, section, form, Cancel);
        var batch = (await Tellers.DeskAsync(teller, meeting, Cancel))!.Batches.Single(b => b.Status == PaperBatchStatus.Keyed);
        Assert.True((await Tellers.CheckBatchAsync(second, meeting, batch.Id, form, Cancel)).Accepted);
    }

    private async Task KeyElectionPapersAsync(Actor teller, Actor second, long meeting, long election, long section, ElectionPaperForm form)
    {
        await Papers.KeyBatchAsync(teller, meeting, election, section, form, Cancel);
        var batch = (await Papers.DeskAsync(teller, meeting, election, Cancel))!.Batches.Single(b => b.Status == PaperBatchStatus.Keyed);
        Assert.True((await Papers.CheckBatchAsync(second, meeting, batch.Id, form, Cancel)).Accepted);
    }

    [Fact]
    public async Task A_present_holders_keyed_ranking_is_counted_in_STV_a_proxy_without_one_is_blank_and_a_revoked_proxy_carries_none()
    {
        var (teller, _, registrar) = await StaffAsync();
        var second = await Host.CreateLoginAsync("teller2@example.org", Roles.Teller);
        var ada = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        await AdmitAsync(registrar, "Ben Holder", "ben@example.org");
        var cat = await AdmitAsync(registrar, "Cat Appointer", "cat@example.org");
        var dan = await AdmitAsync(registrar, "Dan Appointer", "dan@example.org");
        var eve = await AdmitAsync(registrar, "Eve Voter", "eve@example.org");
        var fay = await AdmitAsync(registrar, "Fay Voter", "fay@example.org");
        var gus = await AdmitAsync(registrar, "Gus Attender", "gus@example.org");
        var ben = await NumberOfAsync("Ben Holder");
        var (meeting, motion, election, london) = await ProxyMeetingAsync(teller);

        // The appointment form says the elections are left to the proxy.
        Assert.Equal(["Management committee"], (await Proxies.MyProxyAsync(cat, meeting, Cancel))!.Elections);
        await Proxies.AppointAsync(cat, meeting, ToMember(ben, motion, ProxyMandate.Discretion), Cancel);
        await Proxies.AppointAsync(dan, meeting, ToChair(motion, ProxyMandate.For), Cancel);
        await Proxies.AppointAsync(eve, meeting, ToMember(ben, motion, ProxyMandate.Against), Cancel);
        await Proxies.AppointAsync(gus, meeting, ToChair(motion, ProxyMandate.Against), Cancel);
        await VoteAsync(ada, teller, meeting, election, "Ann Archer");
        await VoteAsync(fay, teller, meeting, election, "Bob Baker");
        await Tellers.MarkPresentAsync(teller, meeting, london, ben, Cancel);

        // Every proxy that counts is listed, whatever its motion instructions: the elections are at the holder's discretion.
        var desk = await Proxies.RankingsAsync(teller, meeting, Cancel);
        Assert.Equal(election, Assert.Single(desk.Elections).Id);
        Assert.Equal(4, desk.Proxies.Count);
        Assert.All(desk.Proxies, p => Assert.Empty(p.Rankings));
        var held = desk.Proxies.Where(p => p.HolderMemberNumber == ben).Select(p => p.ProxyId).Order().ToList();
        var chair = desk.Proxies.Where(p => p.HolderMemberNumber is null).Select(p => p.ProxyId).Order().ToList();
        var (catProxy, eveProxy) = (held[0], held[1]);
        var gusProxy = chair[1];

        // Checked as an online ranked ballot is: a repeated number and a gap are refused with the election's title.
        var repeated = await Assert.ThrowsAsync<DomainException>(async () => await Proxies.EnterHolderRankingAsync(teller, meeting, catProxy, election,
            await MarksAsync(teller, meeting, election, ("Cat Cole", 1), ("Bob Baker", 1)), Cancel));
        Assert.Contains("Management committee: You gave 1 to Bob Baker and Cat Cole.", repeated.Message, StringComparison.Ordinal);
        var gap = await Assert.ThrowsAsync<DomainException>(async () => await Proxies.EnterHolderRankingAsync(teller, meeting, catProxy, election,
            await MarksAsync(teller, meeting, election, ("Cat Cole", 1), ("Bob Baker", 3)), Cancel));
        Assert.Contains("Your numbers skip 2", gap.Message, StringComparison.Ordinal);

        var bob = (await ElectionAsync(teller, meeting, election)).Candidates.Single(c => c.Name == "Bob Baker").Id;
        var catCole = (await ElectionAsync(teller, meeting, election)).Candidates.Single(c => c.Name == "Cat Cole").Id;
        await Proxies.EnterHolderRankingAsync(teller, meeting, catProxy, election, await MarksAsync(teller, meeting, election, ("Cat Cole", 1), ("Bob Baker", 2)), Cancel);
        Assert.Equal([catCole, bob], (await Proxies.RankingsAsync(teller, meeting, Cancel)).Proxies.Single(p => p.ProxyId == catProxy).Rankings[election]);

        // Eve's and Gus's holders rank Cat Cole first, then Eve votes online and Gus attends: their proxies are revoked.
        await Proxies.EnterHolderRankingAsync(teller, meeting, eveProxy, election, await MarksAsync(teller, meeting, election, ("Cat Cole", 1)), Cancel);
        await Proxies.EnterHolderRankingAsync(teller, meeting, gusProxy, election, await MarksAsync(teller, meeting, election, ("Cat Cole", 1)), Cancel);
        await VoteAsync(eve, teller, meeting, election, "Ann Archer");
        await Tellers.MarkPresentAsync(teller, meeting, london, await NumberOfAsync("Gus Attender"), Cancel);
        Assert.Equal(2, (await Proxies.RankingsAsync(teller, meeting, Cancel)).Proxies.Count);
        var revoked = await Assert.ThrowsAsync<DomainException>(async () => await Proxies.EnterHolderRankingAsync(teller, meeting, eveProxy, election,
            await MarksAsync(teller, meeting, election, ("Bob Baker", 1)), Cancel));
        Assert.Contains("not in force", revoked.Message, StringComparison.Ordinal);

        // Ben's own paper ranks Bob Baker first; Gus leaves the election blank on his.
        await KeyMotionPapersAsync(teller, second, meeting, london, 2);
        await KeyElectionPapersAsync(teller, second, meeting, election, london, new ElectionPaperForm { Papers = ",1,", SpoiltReasons = "blank" });
        await CloseAndCountAsync(teller, meeting);

        // Ann: Ada, Eve (online); Bob: Fay (online), Ben (paper); Cat Cole: Cat's proxy, whose second preference is Bob.
        // Dan's proxy (chair, nothing keyed) marks no one. Quota floor(5/2)+1 = 3: Cat Cole is excluded and Bob elected.
        var result = Assert.Single(await Elections.ResultsAsync(teller, meeting, Cancel));
        Assert.Equal(5, result.Count.ValidPapers);
        Assert.Equal([2, 2, 1], result.Count.Stages[0].Votes.Select(v => (int)(v.Units / 100_000)));
        Assert.Equal(["Bob Baker"], result.Count.ElectedNames);
        Assert.Equal(1, result.BallotsWithoutPreference);

        var results = (await Meetings.ResultsAsync(teller, meeting, Cancel))!;
        Assert.Equal(2, results.ProxyBallots);
        Assert.Null(results.ReconciliationDifferences);
        await using var db = Host.NewContext();
        var proxyBallots = await db.Ballots.Where(b => b.MeetingId == meeting && b.Channel == VotingChannel.Proxy).Select(b => b.Id).ToListAsync(Cancel);
        Assert.Equal(2, proxyBallots.Count);

        // The proxy's ballot carries the keyed ranking as preferences, with the same secrecy as any other ballot.
        var preferences = await db.BallotPreferences.Where(p => proxyBallots.Contains(p.BallotId)).OrderBy(p => p.Rank).Select(p => p.CandidateId).ToListAsync(Cancel);
        Assert.Equal([catCole, bob], preferences);
        Assert.Equal([ProxyRevocation.Attended, ProxyRevocation.VotedOnline],
            await db.Proxies.Where(p => p.MeetingId == meeting && p.RevokedReason != null).OrderBy(p => p.RevokedReason).Select(p => p.RevokedReason!.Value).ToListAsync(Cancel));
        Assert.False(await db.Proxies.AnyAsync(p => p.MeetingId == meeting && p.RevokedAt != null && p.Used, Cancel));
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == "meeting.proxy-ranking-entered", Cancel));
    }

    [Fact]
    public async Task Plurality_rankings_are_checked_against_the_seats_and_an_empty_ranking_clears_it()
    {
        var (teller, _, registrar) = await StaffAsync();
        var ann = await AdmitAsync(registrar, "Ann Appointer", "ann@example.org");
        var meeting = await Meetings.CreateAsync(teller, ProxyForm(), Cancel);
        var election = await AddElectionAsync(teller, meeting, ElectionMethod.Plurality, 1, "Ann Archer", "Bob Baker");
        await OpenAsync(teller, meeting);
        await Proxies.AppointAsync(ann, meeting, new ProxyForm { Chair = true }, Cancel);
        var proxy = (await Proxies.RankingsAsync(teller, meeting, Cancel)).Proxies.Single().ProxyId;

        var over = await Assert.ThrowsAsync<DomainException>(async () => await Proxies.EnterHolderRankingAsync(teller, meeting, proxy, election,
            await MarksAsync(teller, meeting, election, ("Ann Archer", 1), ("Bob Baker", 1)), Cancel));
        Assert.Contains("You marked 2 candidates; vote for at most 1", over.Message, StringComparison.Ordinal);
        await Proxies.EnterHolderRankingAsync(teller, meeting, proxy, election, await MarksAsync(teller, meeting, election, ("Bob Baker", 1)), Cancel);
        await Proxies.EnterHolderRankingAsync(teller, meeting, proxy, election, new Dictionary<long, int>(), Cancel);
        Assert.Empty((await Proxies.RankingsAsync(teller, meeting, Cancel)).Proxies.Single().Rankings);

        // A member who changes their appointment takes away the ranking keyed for it.
        await Proxies.EnterHolderRankingAsync(teller, meeting, proxy, election, await MarksAsync(teller, meeting, election, ("Ann Archer", 1)), Cancel);
        await Proxies.AppointAsync(ann, meeting, new ProxyForm { Chair = true }, Cancel);
        Assert.Empty((await Proxies.RankingsAsync(teller, meeting, Cancel)).Proxies.Single().Rankings);

        await Proxies.EnterHolderRankingAsync(teller, meeting, proxy, election, await MarksAsync(teller, meeting, election, ("Bob Baker", 1)), Cancel);
        await CloseAndCountAsync(teller, meeting);
        var result = Assert.Single(await Elections.ResultsAsync(teller, meeting, Cancel));
        Assert.Equal(["Bob Baker"], result.Count.ElectedNames);

        // After the count the ranking can no longer be changed.
        var late = await Assert.ThrowsAsync<DomainException>(() => Proxies.EnterHolderRankingAsync(teller, meeting, proxy, election, new Dictionary<long, int>(), Cancel));
        Assert.Contains("until the count", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_cannot_read_or_enter_a_holders_ranking_and_a_registrar_cannot_either()
    {
        var (teller, _, registrar) = await StaffAsync();
        var ann = await AdmitAsync(registrar, "Ann Appointer", "ann@example.org");
        var meeting = await Meetings.CreateAsync(teller, ProxyForm(), Cancel);
        var election = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 1, "Ann Archer", "Bob Baker");
        await OpenAsync(teller, meeting);
        await Proxies.AppointAsync(ann, meeting, new ProxyForm { Chair = true }, Cancel);
        var proxy = (await Proxies.RankingsAsync(teller, meeting, Cancel)).Proxies.Single().ProxyId;
        var marks = await MarksAsync(teller, meeting, election, ("Bob Baker", 1));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.RankingsAsync(ann, meeting, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.EnterHolderRankingAsync(ann, meeting, proxy, election, marks, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.EnterHolderRankingAsync(registrar, meeting, proxy, election, marks, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.EnterHolderRankingAsync(Actor.Anonymous, meeting, proxy, election, marks, Cancel));
        await using var db = Host.NewContext();
        Assert.False(await db.ProxyElectionPreferences.AnyAsync(Cancel));
    }

    [Fact]
    public async Task Election_papers_that_do_not_match_the_papers_issued_at_a_section_block_the_declaration_until_a_second_teller_signs_off()
    {
        var (teller, officer, registrar) = await StaffAsync();
        var second = await Host.CreateLoginAsync("teller2@example.org", Roles.Teller);
        await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var meeting = await MeetingAsync(teller);
        var election = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 1, "Ann Archer", "Bob Baker");
        await OpenAsync(teller, meeting);
        var london = (await Meetings.GetAsync(teller, meeting, Cancel))!.Sections.Single().Id;
        await Tellers.MarkPresentAsync(teller, meeting, london, await NumberOfAsync("Ada Lovelace"), Cancel);

        // One paper issued; the motion's batch has it, but the election's batch holds two papers.
        await KeyMotionPapersAsync(teller, second, meeting, london, 1);
        await KeyElectionPapersAsync(teller, second, meeting, election, london, new ElectionPaperForm { Papers = "1,\n1,2" });
        var lines = (await Tellers.DeskAsync(teller, meeting, Cancel))!.Reconciliation.Where(l => l.Check.StartsWith("Election 1", StringComparison.Ordinal)).ToList();
        Assert.Equal([("London", 1L, 2L), ("Combined", 1L, 2L)], lines.Select(l => (l.Scope, l.Expected, l.Actual)));
        await CloseAndCountAsync(teller, meeting);

        var details = (await Meetings.GetAsync(teller, meeting, Cancel))!;
        Assert.Contains("London: Election 1: papers issued vs returned (valid + spoilt): expected 1, found 2", details.ReconciliationDifferences, StringComparison.Ordinal);
        Assert.True(details.ReconciliationBlocksDeclaration);
        var blocked = await Assert.ThrowsAsync<DomainException>(async () => await Meetings.DeclareAsync(officer, meeting, await VersionAsync(teller, meeting), Cancel));
        Assert.Contains("does not reconcile", blocked.Message, StringComparison.Ordinal);

        await Tellers.NoteReconciliationAsync(teller, meeting, await VersionAsync(teller, meeting), "A spare paper was put in the election box by mistake.", Cancel);
        await Assert.ThrowsAsync<DomainException>(async () => await Meetings.DeclareAsync(officer, meeting, await VersionAsync(teller, meeting), Cancel));
        await Tellers.SignOffReconciliationAsync(second, meeting, await VersionAsync(teller, meeting), Cancel);
        await Meetings.DeclareAsync(officer, meeting, await VersionAsync(teller, meeting), Cancel);
        Assert.Equal(MeetingStatus.Declared, (await Meetings.GetAsync(teller, meeting, Cancel))!.Status);
    }

    [Fact]
    public async Task Election_papers_that_match_the_papers_issued_reconcile()
    {
        var (teller, _, registrar) = await StaffAsync();
        var second = await Host.CreateLoginAsync("teller2@example.org", Roles.Teller);
        await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        await AdmitAsync(registrar, "Ben Baker", "ben@example.org");
        var meeting = await MeetingAsync(teller);
        var election = await AddElectionAsync(teller, meeting, ElectionMethod.ScottishStv, 1, "Ann Archer", "Bob Baker");
        await OpenAsync(teller, meeting);
        var london = (await Meetings.GetAsync(teller, meeting, Cancel))!.Sections.Single().Id;
        await Tellers.MarkPresentAsync(teller, meeting, london, await NumberOfAsync("Ada Lovelace"), Cancel);
        await Tellers.MarkPresentAsync(teller, meeting, london, await NumberOfAsync("Ben Baker"), Cancel);
        await KeyMotionPapersAsync(teller, second, meeting, london, 2);
        await KeyElectionPapersAsync(teller, second, meeting, election, london, new ElectionPaperForm { Papers = "1,2", SpoiltReasons = "blank" });
        await CloseAndCountAsync(teller, meeting);
        Assert.Null((await Meetings.GetAsync(teller, meeting, Cancel))!.ReconciliationDifferences);
    }
}

public sealed class ElectionProxyTestsOnSqlite() : ElectionProxyTests(DatabaseProvider.Sqlite);

public sealed class ElectionProxyTestsOnPostgres() : ElectionProxyTests(DatabaseProvider.Postgres);
