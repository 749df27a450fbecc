using System.Globalization;
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
/// A member's choice, in the portal and before the meeting, of the one section (regional meeting) they will attend
/// (domain rule 53: a shareholder may attend and vote at one sectional meeting only). The choice is the member's own
/// (found from their login, never from an identifier they send); tellers see it at the door, and a member admitted at
/// another section is warned about and recorded, since the rule binds attendance, not the advance choice.
/// </summary>
public sealed class SectionChoiceService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Records (or changes) the signed-in member's chosen section while the meeting is open in the portal.</summary>
    public async Task ChooseAsync(Actor actor, long meetingId, long sectionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var member = await ApplicationService.MemberOfAsync(db, actor, cancellationToken);
        var meeting = await MeetingService.LoadAsync(db, meetingId, tracking: false, cancellationToken);
        if (meeting is null || meeting.Status != MeetingStatus.VotingOpen)
        {
            throw new DomainException("Meeting", "Sections are chosen while the meeting is open in the portal, before it sits.");
        }

        var section = meeting.Sections.FirstOrDefault(s => s.Id == sectionId) ?? throw new DomainException("Section", "Choose one of this meeting's sections.");
        var entry = await db.VoterRoll.SingleOrDefaultAsync(r => r.MeetingId == meetingId && r.MemberId == member.Id, cancellationToken)
                    ?? throw new DomainException("Member", $"Member {member.MemberNumber} is not on the voter roll of this meeting ({meeting.Eligibility.Describe()}).");
        var before = entry.ChosenSectionId is { } c ? meeting.Sections.FirstOrDefault(s => s.Id == c)?.Name : null;
        entry.ChooseSection(section, meeting.Sections, DateOnly.FromDateTime(Now));
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        // Written only if the member has not been marked present meanwhile (a teller at the door wins).
        var written = await db.VoterRoll.Where(r => r.Id == entry.Id && r.AttendedSectionId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ChosenSectionId, sectionId), cancellationToken);
        if (written == 0)
        {
            throw new ConflictException("You were marked present at a section a moment ago; a member attends one section only.");
        }

        AuditTrail.Add(db, actor, Now, "meeting.section-chosen", "Meeting", meetingId.ToString(CultureInfo.InvariantCulture),
            $"Member {member.MemberNumber} chose to attend {section.Name} of \"{meeting.Title}\".", before is null ? null : new { Section = before }, new { Section = section.Name }, memberId: member.Id);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
