using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Meetings;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>Proxies: appointment before the deadline, the cap, precedence of the member's own vote, and the count.</summary>
public abstract class ProxyTests(DatabaseProvider provider) : MeetingTest(provider)
{
    private static readonly DateTime Deadline = new(2026, 12, 17, 10, 0, 0, DateTimeKind.Utc);

    private ProxyService Proxies => Host.Get<ProxyService>();

    private static MeetingForm Form(int cap) => new()
    {
        Kind = MeetingKind.Annual,
        Title = "Annual General Meeting 2026",
        NoticeDate = NoticeDate,
        VotingOpensAtUtc = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc),
        VotingClosesAtUtc = new DateTime(2026, 12, 18, 10, 0, 0, DateTimeKind.Utc),
        ProxyDeadlineUtc = Deadline,
        ProxyCap = cap,
        Sections = [new SectionForm { Name = "London", Date = new DateOnly(2026, 12, 19), Place = "Marx Memorial Library" }],
    };

    private async Task<(Actor Teller, Actor Second, Actor Registrar)> StaffAsync()
    {
        await Host.SetUpSocietyAsync();
        return (await Host.CreateLoginAsync("teller@example.org", Roles.Teller),
            await Host.CreateLoginAsync("teller2@example.org", Roles.Teller),
            await Host.CreateLoginAsync("reg@example.org", Roles.Registrar));
    }

    private async Task<(long Number, Actor Login)> AdmitAsync(Actor registrar, string name)
    {
        var email = $"{name.ToLowerInvariant()}@example.org";
        var s = await Applications.SubmitAsync(Individual(name + " Member", email, shares: 10), Site, Cancel);
        await Applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, Today, PaymentMethod.BankTransfer, null, Cancel);
        var memberId = (await Applications.AllotAsync(registrar, [s.Id], Today, Site, Cancel)).Lines.Single().MemberId;
        await using var db = Host.NewContext();
        return (await db.Members.Where(m => m.Id == memberId).Select(m => m.MemberNumber).SingleAsync(Cancel), await Host.ActorForAsync(email));
    }

    private async Task<long> VersionAsync(Actor teller, long id) => (await Meetings.GetAsync(teller, id, Cancel))!.Version;

    private async Task<(long Id, long Motion1, long Motion2)> OpenMeetingAsync(Actor teller, int cap = Meeting.DefaultProxyCap)
    {
        var id = await Meetings.CreateAsync(teller, Form(cap), Cancel);
        foreach (var title in new[] { "The accounts", "The rule change" })
        {
            await Meetings.AddMotionAsync(teller, id, await VersionAsync(teller, id), new MotionForm { Title = title, Text = $"That the meeting approves {title}." }, Cancel);
        }

        await Meetings.TakeRollAsync(teller, id, await VersionAsync(teller, id), Cancel);
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await Meetings.OpenVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        var motions = (await Meetings.GetAsync(teller, id, Cancel))!.Motions;
        return (id, motions[0].Id, motions[1].Id);
    }

    private static ProxyForm Chair(long m1, ProxyMandate on1, long m2, ProxyMandate on2) => new() { Chair = true, Mandates = new() { [m1] = on1, [m2] = on2 } };

    private static ProxyForm Member(long number, long m1, ProxyMandate on1, long m2, ProxyMandate on2) =>
        new() { Chair = false, HolderMemberNumber = number, Mandates = new() { [m1] = on1, [m2] = on2 } };

    [Fact]
    public async Task A_member_appoints_changes_and_revokes_a_proxy_before_the_deadline_and_not_after()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (_, ann) = await AdmitAsync(registrar, "Ann");
        var (benNumber, ben) = await AdmitAsync(registrar, "Ben");
        var (id, m1, m2) = await OpenMeetingAsync(teller);

        Assert.Contains((await Meetings.MyMeetingsAsync(ann, Cancel)).Single().ProxyDeadline is { } d ? [d] : new List<DateTime>(), x => x == Deadline);
        await Proxies.AppointAsync(ann, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.Against), Cancel);
        var mine = (await Proxies.MyProxyAsync(ann, id, Cancel))!;
        Assert.True(mine.CanAppoint);
        Assert.Equal((true, true, ProxyMandate.For, ProxyMandate.Against), (mine.Current!.Chair, mine.Current.InForce, mine.Current.Mandates[m1], mine.Current.Mandates[m2]));

        await Proxies.AppointAsync(ann, id, Member(benNumber, m1, ProxyMandate.Discretion, m2, ProxyMandate.Abstain), Cancel);
        mine = (await Proxies.MyProxyAsync(ann, id, Cancel))!;
        Assert.Equal((false, benNumber, ProxyMandate.Discretion), (mine.Current!.Chair, mine.Current.HolderMemberNumber, mine.Current.Mandates[m1]));

        // Each member sees only their own: Ben has appointed nobody, whatever Ann did.
        Assert.Null((await Proxies.MyProxyAsync(ben, id, Cancel))!.Current);

        await Proxies.RevokeAsync(ann, id, Cancel);
        mine = (await Proxies.MyProxyAsync(ann, id, Cancel))!;
        Assert.Equal((false, ProxyRevocation.ByMember), (mine.Current!.InForce, mine.Current.RevokedReason));
        await Assert.ThrowsAsync<DomainException>(() => Proxies.RevokeAsync(ann, id, Cancel));
        var partial = await Assert.ThrowsAsync<DomainException>(() => Proxies.AppointAsync(ann, id, new ProxyForm { Chair = true, Mandates = new() { [m1] = ProxyMandate.For } }, Cancel));
        Assert.Contains("1 motion has no instruction", partial.Message, StringComparison.Ordinal);
        await Proxies.AppointAsync(ann, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel);
        Assert.True((await Proxies.MyProxyAsync(ann, id, Cancel))!.Current!.InForce);

        Host.Clock.SetUtcNow(new DateTimeOffset(Deadline));
        Assert.False((await Proxies.MyProxyAsync(ann, id, Cancel))!.CanAppoint);
        var late = await Assert.ThrowsAsync<DomainException>(() => Proxies.AppointAsync(ben, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));
        Assert.Contains("proxy deadline was 2026-12-17 10:00 UTC", late.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => Proxies.RevokeAsync(ann, id, Cancel));
        Assert.True((await Proxies.MyProxyAsync(ann, id, Cancel))!.Current!.InForce);
    }

    [Fact]
    public async Task The_cap_per_holder_is_enforced_and_a_member_cannot_appoint_themselves()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (annNumber, ann) = await AdmitAsync(registrar, "Ann");
        var (benNumber, ben) = await AdmitAsync(registrar, "Ben");
        var (_, cat) = await AdmitAsync(registrar, "Cat");
        var (id, m1, m2) = await OpenMeetingAsync(teller, cap: 1);

        var self = await Assert.ThrowsAsync<DomainException>(() => Proxies.AppointAsync(ann, id, Member(annNumber, m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));
        Assert.Equal("HolderMemberNumber", self.Violations.Single().Field);
        Assert.Contains("cannot appoint yourself", self.Message, StringComparison.Ordinal);
        var stranger = await Assert.ThrowsAsync<DomainException>(() => Proxies.AppointAsync(ann, id, Member(987654, m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));
        Assert.Contains("not on the voter roll", stranger.Message, StringComparison.Ordinal);

        await Proxies.AppointAsync(ann, id, Member(benNumber, m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel);
        var capped = await Assert.ThrowsAsync<DomainException>(() => Proxies.AppointAsync(cat, id, Member(benNumber, m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));
        Assert.Contains($"Member {benNumber} already holds 1 proxies, the most one holder may carry at this meeting (1)", capped.Message, StringComparison.Ordinal);

        // Ann's own appointment does not count against her changing it; the chair has a cap too.
        await Proxies.AppointAsync(ann, id, Member(benNumber, m1, ProxyMandate.Against, m2, ProxyMandate.For), Cancel);
        await Proxies.AppointAsync(cat, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel);
        var chairCapped = await Assert.ThrowsAsync<DomainException>(() => Proxies.AppointAsync(ben, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));
        Assert.Contains("The chair already holds 1 proxies", chairCapped.Message, StringComparison.Ordinal);

        // A revoked proxy frees its place under the cap.
        await Proxies.RevokeAsync(ann, id, Cancel);
        await Proxies.AppointAsync(cat, id, Member(benNumber, m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel);
    }

    [Fact]
    public async Task Voting_online_or_attending_revokes_the_proxy_and_a_proxy_after_voting_is_refused()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (_, ann) = await AdmitAsync(registrar, "Ann");
        var (benNumber, ben) = await AdmitAsync(registrar, "Ben");
        var (id, m1, m2) = await OpenMeetingAsync(teller);
        var london = (await Tellers.DeskAsync(teller, id, Cancel))!.Sections.Single().Id;

        await Proxies.AppointAsync(ann, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel);
        await Meetings.VoteAsync(ann, id, new Dictionary<long, VoteChoice> { [m1] = VoteChoice.Against, [m2] = VoteChoice.Against }, Cancel);
        var annProxy = (await Proxies.MyProxyAsync(ann, id, Cancel))!;
        Assert.Equal((false, ProxyRevocation.VotedOnline, false), (annProxy.Current!.InForce, annProxy.Current.RevokedReason, annProxy.CanAppoint));
        var afterVote = await Assert.ThrowsAsync<DomainException>(() => Proxies.AppointAsync(ann, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));
        Assert.Contains("already voted", afterVote.Message, StringComparison.Ordinal);

        await Proxies.AppointAsync(ben, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel);
        var attended = await Tellers.MarkPresentAsync(teller, id, london, benNumber, Cancel);
        Assert.Contains("Their proxy is revoked", attended.Message, StringComparison.Ordinal);
        var benProxy = (await Proxies.MyProxyAsync(ben, id, Cancel))!;
        Assert.Equal((false, ProxyRevocation.Attended), (benProxy.Current!.InForce, benProxy.Current.RevokedReason));
        await Assert.ThrowsAsync<DomainException>(() => Proxies.AppointAsync(ben, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));

        await using var db = Host.NewContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "meeting.proxy-appointed", Cancel));
    }

    [Fact]
    public async Task At_the_count_a_proxy_counts_only_if_its_holder_is_present_and_casts_its_mandate_as_a_secret_ballot()
    {
        var (teller, second, registrar) = await StaffAsync();
        var (_, ann) = await AdmitAsync(registrar, "Ann");
        var (benNumber, _) = await AdmitAsync(registrar, "Ben");
        var (_, cat) = await AdmitAsync(registrar, "Cat");
        var (_, dan) = await AdmitAsync(registrar, "Dan");
        var (eveNumber, _) = await AdmitAsync(registrar, "Eve");
        var (_, fay) = await AdmitAsync(registrar, "Fay");
        var (id, m1, m2) = await OpenMeetingAsync(teller);
        var london = (await Tellers.DeskAsync(teller, id, Cancel))!.Sections.Single().Id;

        await Proxies.AppointAsync(ann, id, Member(benNumber, m1, ProxyMandate.For, m2, ProxyMandate.Against), Cancel);
        await Proxies.AppointAsync(cat, id, Member(benNumber, m1, ProxyMandate.Discretion, m2, ProxyMandate.Abstain), Cancel);
        await Proxies.AppointAsync(dan, id, Member(eveNumber, m1, ProxyMandate.Against, m2, ProxyMandate.Against), Cancel); // Eve never comes
        await Proxies.AppointAsync(fay, id, Chair(m1, ProxyMandate.Against, m2, ProxyMandate.For), Cancel);

        // Ben attends, so his two proxies count; he votes For and For on his own paper.
        await Tellers.MarkPresentAsync(teller, id, london, benNumber, Cancel);
        await using (var db = Host.NewContext())
        {
            Assert.Equal(0, await db.QuorumChecks.CountAsync(Cancel));
        }

        await Tellers.TestQuorumAsync(teller, id, london, null, Cancel);
        await using (var db = Host.NewContext())
        {
            Assert.Equal((1L, 2L), await db.QuorumChecks.Select(q => new ValueTuple<long, long>(q.PresentInPerson, q.PresentByProxy)).SingleAsync(Cancel));
        }

        var discretionary = await Proxies.DiscretionaryAsync(teller, id, Cancel);
        var row = Assert.Single(discretionary);
        Assert.Equal((benNumber, 1, (VoteChoice?)null), (row.HolderMemberNumber!.Value, row.MotionNumber, row.HolderChoice));
        var notDiscretionary = await Assert.ThrowsAsync<DomainException>(() => Proxies.EnterHolderChoiceAsync(teller, id, row.ProxyId, m2, VoteChoice.For, Cancel));
        Assert.Contains("only a discretionary instruction", notDiscretionary.Message, StringComparison.Ordinal);
        await Proxies.EnterHolderChoiceAsync(teller, id, row.ProxyId, m1, VoteChoice.Against, Cancel);
        Assert.Equal(VoteChoice.Against, (await Proxies.DiscretionaryAsync(teller, id, Cancel)).Single().HolderChoice);

        var form = PaperBatchForm.For((await Tellers.DeskAsync(teller, id, Cancel))!.Motions);
        form.ValidPapers = 1;
        form.Motions[0].For = 1;
        form.Motions[1].For = 1;
        await Tellers.KeyBatchAsync(teller, id, london, form, Cancel);
        var batch = (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single();
        Assert.True((await Tellers.CheckBatchAsync(second, id, batch.Id, form, Cancel)).Accepted);

        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 18, 10, 0, 0, TimeSpan.Zero));
        await Meetings.CloseVotingAsync(teller, id, await VersionAsync(teller, id), Cancel);
        await Meetings.CountAsync(teller, id, await VersionAsync(teller, id), Cancel);

        var results = (await Meetings.ResultsAsync(teller, id, Cancel))!;
        Assert.Equal((0L, 3L, 1L, 4L), (results.OnlineBallots, results.ProxyBallots, results.PaperBallots, results.Voted));
        Assert.Null(results.ReconciliationDifferences);

        // Motion 1: Ben's paper For; Ann's proxy For; Cat's discretion Against (Ben's choice); Fay's Against. Dan's proxy does not count.
        var one = results.Motions.Single(m => m.Id == m1).Result!;
        Assert.Equal((2L, 2L, 0L), (one.For, one.Against, one.Abstain));

        // Motion 2: Ben's paper For; Ann's Against; Cat's Abstain; Fay's For.
        var two = results.Motions.Single(m => m.Id == m2).Result!;
        Assert.Equal((2L, 1L, 1L), (two.For, two.Against, two.Abstain));

        await using (var db = Host.NewContext())
        {
            Assert.Equal(3, await db.VoterRoll.CountAsync(r => r.MeetingId == id && r.VotedBy == VotingChannel.Proxy, Cancel));
            Assert.Equal(3, await db.Ballots.CountAsync(b => b.MeetingId == id && b.Channel == VotingChannel.Proxy, Cancel));
            Assert.Equal(3, await db.Proxies.CountAsync(p => p.MeetingId == id && p.Used, Cancel));
            Assert.False(await db.Proxies.AnyAsync(p => p.MeetingId == id && p.Used && p.HolderMemberId != null && db.Members.Any(m => m.Id == p.HolderMemberId && m.MemberNumber == eveNumber), Cancel));
        }
    }

    [Fact]
    public async Task A_teller_cannot_appoint_for_a_member_and_a_member_cannot_enter_a_holders_choice()
    {
        var (teller, _, registrar) = await StaffAsync();
        var (_, ann) = await AdmitAsync(registrar, "Ann");
        var (id, m1, m2) = await OpenMeetingAsync(teller);
        await Proxies.AppointAsync(ann, id, Chair(m1, ProxyMandate.Discretion, m2, ProxyMandate.For), Cancel);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.AppointAsync(teller, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.RevokeAsync(teller, id, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.MyProxyAsync(registrar, id, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.DiscretionaryAsync(ann, id, Cancel));
        var proxyId = (await Proxies.DiscretionaryAsync(teller, id, Cancel)).Single().ProxyId;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.EnterHolderChoiceAsync(ann, id, proxyId, m1, VoteChoice.For, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Proxies.AppointAsync(Actor.Anonymous, id, Chair(m1, ProxyMandate.For, m2, ProxyMandate.For), Cancel));
    }
}

public sealed class ProxyTestsOnSqlite() : ProxyTests(DatabaseProvider.Sqlite);

public sealed class ProxyTestsOnPostgres() : ProxyTests(DatabaseProvider.Postgres);
