using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Portal;

/// <summary>What a member may change themselves: how to reach them and what they agree to receive.</summary>
public sealed class ContactForm
{
    public string Address { get; set; } = "";
    public string Postcode { get; set; } = "";
    public string Country { get; set; } = PersonDetails.UnitedKingdom;
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public bool NoticesByEmail { get; set; }
    public bool MarketingConsent { get; set; }

    public static ContactForm From(MemberDetailsView member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new ContactForm
        {
            Address = member.Details.Address,
            Postcode = member.Details.Postcode,
            Country = member.Details.Country,
            Email = member.Details.Email ?? "",
            Phone = member.Details.Phone ?? "",
            NoticesByEmail = member.Details.NoticesByEmail,
            MarketingConsent = member.MarketingConsent,
        };
    }
}

/// <summary>
/// The member's own portal. Every method finds the member from the login itself (never from an identifier the page
/// passes), so no member can reach another member's record (Act s.103: a member may inspect their own account).
/// </summary>
public sealed class PortalService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The member's holding, history, applications and details; null when the login has no member record.</summary>
    public async Task<MemberDetailsView?> GetMineAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var memberId = await MemberIdOfAsync(db, actor, cancellationToken);
        return memberId is { } id ? await MemberService.LoadViewAsync(db, id, includeAudit: false, cancellationToken) : null;
    }

    /// <summary>Changes the member's own address, e-mail, phone and consents; the change and its date go into the audit trail.</summary>
    public async Task<long> UpdateMyContactAsync(Actor actor, ContactForm form, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.MemberPortal, Now, cancellationToken);
        var memberId = await MemberIdOfAsync(db, actor, cancellationToken) ?? throw new AccessDeniedException("Your login is not linked to a member record.");
        var current = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.Details).SingleAsync(cancellationToken);
        var details = current with
        {
            Address = form.Address,
            Postcode = form.Postcode,
            Country = form.Country,
            Email = form.Email,
            Phone = form.Phone,
            NoticesByEmail = form.NoticesByEmail,
        };
        return await MemberService.ChangeDetailsAsync(db, actor, memberId, details, form.MarketingConsent, expectedVersion, Now, cancellationToken);
    }

    private static Task<long?> MemberIdOfAsync(RegisterDbContext db, Actor actor, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == actor.UserId).Select(u => u.MemberId).SingleOrDefaultAsync(cancellationToken);
}
