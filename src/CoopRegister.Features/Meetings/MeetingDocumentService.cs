using System.Globalization;
using System.Runtime.CompilerServices;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Meetings;

/// <summary>How the printed marked register is sorted.</summary>
public enum MarkedRegisterOrder
{
    MemberNumber,
    Name,
}

/// <summary>
/// The meeting's printed documents: the results report for publication, and the marked register tellers use at the
/// door of each section. Both are PDFs downloaded through endpoints, never through a Blazor circuit.
/// </summary>
public sealed class MeetingDocumentService(IDbContextFactory<RegisterDbContext> contexts, MeetingService meetings, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string MarkedRegisterFileName(long meetingId, long sectionId) =>
        string.Create(CultureInfo.InvariantCulture, $"marked-register-meeting-{meetingId}-section-{sectionId}.pdf");

    public static MarkedRegisterOrder? ParseOrder(string? order) => order?.ToLowerInvariant() switch
    {
        null or "" or "number" => MarkedRegisterOrder.MemberNumber,
        "name" => MarkedRegisterOrder.Name,
        _ => null,
    };

    /// <summary>
    /// The results report. Members and staff get it once the returning officer has declared; tellers and the returning
    /// officer may get it after the count and before the declaration, marked DRAFT on every page, to check it. Null when
    /// there is nothing the actor may see (the same rule as the results page: <see cref="MeetingService.ResultsAsync"/>).
    /// </summary>
    public async Task<(string FileName, byte[] Pdf)?> ResultsReportAsync(Actor actor, long meetingId, CancellationToken cancellationToken = default)
    {
        if (await meetings.ResultsAsync(actor, meetingId, cancellationToken) is not { } results)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
        var draft = results.Status != MeetingStatus.Declared;
        var name = string.Create(CultureInfo.InvariantCulture, $"{(draft ? "draft-" : "")}results-meeting-{meetingId}.pdf");
        return (name, ResultsReportPdf.Render(society.RegisteredName, society.RegistrationNumber, results));
    }

    /// <summary>
    /// The results as CSV, one row per motion, with the same figures and the same visibility as the results page and
    /// report (<see cref="MeetingService.ResultsAsync"/>): Status is DRAFT until the declaration. Null when there is
    /// nothing the actor may see; otherwise the file name.
    /// </summary>
    public async Task<string?> WriteResultsCsvAsync(Actor actor, long meetingId, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await meetings.ResultsAsync(actor, meetingId, cancellationToken) is not { } results)
        {
            return null;
        }

        var draft = results.Status != MeetingStatus.Declared;
        await using var csv = CsvHelper.CsvWriter.Create(output, Exports.ExportService.Csv, leaveOpen: true);
        await csv.WriteRecordsAsync(results.Motions.Where(m => m.Result is not null).Select(m =>
        {
            var r = m.Result!;
            return new Exports.MotionResultRowCsv
            {
                Status = draft ? "DRAFT" : "Declared",
                Motion = m.Number,
                Title = m.Title,
                Majority = m.Threshold.Describe(),
                DecidedBy = r.DecidedBy == MotionMethod.ShowOfHands ? "Show of hands" : "Ballot",
                Result = r.Carried ? "CARRIED" : "NOT CARRIED",
                For = r.Counted ? r.For : null,
                Against = r.Counted ? r.Against : null,
                Abstain = r.Counted ? r.Abstain : null,
                VotesCast = r.Counted ? r.VotesCast : null,
                ForPercent = r.Counted ? r.ForPercent : "",
                AgainstPercent = r.Counted ? r.AgainstPercent : "",
                Eligible = results.Eligible,
                Voted = results.Voted,
                Turnout = results.Turnout,
                Spoilt = results.SpoiltPapers,
            };
        }), cancellationToken);
        await csv.FlushAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{(draft ? "draft-" : "")}results-meeting-{meetingId}.csv");
    }

    /// <summary>
    /// Writes the marked register for one section to <paramref name="output"/>. A member of a meeting with several
    /// sections may attend any one of them (domain rule 53), so every section's register lists the whole roll, with
    /// who has already voted online or attended (here or elsewhere) printed against their name. The rows stream from
    /// the database a page at a time; audit-logged like the voter-roll export. Returns the number of members printed.
    /// </summary>
    public async Task<long> WriteMarkedRegisterAsync(Actor actor, long meetingId, long sectionId, MarkedRegisterOrder order, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        MarkedRegisterHeading heading;
        Dictionary<long, string> sectionNames;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccessGuard.RequireAsync(db, actor, Permissions.RunMeetings, Now, cancellationToken);
            var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken)
                          ?? throw new DomainException("Meeting", $"There is no meeting {meetingId}.");
            var section = meeting.Sections.SingleOrDefault(s => s.Id == sectionId)
                          ?? throw new DomainException("Section", $"Meeting {meetingId} has no section {sectionId}.");
            if (meeting.RollTakenAt is null)
            {
                throw new DomainException("Roll", $"The voter roll of \"{meeting.Title}\" has not been taken yet, so there is no register to print.");
            }

            sectionNames = meeting.Sections.ToDictionary(s => s.Id, s => s.Name);
            var society = (await db.Societies.AsNoTracking().SingleAsync(cancellationToken)).Details;
            var rows = await db.VoterRoll.LongCountAsync(r => r.MeetingId == meetingId, cancellationToken);
            heading = new MarkedRegisterHeading(society.RegisteredName, meeting.Title, section.Name,
                $"{Certificates.DocumentText.Date(section.Date)}{(section.Place.Length > 0 ? ", " + section.Place : "")}",
                order == MarkedRegisterOrder.Name ? "sorted by name" : "sorted by member number", meeting.RollHash ?? "", DateOnly.FromDateTime(Now), rows);
            AuditTrail.Add(db, actor, Now, "export.marked-register", "Meeting", meetingId.ToString(CultureInfo.InvariantCulture),
                $"Printed the marked register of \"{meeting.Title}\" for {section.Name} ({rows} members, {heading.Order}; roll SHA-256 {meeting.RollHash}).");
            await db.SaveChangesAsync(cancellationToken);
        }

        await MarkedRegisterPdf.RenderAsync(heading, LinesAsync(meetingId, sectionId, order, sectionNames, cancellationToken), output, cancellationToken);
        return heading.Rows;
    }

    private async IAsyncEnumerable<MarkedRegisterLine> LinesAsync(
        long meetingId, long sectionId, MarkedRegisterOrder order, Dictionary<long, string> sectionNames, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var roll = from r in db.VoterRoll.AsNoTracking()
                   where r.MeetingId == meetingId
                   join m in db.Members on r.MemberId equals m.Id
                   select new { m.MemberNumber, m.Details.Name, r.VotedBy, r.AttendedSectionId };
        roll = order == MarkedRegisterOrder.Name ? roll.OrderBy(r => r.Name).ThenBy(r => r.MemberNumber) : roll.OrderBy(r => r.MemberNumber);
        await foreach (var r in roll.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var status = r.AttendedSectionId is { } attended
                ? attended == sectionId ? "Attended here" : $"Attended at {sectionNames.GetValueOrDefault(attended, "another section")}"
                : r.VotedBy == VotingChannel.Online ? "Voted online" : "";
            yield return new MarkedRegisterLine(r.MemberNumber, r.Name, status);
        }
    }
}
