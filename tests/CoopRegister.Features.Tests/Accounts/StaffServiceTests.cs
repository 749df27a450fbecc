using System.Text.RegularExpressions;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Accounts;

public abstract partial class StaffServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private static readonly Uri Site = new("http://register.example.org/");

    private StaffService Staff => Host.Get<StaffService>();

    private (string UserId, string Code) LinkParts()
    {
        var mail = File.ReadAllText(Host.OutboxFiles().Last()).Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        var m = AcceptLink().Match(mail);
        Assert.True(m.Success, mail);
        return (Uri.UnescapeDataString(m.Groups[1].Value), m.Groups[2].Value);
    }

    [Fact]
    public async Task An_invited_registrar_gets_a_mail_accepts_it_and_holds_the_role()
    {
        var admin = await Host.SetUpSocietyAsync();

        var result = await Staff.InviteAsync(admin, new StaffInvitation("reg@example.org", "Rhiannon", [Roles.Registrar]), Site, Cancel);

        Assert.True(result.MailSent);
        var (userId, code) = LinkParts();
        Assert.Equal(result.UserId, userId);
        var invitations = Host.Get<InvitationService>();
        var pending = await invitations.FindAsync(userId, code, Cancel);
        Assert.Equal("reg@example.org", pending!.Email);

        Assert.Equal("reg@example.org", await invitations.AcceptAsync(userId, code, "a long registrar passphrase", Cancel));

        Assert.Null(await invitations.FindAsync(userId, code, Cancel));
        await Assert.ThrowsAsync<DomainException>(() => invitations.AcceptAsync(userId, code, "another long passphrase", Cancel));
        var rows = await Staff.ListAsync(admin, Cancel);
        var row = Assert.Single(rows, r => r.Email == "reg@example.org");
        Assert.True(row.Accepted);
        Assert.Equal([Roles.Registrar], row.Roles);
    }

    [Fact]
    public async Task An_invitation_link_expires_after_seven_days()
    {
        var admin = await Host.SetUpSocietyAsync();
        await Staff.InviteAsync(admin, new StaffInvitation("t@example.org", "Teller", [Roles.Teller]), Site, Cancel);
        var (userId, code) = LinkParts();

        Host.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.Null(await Host.Get<InvitationService>().FindAsync(userId, code, Cancel));
    }

    [Fact]
    public async Task Inviting_with_no_role_a_bad_address_or_an_existing_login_is_refused()
    {
        var admin = await Host.SetUpSocietyAsync();

        var ex = await Assert.ThrowsAsync<DomainException>(() => Staff.InviteAsync(admin, new StaffInvitation("nope", "", []), Site, Cancel));
        Assert.Equal(new HashSet<string?> { "Email", "DisplayName", "Roles" }, ex.Violations.Select(v => v.Field).ToHashSet());

        var dup = await Assert.ThrowsAsync<DomainException>(() =>
            Staff.InviteAsync(admin, new StaffInvitation("admin@example.org", "Again", [Roles.Auditor]), Site, Cancel));
        Assert.Contains("already has a login", dup.Message, StringComparison.Ordinal);

        var member = await Assert.ThrowsAsync<DomainException>(() =>
            Staff.InviteAsync(admin, new StaffInvitation("m@example.org", "Member", [Roles.Member]), Site, Cancel));
        Assert.Contains("not a staff role", member.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_administrator_may_invite()
    {
        await Host.SetUpSocietyAsync();
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Staff.InviteAsync(registrar, new StaffInvitation("x@example.org", "X", [Roles.Administrator]), Site, Cancel));
        await using var db = Host.NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "x@example.org", Cancel));
    }

    [Fact]
    public async Task The_last_administrator_keeps_the_role_and_cannot_be_locked()
    {
        var admin = await Host.SetUpSocietyAsync();
        var other = await Host.CreateLoginAsync("aud@example.org", Roles.Auditor);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Staff.SetRolesAsync(admin, admin.UserId!, [Roles.Registrar], Cancel));
        Assert.Contains("only administrator", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => Staff.SetLockedAsync(admin, admin.UserId!, true, Cancel));

        await Staff.SetRolesAsync(admin, other.UserId!, [Roles.Auditor, Roles.Administrator], Cancel);
        await Staff.SetRolesAsync(admin, admin.UserId!, [Roles.Registrar], Cancel);
        Assert.Equal([Roles.Registrar], (await Host.ActorForAsync("admin@example.org")).Roles);
    }

    [Fact]
    public async Task A_locked_out_administrator_can_no_longer_act()
    {
        var admin = await Host.SetUpSocietyAsync();
        var second = await Host.CreateLoginAsync("second@example.org", Roles.Administrator);

        await Staff.SetLockedAsync(admin, second.UserId!, true, Cancel);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Staff.ListAsync(second, Cancel));
        var rows = await Staff.ListAsync(admin, Cancel);
        Assert.True(rows.Single(r => r.Email == "second@example.org").Locked);
        await Staff.SetLockedAsync(admin, second.UserId!, false, Cancel);
        Assert.NotEmpty(await Staff.ListAsync(second, Cancel));
    }

    [Fact]
    public async Task Role_changes_and_locks_are_audited()
    {
        var admin = await Host.SetUpSocietyAsync();
        var other = await Host.CreateLoginAsync("t@example.org", Roles.Teller);
        await Staff.SetRolesAsync(admin, other.UserId!, [Roles.Teller, Roles.ReturningOfficer], Cancel);
        await Staff.SetLockedAsync(admin, other.UserId!, true, Cancel);

        await using var db = Host.NewContext();
        var actions = await db.AuditEvents.Where(e => e.SubjectId == other.UserId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel);
        Assert.Equal(["staff.roles-changed", "staff.locked"], actions);
    }

    [GeneratedRegex(@"AcceptInvitation\?userId=([^&\s]+)&code=([A-Za-z0-9_\-]+)")]
    private static partial Regex AcceptLink();
}

public sealed class StaffServiceTestsOnSqlite() : StaffServiceTests(DatabaseProvider.Sqlite);

public sealed class StaffServiceTestsOnPostgres() : StaffServiceTests(DatabaseProvider.Postgres);
