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
/// The two-meeting special resolutions of Act s.111 (amalgamation, transfer of engagements) and s.113 (conversion into a
/// company), kept as one linked record (design/voting.md). The returning officer's declaration of the first meeting opens
/// the record for each such motion carried, with the interval the confirming meeting must sit in (the society's
/// setting); a teller adds the confirming motion to a second meeting whose sections all fall in that interval (checked
/// again whenever that meeting changes and when its voting opens); that meeting's declaration settles the record:
/// passed only when the confirming motion is carried too.
/// </summary>
public sealed class SpecialResolutionService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The resolutions awaiting confirmation that no meeting confirms yet, for a meeting being prepared.</summary>
    public async Task<IReadOnlyList<ResolutionLink>> AwaitingAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var today = Today;
        var open = await db.SpecialResolutions.AsNoTracking()
            .Where(r => r.Status == SpecialResolutionStatus.AwaitingConfirmation && r.ConfirmBy >= today && !db.Motions.Any(m => m.ConfirmsResolutionId == r.Id))
            .OrderBy(r => r.ConfirmBy).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return await LinksOfAsync(db, open, null, today, cancellationToken);
    }

    /// <summary>Adds to a meeting being prepared the motion confirming a special resolution carried at an earlier meeting.</summary>
    public async Task<long> AddConfirmingMotionAsync(Actor actor, long meetingId, long version, long resolutionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
        var meeting = await MeetingService.RequireAsync(db, meetingId, version, cancellationToken);
        var resolution = await db.SpecialResolutions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == resolutionId, cancellationToken)
                         ?? throw new DomainException("Resolution", "There is no such special resolution.");
        if (await db.Motions.AnyAsync(m => m.ConfirmsResolutionId == resolutionId && m.MeetingId != meetingId, cancellationToken))
        {
            throw new DomainException("Resolution", $"Another meeting already has the motion confirming \"{resolution.Title}\"; a special resolution is confirmed once.");
        }

        var first = await db.Meetings.AsNoTracking().Where(m => m.Id == resolution.FirstMeetingId).Select(m => m.Title).SingleAsync(cancellationToken);
        var statute = SpecialResolution.Statute(resolution.Kind);
        var motion = meeting.AddConfirmingMotion(resolution,
            $"That the special resolution \"{resolution.Title}\", carried at {first} on {resolution.CarriedOn:yyyy-MM-dd}, be confirmed ({statute}).");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await MeetingService.SaveAsync(db, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            throw new ConflictException($"Another teller added the motion confirming \"{resolution.Title}\" a moment ago. Reload to see it.", ex);
        }

        AuditTrail.Add(db, actor, Now, "meeting.confirmation-added", "Meeting", Id(meetingId),
            $"Motion {motion.Number} confirms the special resolution \"{resolution.Title}\" ({statute}) carried at \"{first}\" on {resolution.CarriedOn:yyyy-MM-dd}; the meeting must sit from {resolution.ConfirmFrom:yyyy-MM-dd} to {resolution.ConfirmBy:yyyy-MM-dd}.",
            null, new { motion.Id, motion.Number, ResolutionId = resolution.Id, resolution.ConfirmFrom, resolution.ConfirmBy });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return motion.Id;
    }

    /// <summary>
    /// At a declaration, in its unit of work: opens a record for each s.111/s.113 motion carried here, with the interval
    /// from the society's settings, and settles each resolution this meeting confirmed or failed to confirm.
    /// </summary>
    internal static async Task OnDeclaredAsync(RegisterDbContext db, Actor actor, Meeting meeting, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var id = Id(meeting.Id);
        var carried = meeting.Motions.Where(m => m.Threshold.RequiresConfirmation && m.Carried == true).OrderBy(m => m.Number).ToList();
        if (carried.Count > 0)
        {
            var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
            foreach (var motion in carried)
            {
                var resolution = SpecialResolution.Carried(meeting, motion, society.ConfirmationMinimumDays, society.ConfirmationMaximumMonths);
                db.SpecialResolutions.Add(resolution);
                AuditTrail.Add(db, actor, nowUtc, "meeting.resolution-carried", "Meeting", id,
                    $"Motion {motion.Number} \"{motion.Title}\" carried at its first meeting ({SpecialResolution.Statute(resolution.Kind)}); it passes only if confirmed at a second general meeting held from {resolution.ConfirmFrom:yyyy-MM-dd} to {resolution.ConfirmBy:yyyy-MM-dd}.");
            }
        }

        var confirming = meeting.Motions.Where(m => m.ConfirmsResolutionId is not null).ToList();
        foreach (var motion in confirming)
        {
            var resolution = await db.SpecialResolutions.SingleAsync(r => r.Id == motion.ConfirmsResolutionId, cancellationToken);
            resolution.Settle(meeting, motion);
            AuditTrail.Add(db, actor, nowUtc, "meeting.resolution-settled", "Meeting", id,
                resolution.Status == SpecialResolutionStatus.Passed
                    ? $"Special resolution \"{resolution.Title}\" ({SpecialResolution.Statute(resolution.Kind)}) confirmed by motion {motion.Number}: PASSED."
                    : $"Special resolution \"{resolution.Title}\" ({SpecialResolution.Statute(resolution.Kind)}) NOT confirmed by motion {motion.Number}: it is not passed.");
        }
    }

    /// <summary>The resolutions a meeting opened or confirms, as its results page shows them.</summary>
    internal static async Task<IReadOnlyList<ResolutionLink>> LinksAsync(RegisterDbContext db, Meeting meeting, DateOnly today, CancellationToken cancellationToken)
    {
        var confirms = meeting.Motions.Where(m => m.ConfirmsResolutionId is not null).Select(m => m.ConfirmsResolutionId!.Value).ToList();
        var rows = await db.SpecialResolutions.AsNoTracking().Where(r => r.FirstMeetingId == meeting.Id || confirms.Contains(r.Id))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return await LinksOfAsync(db, rows, meeting.Id, today, cancellationToken);
    }

    private static async Task<IReadOnlyList<ResolutionLink>> LinksOfAsync(RegisterDbContext db, IReadOnlyList<SpecialResolution> rows, long? meetingId, DateOnly today, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var firstIds = rows.Select(r => r.FirstMotionId).ToList();
        var motions = await (from m in db.Motions
                             join mt in db.Meetings on m.MeetingId equals mt.Id
                             where firstIds.Contains(m.Id) || (m.ConfirmsResolutionId != null && ids.Contains(m.ConfirmsResolutionId.Value))
                             select new { m.Id, m.Number, m.ConfirmsResolutionId, m.MeetingId, mt.Title, mt.Status }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var first = motions.Single(m => m.Id == r.FirstMotionId);
            var second = motions.FirstOrDefault(m => m.ConfirmsResolutionId == r.Id);
            return new ResolutionLink(r.Id, SpecialResolution.Statute(r.Kind), r.Title, first.MeetingId, first.Title, first.Number, r.CarriedOn, r.ConfirmFrom, r.ConfirmBy,
                r.Status, r.LapsedOn(today) && second is null, second?.MeetingId, second?.Title, second?.Number, meetingId is { } here && first.MeetingId == here);
        }).ToList();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A two-meeting special resolution as a results page shows it: where it was carried, the confirming meeting's interval,
/// the confirming motion (once added) and whether it is passed.
/// </summary>
public sealed record ResolutionLink(
    long Id,
    string Statute,
    string Title,
    long FirstMeetingId,
    string FirstMeetingTitle,
    int FirstMotionNumber,
    DateOnly CarriedOn,
    DateOnly ConfirmFrom,
    DateOnly ConfirmBy,
    SpecialResolutionStatus Status,
    bool Lapsed,
    long? ConfirmingMeetingId,
    string? ConfirmingMeetingTitle,
    int? ConfirmingMotionNumber,
    bool IsFirstMeeting)
{
    /// <summary>"PASSED", "NOT CONFIRMED", "LAPSED" or "AWAITING CONFIRMATION".</summary>
    public string Describe() => Status switch
    {
        SpecialResolutionStatus.Passed => "PASSED (carried and confirmed)",
        SpecialResolutionStatus.NotConfirmed => "NOT PASSED: not confirmed at the second meeting",
        _ when Lapsed => "NOT PASSED: not confirmed within the interval",
        _ => "AWAITING CONFIRMATION",
    };
}
