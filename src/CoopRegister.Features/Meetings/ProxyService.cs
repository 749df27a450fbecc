using System.Globalization;
using System.Security.Cryptography;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using CoopRegister.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Meetings;

/// <summary>
/// Proxy votes (domain rule 41; design/voting.md). While voting is open and before the meeting's proxy deadline, a
/// member on the roll appoints the chair or another member on the roll as their proxy, with an instruction on every
/// motion (For, Against, Abstain or the proxy's discretion), and may change or revoke it. The rules applied:
/// <list type="bullet">
/// <item>A holder carries at most the meeting's cap of proxies; a member cannot appoint themselves.</item>
/// <item>Precedence: a member who votes online or is marked present in person revokes their proxy, and a member who
/// has voted cannot appoint one.</item>
/// <item>At the count, each proxy still in force whose member has not voted and whose holder is present (the chair
/// presides, so is present; a member holder must be marked present at a section) is cast as a secret ballot with
/// channel Proxy: the instructed choices, and on a discretionary motion the holder's choice a teller entered
/// (an abstention if none was entered). The member's roll mark becomes Proxy; the ballot holds nothing leading back.</item>
/// </list>
/// </summary>
public sealed class ProxyService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The signed-in member's proxy form for a meeting, or null when the meeting is not one they can see.</summary>
    public async Task<MyProxy?> MyProxyAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var member = await ApplicationService.MemberOfAsync(db, actor, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken);
        if (meeting is null || meeting.Status == MeetingStatus.Preparing || meeting.ProxyDeadline is null)
        {
            return null;
        }

        var roll = await db.VoterRoll.AsNoTracking().Where(r => r.MeetingId == meetingId && r.MemberId == member.Id).Select(r => new { r.VotedBy }).SingleOrDefaultAsync(cancellationToken);
        if (roll is null)
        {
            return null;
        }

        var proxy = await db.Proxies.AsNoTracking().Include(p => p.Mandates).SingleOrDefaultAsync(p => p.MeetingId == meetingId && p.AppointerMemberId == member.Id, cancellationToken);
        var holderNumber = proxy?.HolderMemberId is { } h ? await db.Members.Where(x => x.Id == h).Select(x => (long?)x.MemberNumber).SingleAsync(cancellationToken) : null;
        var open = roll.VotedBy is null && meeting.Status == MeetingStatus.VotingOpen && Now >= meeting.VotingOpensAt && Now < meeting.ProxyDeadline && member.IsMemberOn(Today);
        return new MyProxy(meeting.Id, meeting.Title, meeting.ProxyDeadline.Value, meeting.ProxyCap,
            meeting.Motions.OrderBy(m => m.Number).Select(m => new MotionView(m.Id, m.Number, m.Title, m.Text, m.Threshold, null)).ToList(),
            roll.VotedBy, open,
            proxy is null ? null : new ProxyView(proxy.HoldsChair, holderNumber, proxy.IsActive, proxy.RevokedReason, proxy.Mandates.ToDictionary(m => m.MotionId, m => m.Mandate)))
        {
            Elections = (await Elections.ElectionService.PapersAsync(db, meetingId, cancellationToken)).Select(e => e.Title).ToList(),
        };
    }

    /// <summary>Appoints a proxy, or changes the appointment, for the signed-in member.</summary>
    public async Task AppointAsync(Actor actor, long meetingId, ProxyForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var member = await ApplicationService.MemberOfAsync(db, actor, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", "There is no such meeting.");
        meeting.RequireProxiesOpen(Now);
        if (!member.IsMemberOn(Today))
        {
            throw new DomainException("Member", $"Member {member.MemberNumber} ceased on {member.DateCeased:yyyy-MM-dd} and can no longer appoint a proxy.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockOpenAsync(db, meetingId, cancellationToken);
        await RequireNotVotedAsync(db, meeting, member.Id, member.MemberNumber, cancellationToken);

        long? holderId = null;
        if (!form.Chair)
        {
            if (form.HolderMemberNumber is not { } number)
            {
                throw new DomainException("HolderMemberNumber", "Give the member number of the member you appoint, or appoint the chair.");
            }

            if (number == member.MemberNumber)
            {
                throw new DomainException("HolderMemberNumber", "You cannot appoint yourself as your proxy; appoint the chair or another member.");
            }

            holderId = await (from r in db.VoterRoll
                              join mb in db.Members on r.MemberId equals mb.Id
                              where r.MeetingId == meetingId && mb.MemberNumber == number
                              select (long?)mb.Id).SingleOrDefaultAsync(cancellationToken)
                       ?? throw new DomainException("HolderMemberNumber", $"Member {number} is not on the voter roll of this meeting; a proxy must be the chair or a member entitled to vote.");
        }

        // The cap (domain rule 41): appointments in force naming this holder, other than this member's own.
        var held = await db.Proxies.LongCountAsync(p => p.MeetingId == meetingId && p.HolderMemberId == holderId && p.RevokedAt == null && p.AppointerMemberId != member.Id, cancellationToken);
        if (held >= meeting.ProxyCap)
        {
            throw new DomainException(form.Chair ? "Chair" : "HolderMemberNumber",
                $"{(form.Chair ? "The chair" : $"Member {form.HolderMemberNumber}")} already holds {held} proxies, the most one holder may carry at this meeting ({meeting.ProxyCap}). Appoint someone else.");
        }

        var motionIds = meeting.Motions.Select(m => m.Id).ToList();
        var existing = await db.Proxies.Include(p => p.Mandates).Include(p => p.ElectionPreferences).AsSplitQuery().SingleOrDefaultAsync(p => p.MeetingId == meetingId && p.AppointerMemberId == member.Id, cancellationToken);
        var before = existing is null ? null : Snapshot(existing);
        if (existing is null)
        {
            existing = ProxyAppointment.Appoint(meetingId, member.Id, holderId, form.Mandates, motionIds, Now);
            db.Proxies.Add(existing);
        }
        else
        {
            existing.Change(holderId, form.Mandates, motionIds, Now);
        }

        var to = form.Chair ? "the chair" : $"member {form.HolderMemberNumber}";
        AuditTrail.Add(db, actor, Now, before is null ? "meeting.proxy-appointed" : "meeting.proxy-changed", "Meeting", Id(meetingId),
            $"Member {member.MemberNumber} {(before is null ? "appointed" : "changed their proxy to")} {to} as proxy for \"{meeting.Title}\".", before, Snapshot(existing), memberId: member.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConflictException("Your proxy was changed in another window a moment ago. Reload to see it, then try again.", ex);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Revokes the signed-in member's proxy before the deadline.</summary>
    public async Task RevokeAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var member = await ApplicationService.MemberOfAsync(db, actor, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", "There is no such meeting.");
        meeting.RequireProxiesOpen(Now);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockOpenAsync(db, meetingId, cancellationToken);
        var proxy = await db.Proxies.Include(p => p.Mandates).SingleOrDefaultAsync(p => p.MeetingId == meetingId && p.AppointerMemberId == member.Id, cancellationToken);
        if (proxy is not { IsActive: true })
        {
            throw new DomainException("Proxy", "You have no proxy in force at this meeting.");
        }

        proxy.Revoke(ProxyRevocation.ByMember, Now);
        AuditTrail.Add(db, actor, Now, "meeting.proxy-revoked", "Meeting", Id(meetingId), $"Member {member.MemberNumber} revoked their proxy for \"{meeting.Title}\".", memberId: member.Id);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>For tellers: the proxies in force with a discretionary instruction, held by a member present (or the chair).</summary>
    public async Task<IReadOnlyList<DiscretionaryProxy>> DiscretionaryAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var rows = await (from p in PresentByProxy(db, meetingId)
                          join m in db.ProxyMandates on p.ProxyId equals m.ProxyId
                          join mo in db.Motions on m.MotionId equals mo.Id
                          where m.Mandate == ProxyMandate.Discretion
                          select new { p.ProxyId, Holder = db.Members.Where(x => x.Id == p.HolderMemberId).Select(x => (long?)x.MemberNumber).FirstOrDefault(), m.MotionId, mo.Number, m.HolderChoice })
            .AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Holder ?? 0).ThenBy(r => r.ProxyId).ThenBy(r => r.Number)
            .Select(r => new DiscretionaryProxy(r.ProxyId, r.Holder, r.MotionId, r.Number, r.HolderChoice)).ToList();
    }

    /// <summary>A teller enters how a present holder used their discretion on a motion, while the meeting sits.</summary>
    public async Task EnterHolderChoiceAsync(Actor actor, long meetingId, long proxyId, long motionId, VoteChoice choice, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await TellerService.LockSittingAsync(db, meetingId, "enter a proxy's choice", cancellationToken);
        var proxy = await db.Proxies.Include(p => p.Mandates).SingleOrDefaultAsync(p => p.Id == proxyId && p.MeetingId == meetingId && p.RevokedAt == null, cancellationToken)
                    ?? throw new DomainException("Proxy", "That proxy is not in force at this meeting; the member may have revoked it or voted.");
        var number = await db.Motions.Where(m => m.Id == motionId).Select(m => m.Number).SingleOrDefaultAsync(cancellationToken);
        proxy.EnterHolderChoice(motionId, choice);

        // The trail names the proxy's holder, not the member it represents: the choice is the holder's.
        var holder = proxy.HolderMemberId is { } h ? $"member {await db.Members.Where(x => x.Id == h).Select(x => x.MemberNumber).SingleAsync(cancellationToken)}" : "the chair";
        AuditTrail.Add(db, actor, Now, "meeting.proxy-choice-entered", "Meeting", Id(meetingId), $"Discretionary proxy {proxyId} held by {holder}: choice on motion {number} entered.");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// For tellers: the elections and the proxies that count now (every appointment leaves the elections to the holder's
    /// discretion), each with the rankings keyed so far.
    /// </summary>
    public async Task<ProxyRankingDesk> RankingsAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var elections = await Elections.ElectionService.PapersAsync(db, meetingId, cancellationToken);
        if (elections.Count == 0)
        {
            return new ProxyRankingDesk(elections, []);
        }

        var present = await (from p in PresentByProxy(db, meetingId)
                             select new { p.ProxyId, Holder = db.Members.Where(x => x.Id == p.HolderMemberId).Select(x => (long?)x.MemberNumber).FirstOrDefault() })
            .AsNoTracking().ToListAsync(cancellationToken);
        var ids = present.Select(p => p.ProxyId).ToList();
        var preferences = await db.ProxyElectionPreferences.AsNoTracking().Where(p => ids.Contains(p.ProxyId))
            .Select(p => new { p.ProxyId, p.ElectionId, p.CandidateId, p.Rank }).ToListAsync(cancellationToken);
        return new ProxyRankingDesk(elections, present.OrderBy(p => p.Holder ?? 0).ThenBy(p => p.ProxyId).Select(p => new ProxyRankingRow(p.ProxyId, p.Holder,
            preferences.Where(x => x.ProxyId == p.ProxyId).GroupBy(x => x.ElectionId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)g.OrderBy(x => x.Rank).Select(x => x.CandidateId).ToList()))).ToList());
    }

    /// <summary>
    /// A teller enters how a present holder ranks the candidates in an election, while the meeting sits. The ranking is
    /// checked as an online ranked ballot is; no marks clears it, so the proxy's ballot marks no one in the election.
    /// </summary>
    public async Task EnterHolderRankingAsync(Actor actor, long meetingId, long proxyId, long electionId, IReadOnlyDictionary<long, int> numbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await TellerService.LockSittingAsync(db, meetingId, "enter a proxy's ranking", cancellationToken);
        var proxy = await db.Proxies.Include(p => p.ElectionPreferences).SingleOrDefaultAsync(p => p.Id == proxyId && p.MeetingId == meetingId && p.RevokedAt == null, cancellationToken)
                    ?? throw new DomainException("Proxy", "That proxy is not in force at this meeting; the member may have revoked it or voted.");
        var election = await db.Elections.Include(e => e.Candidates).AsNoTracking().SingleOrDefaultAsync(e => e.Id == electionId && e.MeetingId == meetingId, cancellationToken)
                       ?? throw new DomainException("Election", "There is no such election in this meeting.");
        proxy.EnterHolderRanking(election, numbers, Elections.ElectionService.Field(electionId));

        // The trail names the holder and the election, not the ranking or the member represented: the choice is the holder's.
        var holder = proxy.HolderMemberId is { } h ? $"member {await db.Members.Where(x => x.Id == h).Select(x => x.MemberNumber).SingleAsync(cancellationToken)}" : "the chair";
        AuditTrail.Add(db, actor, Now, "meeting.proxy-ranking-entered", "Meeting", Id(meetingId),
            $"Proxy {proxyId} held by {holder}: ranking in election {election.Number} \"{election.Title}\" {(numbers.Count == 0 ? "cleared" : "entered")}.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConflictException("Another teller entered this proxy's ranking a moment ago. Reload to see it, then try again.", ex);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Proxies that count: in force, the member has not voted, and the holder is present (the chair always; a member
    /// holder when marked present at a section, whose id is given for the section's quorum).
    /// </summary>
    internal static IQueryable<PresentProxy> PresentByProxy(RegisterDbContext db, long meetingId) =>
        from p in db.Proxies
        join a in db.VoterRoll on new { p.MeetingId, MemberId = p.AppointerMemberId } equals new { a.MeetingId, a.MemberId }
        where p.MeetingId == meetingId && p.RevokedAt == null && a.VotedBy == null
        let holderSection = db.VoterRoll.Where(h => h.MeetingId == meetingId && h.MemberId == p.HolderMemberId).Select(h => h.AttendedSectionId).FirstOrDefault()
        where p.HolderMemberId == null || holderSection != null
        select new PresentProxy { ProxyId = p.Id, AppointerMemberId = p.AppointerMemberId, HolderMemberId = p.HolderMemberId, HolderSectionId = holderSection };

    /// <summary>Precedence: the member's own vote (online or in person) revokes their proxy. Returns whether one was in force.</summary>
    internal static async Task<bool> RevokeOnOwnVoteAsync(RegisterDbContext db, long meetingId, long memberId, ProxyRevocation reason, DateTime nowUtc, CancellationToken cancellationToken) =>
        await db.Proxies.Where(p => p.MeetingId == meetingId && p.AppointerMemberId == memberId && p.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RevokedAt, nowUtc).SetProperty(p => p.RevokedReason, reason), cancellationToken) > 0;

    /// <summary>
    /// At the count (inside its transaction, with the meeting locked): casts a secret ballot, channel Proxy, for every
    /// proxy that counts, and marks its member's roll row as voted by proxy. The ballots are written in a random order
    /// with random identifiers and receipts, so neither their keys nor their order lead back to the appointments.
    /// </summary>
    internal static async Task<long> CastProxyBallotsAsync(RegisterDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        var counting = await PresentByProxy(db, meeting.Id).Select(p => p.ProxyId).ToListAsync(cancellationToken);
        if (counting.Count == 0)
        {
            return 0;
        }

        var proxies = await db.Proxies.Include(p => p.Mandates).Include(p => p.ElectionPreferences).AsSplitQuery().Where(p => counting.Contains(p.Id)).ToListAsync(cancellationToken);
        var motionIds = meeting.Motions.Select(m => m.Id).ToList();
        var order = proxies.ToArray();
        RandomNumberGenerator.Shuffle<ProxyAppointment>(order);
        foreach (var p in order)
        {
            var marked = await db.VoterRoll.Where(r => r.MeetingId == meeting.Id && r.MemberId == p.AppointerMemberId && r.VotedBy == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.VotedBy, VotingChannel.Proxy), cancellationToken);
            if (marked == 0)
            {
                continue;
            }

            // The holder's keyed rankings go on the same ballot; an election with none is left blank on it.
            var ballot = SecretBallot.Cast(Guid.NewGuid(), meeting.Id, VotingChannel.Proxy, MeetingService.NewReceipt(), p.Choices(), motionIds);
            foreach (var (election, ranking) in p.Rankings())
            {
                ballot.Rank(election, ranking);
            }

            db.Ballots.Add(ballot);
            p.MarkUsed();
        }

        await db.SaveChangesAsync(cancellationToken);
        return proxies.Count(p => p.Used);
    }

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>An update that changes nothing, for its lock: appointments wait for one another (so the cap holds) and for the close.</summary>
    private static async Task LockOpenAsync(RegisterDbContext db, long meetingId, CancellationToken cancellationToken)
    {
        var open = await db.Meetings.Where(m => m.Id == meetingId && m.Status == MeetingStatus.VotingOpen)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MeetingStatus.VotingOpen), cancellationToken);
        if (open == 0)
        {
            throw new DomainException("Proxy", "Proxies are appointed while voting is open.");
        }
    }

    private static async Task RequireNotVotedAsync(RegisterDbContext db, Meeting meeting, long memberId, long memberNumber, CancellationToken cancellationToken)
    {
        var roll = await db.VoterRoll.Where(r => r.MeetingId == meeting.Id && r.MemberId == memberId).Select(r => new { r.VotedBy }).SingleOrDefaultAsync(cancellationToken)
                   ?? throw new DomainException("Member", $"Member {memberNumber} is not on the voter roll of this meeting ({meeting.Eligibility.Describe()}).");
        if (roll.VotedBy is { } by)
        {
            throw new DomainException("Proxy", by == VotingChannel.InPerson
                ? "You were marked present at the meeting and vote there; a proxy appointed now would not count."
                : "You have already voted in this meeting; a proxy appointed after you voted would not count.");
        }
    }

    private static object Snapshot(ProxyAppointment p) => new
    {
        Holder = p.HolderMemberId,
        Chair = p.HoldsChair,
        Mandates = p.Mandates.Select(m => new { m.MotionId, Mandate = m.Mandate.ToString() }).ToList(),
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
