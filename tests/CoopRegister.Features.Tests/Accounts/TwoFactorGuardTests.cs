using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Features.Tests.Accounts;

/// <summary>
/// quality.md: officers use two-factor authentication. The services' own check (AccessGuard) refuses a staff login
/// whose sign-in was not two-factor, whatever page or endpoint let the call through; members and the command line are
/// not asked. An administrator's reset of a lost authenticator is audited and forgets every second factor.
/// </summary>
public abstract class TwoFactorGuardTests(DatabaseProvider provider) : RegisterTest(provider)
{
    [Fact]
    public async Task Staff_without_a_two_factor_sign_in_are_refused_and_with_one_are_let_through()
    {
        await Host.SetUpSocietyAsync();
        await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        var withOne = await Host.ActorForAsync("reg@example.org", twoFactor: false);
        var withTwo = await Host.ActorForAsync("reg@example.org");
        await using var db = Host.NewContext();
        var now = Host.Clock.GetUtcNow().UtcDateTime;

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => AccessGuard.RequireAsync(db, withOne, Permissions.WriteRegister, now, Cancel));
        Assert.Contains("two factors", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => AccessGuard.RequireAsync(db, withOne, Permissions.ReadRegister, now, Cancel));
        await AccessGuard.RequireAsync(db, withTwo, Permissions.WriteRegister, now, Cancel);
        await AccessGuard.RequireAsync(db, Actor.CommandLine("operator"), Permissions.WriteRegister, now, Cancel);

        // Roles the actor merely claims count for nothing: a two-factor member is still not a registrar.
        await Host.CreateLoginAsync("member@example.org", Roles.Member);
        var member = await Host.ActorForAsync("member@example.org", twoFactor: false) with { Roles = [Roles.Registrar] };
        var noRole = await Assert.ThrowsAsync<AccessDeniedException>(() => AccessGuard.RequireAsync(db, member, Permissions.WriteRegister, now, Cancel));
        Assert.Contains("Registrar role", noRole.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_only_login_is_not_asked_for_two_factors_but_a_member_who_is_also_staff_is_outside_the_portal()
    {
        await Host.SetUpSocietyAsync();
        await Host.CreateLoginAsync("member@example.org", Roles.Member);
        await Host.CreateLoginAsync("both@example.org", Roles.Member, Roles.Teller);
        await using var db = Host.NewContext();
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        var member = await Host.ActorForAsync("member@example.org", twoFactor: false);
        var both = await Host.ActorForAsync("both@example.org", twoFactor: false);

        await AccessGuard.RequireAsync(db, member, Permissions.MemberPortal, now, Cancel);
        await AccessGuard.RequireAsync(db, member, Permissions.MeetingResults, now, Cancel);
        await AccessGuard.RequireAsync(db, both, Permissions.MemberPortal, now, Cancel);
        await Assert.ThrowsAsync<AccessDeniedException>(() => AccessGuard.RequireAsync(db, both, Permissions.RunMeetings, now, Cancel));
    }

    [Fact]
    public async Task An_administrator_resets_a_lost_authenticator_with_an_audit_event_and_nobody_else_may()
    {
        var admin = await Host.SetUpSocietyAsync();
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        var staff = Host.Get<StaffService>();
        string oldKey, oldStamp;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(registrar.UserId!))!;
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            oldKey = (await users.GetAuthenticatorKeyAsync(user))!;
            oldStamp = (await users.GetSecurityStampAsync(user))!;
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => staff.ResetAuthenticatorAsync(registrar, registrar.UserId!, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            staff.ResetAuthenticatorAsync(admin with { SignedInWithTwoFactors = false }, registrar.UserId!, Cancel));

        await staff.ResetAuthenticatorAsync(admin, registrar.UserId!, Cancel);

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(registrar.UserId!))!;
            Assert.False(await users.GetTwoFactorEnabledAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
            Assert.NotEqual(oldKey, await users.GetAuthenticatorKeyAsync(user));
            Assert.NotEqual(oldStamp, await users.GetSecurityStampAsync(user));
        }

        await using var db = Host.NewContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "staff.authenticator-reset", Cancel);
        Assert.Equal(admin.UserId, audit.ActorUserId);
        Assert.Equal(registrar.UserId, audit.SubjectId);
        Assert.Contains("\"RecoveryCodesLeft\":10", audit.Before!, StringComparison.Ordinal);
        Assert.False((await staff.ListAsync(admin, Cancel)).Single(r => r.Email == "reg@example.org").TwoFactor);

        // Nothing left to reset: said so rather than written again.
        await Assert.ThrowsAsync<DomainException>(() => staff.ResetAuthenticatorAsync(admin, registrar.UserId!, Cancel));
    }
}

public sealed class TwoFactorGuardTestsOnSqlite() : TwoFactorGuardTests(DatabaseProvider.Sqlite);

public sealed class TwoFactorGuardTestsOnPostgres() : TwoFactorGuardTests(DatabaseProvider.Postgres);
