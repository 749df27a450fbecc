using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Officers;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Officers;

/// <summary>
/// The register of officers (Act s.30(3); domain rule 2): officers and committee members with the office held and the
/// dates appointed and ceased, end-dated and never deleted. It is part of the statutory register the registrar keeps at
/// the registered office, so keeping it needs <see cref="Permissions.WriteRegister"/>, like the register of members.
/// No person under 16 may be appointed (domain rule 9). Members and staff may see who serves now.
/// </summary>
public sealed class OfficerService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Every entry, serving officers first, for the registrar's page.</summary>
    public async Task<IReadOnlyList<OfficerRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ReadRegister, Now, cancellationToken);
        var rows = await db.Officers.AsNoTracking()
            .Select(o => new
            {
                o.Id, o.Name, o.Address, o.Office, o.MemberId, o.AppointedOn, o.CeasedOn, o.CeasedReason,
                MemberNumber = db.Members.Where(m => m.Id == o.MemberId).Select(m => (long?)m.MemberNumber).FirstOrDefault(),
                Version = EF.Property<long>(o, RegisterDbContext.VersionProperty),
            }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CeasedOn is not null).ThenByDescending(r => r.CeasedOn).ThenBy(r => r.AppointedOn).ThenBy(r => r.Id)
            .Select(r => new OfficerRow(r.Id, r.Name, r.Address, r.Office, r.MemberId, r.MemberNumber, r.AppointedOn, r.CeasedOn, r.CeasedReason, r.Version)).ToList();
    }

    /// <summary>Who serves today, for the page members and staff can see.</summary>
    public async Task<IReadOnlyList<ServingOfficer>> ServingAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.SeeOfficers, Now, cancellationToken);
        var today = Today;
        return await db.Officers.AsNoTracking()
            .Where(o => o.AppointedOn <= today && (o.CeasedOn == null || o.CeasedOn > today))
            .OrderBy(o => o.Office).ThenBy(o => o.Name)
            .Select(o => new ServingOfficer(o.Name, o.Office, o.AppointedOn))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Enters an appointment in the register and returns its id.</summary>
    public async Task<long> AppointAsync(Actor actor, OfficerForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var appointedOn = form.AppointedOn ?? throw new DomainException("AppointedOn", "Give the date of appointment.");
        string name = form.Name, address = form.Address;
        var dateOfBirth = form.DateOfBirth;
        long? memberId = null;
        if (form.MemberNumber is { } number)
        {
            var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.MemberNumber == number, cancellationToken)
                ?? throw new DomainException("MemberNumber", $"There is no member number {number}.");
            if (!member.IsMemberOn(appointedOn))
            {
                throw new DomainException("MemberNumber", member.DateCeased is { } ceased && ceased <= appointedOn
                    ? $"Member {number} ceased on {ceased:yyyy-MM-dd}; leave the member number empty to appoint a person who is not a member."
                    : $"Member {number} joined on {member.DateEntered:yyyy-MM-dd}, after {appointedOn:yyyy-MM-dd}.");
            }

            memberId = member.Id;
            name = string.IsNullOrWhiteSpace(name) ? member.Details.Name : name;
            address = string.IsNullOrWhiteSpace(address) ? string.Join("\n", new[] { member.Details.Address, member.Details.Postcode }.Where(s => !string.IsNullOrWhiteSpace(s))) : address;
            dateOfBirth ??= member.Details.DateOfBirth;
        }

        var officer = Officer.Appoint(name, address, form.Office, dateOfBirth, memberId, appointedOn, Today, Now);
        var serving = await db.Officers.AsNoTracking()
            .Where(o => o.Office == officer.Office && o.CeasedOn == null && (memberId != null ? o.MemberId == memberId : o.Name == officer.Name))
            .Select(o => (DateOnly?)o.AppointedOn).FirstOrDefaultAsync(cancellationToken);
        if (serving is { } since)
        {
            throw new DomainException("Office", $"{officer.Name} already serves as {officer.Office} (appointed {since:yyyy-MM-dd}); record the end of that appointment first.");
        }

        db.Officers.Add(officer);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "officer.appointed", "Officer", Id(officer.Id),
            $"{officer.Name} appointed {officer.Office} on {appointedOn:yyyy-MM-dd}.", null,
            new { officer.Name, officer.Address, officer.Office, officer.AppointedOn, officer.MemberId }, memberId);
        await db.SaveChangesAsync(cancellationToken);
        return officer.Id;
    }

    /// <summary>Records the end of an appointment; the entry stays in the register, end-dated.</summary>
    public async Task CeaseAsync(Actor actor, long officerId, DateOnly ceasedOn, string reason, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.WriteRegister, Now, cancellationToken);
        var officer = await db.Officers.SingleOrDefaultAsync(o => o.Id == officerId, cancellationToken)
            ?? throw new DomainException("This entry in the register of officers no longer exists.");
        if (ceasedOn > Today)
        {
            throw new DomainException("CeasedOn", $"The date ceased ({ceasedOn:yyyy-MM-dd}) is in the future; record it on the day.");
        }

        var version = db.Entry(officer).Property(RegisterDbContext.VersionProperty);
        if (!Equals(version.CurrentValue, expectedVersion))
        {
            throw new ConflictException($"The entry for {officer.Name} was changed by someone else while you worked on it. Reload the register of officers.");
        }

        version.OriginalValue = expectedVersion;
        officer.Cease(ceasedOn, reason);
        AuditTrail.Add(db, actor, Now, "officer.ceased", "Officer", Id(officer.Id),
            $"{officer.Name} ceased as {officer.Office} on {ceasedOn:yyyy-MM-dd} ({officer.CeasedReason}).", new { CeasedOn = (DateOnly?)null },
            new { officer.CeasedOn, officer.CeasedReason }, officer.MemberId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException($"The entry for {officer.Name} was changed by someone else while you worked on it. Reload the register of officers.", ex);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
