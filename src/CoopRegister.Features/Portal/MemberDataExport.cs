using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Portal;

/// <summary>
/// Everything the society holds about the signed-in member, as one JSON file (UK GDPR Art. 15, right of access;
/// design/quality.md: "a member can download everything held about them"). The member is found from the login, never
/// from an identifier the request carries. Secret ballots are not the member's data in any linkable form: the file
/// says which meetings' rolls the member was on and whether and how (channel) they voted, never how they voted.
/// Internal hashes and concurrency versions are left out: they describe the database, not the member.
/// </summary>
public sealed class MemberDataExport(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutInternals } },
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The file's name, with the date it was made.</summary>
    public string FileName => $"my-data-{DateOnly.FromDateTime(Now):yyyy-MM-dd}.json";

    /// <summary>Writes the member's data to <paramref name="output"/>; false when the login has no member record.</summary>
    public async Task<bool> WriteMineAsync(Actor actor, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(output);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var login = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
            .Select(u => new { u.MemberId, u.Email, u.TwoFactorEnabled, u.LockoutEnd })
            .SingleOrDefaultAsync(cancellationToken);
        if (login?.MemberId is not { } id)
        {
            return false;
        }

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        var applications = await db.Applications.AsNoTracking().Where(a => a.MemberId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var applicationIds = applications.Select(a => a.Id).ToList();
        var withdrawals = await db.Withdrawals.AsNoTracking().Where(w => w.MemberId == id).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        var withdrawalIds = withdrawals.Select(w => w.Id).ToList();
        var meetings = await (from r in db.VoterRoll.AsNoTracking()
                              join m in db.Meetings.AsNoTracking() on r.MeetingId equals m.Id
                              where r.MemberId == id
                              orderby m.Id
                              select new { Meeting = m.Title, m.Kind, r.VotedBy }).ToListAsync(cancellationToken);

        var data = new
        {
            Made = Now,
            About = "Everything the society holds about you: the register's entry, your shares and their history, applications, certificates, withdrawals, transfers, nominations, contact records, meetings and the audit trail of changes to your record. Ballots are secret: only whether you voted is held against your name.",
            Login = new { login.Email, login.TwoFactorEnabled, login.LockoutEnd },
            Member = member,
            Holdings = await db.Holdings.AsNoTracking().Where(h => h.MemberId == id).ToListAsync(cancellationToken),
            Ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == id).OrderBy(e => e.EffectiveDate).ThenBy(e => e.Id).ToListAsync(cancellationToken),
            Applications = applications,
            ApplicationPayments = await db.ApplicationPayments.AsNoTracking().Where(p => applicationIds.Contains(p.ApplicationId)).OrderBy(p => p.Id).ToListAsync(cancellationToken),
            ApplicationEvents = await db.ApplicationEvents.AsNoTracking().Where(e => applicationIds.Contains(e.ApplicationId)).OrderBy(e => e.Id).ToListAsync(cancellationToken),
            Certificates = await db.Certificates.AsNoTracking().Where(c => c.MemberId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken),
            Withdrawals = withdrawals,
            WithdrawalSteps = await db.WithdrawalSteps.AsNoTracking().Where(s => withdrawalIds.Contains(s.WithdrawalRequestId)).OrderBy(s => s.Id).ToListAsync(cancellationToken),
            Transfers = await db.Transfers.AsNoTracking().Where(t => t.FromMemberId == id || t.ToMemberId == id).OrderBy(t => t.Id).ToListAsync(cancellationToken),
            Nominations = await db.Nominations.AsNoTracking().Where(n => n.MemberId == id).OrderBy(n => n.Id).ToListAsync(cancellationToken),
            ContactRecords = await db.ContactFailures.AsNoTracking().Where(c => c.MemberId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken),
            DebtsOwedToYou = await db.MemberDebts.AsNoTracking().Where(d => d.MemberId == id).OrderBy(d => d.Id).ToListAsync(cancellationToken),
            Meetings = meetings,
            AuditTrail = await db.AuditEvents.AsNoTracking().Where(e => e.MemberId == id).OrderBy(e => e.Id)
                .Select(e => new { At = e.OccurredAt, e.ActorName, e.Action, e.Summary, e.Before, e.After }).ToListAsync(cancellationToken),
        };

        await JsonSerializer.SerializeAsync(output, data, Json, cancellationToken);
        await using (var audit = await contexts.CreateDbContextAsync(cancellationToken))
        {
            AuditTrail.Add(audit, actor, Now, "member.data-downloaded", "Member", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Member {member.MemberNumber} downloaded everything held about them.", memberId: id);
            await audit.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    // Hashes (of status links, verification) and concurrency versions are the database's own bookkeeping.
    private static void LeaveOutInternals(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            var name = type.Properties[i].Name;
            if (name.EndsWith("Hash", StringComparison.Ordinal) || name is "Version" or "ConcurrencyToken")
            {
                type.Properties.RemoveAt(i);
            }
        }
    }
}
