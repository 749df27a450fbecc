using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Meetings;

/// <summary>
/// Shows of hands and demands for a poll while a meeting sits (domain rule 41: the rules say whether votes are taken by
/// show of hands or by ballot). A teller records, for a motion at a section, the hands counted or the chair's
/// declaration, and any demand for a poll. How they combine with the ballots is <see cref="MotionMethods"/>: a show of
/// hands decides a motion only when no one voted on it by ballot and no poll was demanded. Every action needs
/// RunMeetings, re-checked from the database, runs in one transaction and is audited.
/// </summary>
public sealed class ShowOfHandsService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The shows of hands and poll demands recorded so far, by motion, for the tellers' page.</summary>
    public async Task<IReadOnlyList<MotionHandsView>> ListAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken);
        return meeting is null ? [] : await ViewsAsync(db, meeting, cancellationToken);
    }

    /// <summary>
    /// Records the show of hands on a motion at a section, or corrects the one recorded there, from the opening of
    /// voting until the count.
    /// </summary>
    public async Task RecordAsync(Actor actor, long meetingId, long sectionId, long motionId, HandsForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        var section = meeting.Sections.FirstOrDefault(s => s.Id == sectionId) ?? throw new DomainException("Section", "Choose the section where the hands were shown.");
        var motion = meeting.Motions.FirstOrDefault(m => m.Id == motionId) ?? throw new DomainException("Motion", "Choose a motion of this meeting.");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await TellerService.LockSittingAsync(db, meetingId, "record a show of hands", cancellationToken);
        var existing = await db.ShowsOfHands.SingleOrDefaultAsync(h => h.MotionId == motionId && h.SectionId == sectionId, cancellationToken);
        var before = existing?.Describe();
        var count = form.ToCount();
        var teller = TellerService.TellerOf(actor);
        if (existing is null)
        {
            existing = ShowOfHands.Record(meeting, section, motion, count, teller, Now);
            db.ShowsOfHands.Add(existing);
        }
        else
        {
            existing.Correct(meeting, motion, count, teller, Now);
        }

        AuditTrail.Add(db, actor, Now, before is null ? "meeting.hands-recorded" : "meeting.hands-corrected", "Meeting", Id(meetingId),
            $"Show of hands on motion {motion.Number} at {section.Name} in \"{meeting.Title}\": {existing.Describe()}.",
            before is null ? null : new { Hands = before }, new { Hands = existing.Describe() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConflictException($"Another teller recorded the show of hands on motion {motion.Number} at {section.Name} a moment ago. Reload to see it.", ex);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Records a demand for a poll on a motion: it will be decided by ballot, whatever the hands showed.</summary>
    public async Task DemandPollAsync(Actor actor, long meetingId, long sectionId, long motionId, string demandedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken) ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
        var section = meeting.Sections.FirstOrDefault(s => s.Id == sectionId) ?? throw new DomainException("Section", "Choose the section where the poll was demanded.");
        var motion = meeting.Motions.FirstOrDefault(m => m.Id == motionId) ?? throw new DomainException("Motion", "Choose a motion of this meeting.");
        var demand = PollDemand.Record(meeting, section, motion, demandedBy, TellerService.TellerOf(actor), Now);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await TellerService.LockSittingAsync(db, meetingId, "record a demand for a poll", cancellationToken);
        if (await db.PollDemands.AnyAsync(p => p.MotionId == motionId, cancellationToken))
        {
            throw new DomainException("Motion", $"A poll has already been demanded on motion {motion.Number}; it will be decided by ballot.");
        }

        db.PollDemands.Add(demand);
        AuditTrail.Add(db, actor, Now, "meeting.poll-demanded", "Meeting", Id(meetingId),
            $"Poll demanded on motion {motion.Number} at {section.Name} in \"{meeting.Title}\" by {demand.DemandedBy}: the motion is decided by ballot.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConflictException($"A poll on motion {motion.Number} was recorded by another teller a moment ago.", ex);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// How each motion is decided from the figures read for the count (or for the live reconciliation): by ballot, or
    /// by the shows of hands (see <see cref="MotionMethods"/>).
    /// </summary>
    internal static async Task<IReadOnlyDictionary<long, (MotionMethod Method, HandsOutcome? Hands, string? Problem)>> DecideAsync(
        RegisterDbContext db, Meeting meeting, IReadOnlyDictionary<long, MotionTally> online, IReadOnlyDictionary<long, MotionTally> paper,
        IReadOnlyCollection<long> attendedSections, CancellationToken cancellationToken)
    {
        var hands = await db.ShowsOfHands.AsNoTracking().Where(h => h.MeetingId == meeting.Id).ToListAsync(cancellationToken);
        var polls = await db.PollDemands.AsNoTracking().Where(p => p.MeetingId == meeting.Id).Select(p => p.MotionId).ToListAsync(cancellationToken);
        static bool Any(IReadOnlyDictionary<long, MotionTally> t, long id) => t.TryGetValue(id, out var x) && x.For + x.Against + x.Abstain > 0;
        return meeting.Motions.ToDictionary(m => m.Id, m => MotionMethods.Decide(m, polls.Contains(m.Id), Any(online, m.Id) || Any(paper, m.Id),
            attendedSections, hands.Where(h => h.MotionId == m.Id).ToList()));
    }

    /// <summary>The shows of hands and demands of a meeting by motion, for the tellers' page and the declaration.</summary>
    internal static async Task<IReadOnlyList<MotionHandsView>> ViewsAsync(RegisterDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        var hands = await db.ShowsOfHands.AsNoTracking().Where(h => h.MeetingId == meeting.Id).ToListAsync(cancellationToken);
        var polls = await db.PollDemands.AsNoTracking().Where(p => p.MeetingId == meeting.Id).ToListAsync(cancellationToken);
        var names = meeting.Sections.ToDictionary(s => s.Id, s => s.Name);
        return meeting.Motions.OrderBy(m => m.Number).Select(m =>
        {
            var poll = polls.FirstOrDefault(p => p.MotionId == m.Id);
            return new MotionHandsView(m.Id, m.Number, m.Title,
                hands.Where(h => h.MotionId == m.Id).OrderBy(h => names.GetValueOrDefault(h.SectionId, ""), StringComparer.Ordinal)
                    .Select(h => new SectionHandsView(h.SectionId, names.GetValueOrDefault(h.SectionId, ""), h.For, h.Against, h.Abstain, h.DeclaredCarried, h.RecordedByName, h.RecordedAt)).ToList(),
                poll is null ? null : new PollDemandView(names.GetValueOrDefault(poll.SectionId, ""), poll.DemandedBy, poll.RecordedByName, poll.RecordedAt));
        }).ToList();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a teller types for a show of hands: the three counts, or (with no counts) the chair's declaration.</summary>
public sealed class HandsForm
{
    public bool Counted { get; set; } = true;
    public long For { get; set; }
    public long Against { get; set; }
    public long Abstain { get; set; }

    /// <summary>The chair's declaration when the hands were not counted.</summary>
    public bool DeclaredCarried { get; set; }

    public HandsCount ToCount() => Counted ? HandsCount.Counted(For, Against, Abstain) : HandsCount.Declared(DeclaredCarried);
}

/// <summary>A show of hands at a section, as the tellers' page and the declaration show it.</summary>
public sealed record SectionHandsView(long SectionId, string Section, long? For, long? Against, long? Abstain, bool? DeclaredCarried, string RecordedBy, DateTime RecordedAt)
{
    public bool Counted => For is not null;

    public string Describe() => Counted
        ? string.Create(CultureInfo.InvariantCulture, $"{For} for, {Against} against, {Abstain} abstaining")
        : DeclaredCarried == true ? "declared carried by the chair (no count)" : "declared not carried by the chair (no count)";
}

public sealed record PollDemandView(string Section, string DemandedBy, string RecordedBy, DateTime RecordedAt);

/// <summary>A motion's shows of hands at the sections and any demand for a poll.</summary>
public sealed record MotionHandsView(long MotionId, int Number, string Title, IReadOnlyList<SectionHandsView> Sections, PollDemandView? Poll);
