using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Features.Access;
using CoopRegister.Features.Society;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Society;

public abstract class SocietyServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    [Fact]
    public async Task An_administrator_changes_the_settings_and_the_change_is_audited()
    {
        var admin = await Host.SetUpSocietyAsync();
        var service = Host.Get<SocietyService>();
        var view = await service.GetAsync(Cancel);
        Assert.NotNull(view);

        await service.UpdateAsync(admin, view.Details with { NoticeClearDays = 21, MinimumHoldingShares = 5 }, view.Version, Cancel);

        var after = await service.GetAsync(Cancel);
        Assert.Equal(21, after!.Details.NoticeClearDays);
        Assert.Equal(5, after.Details.MinimumHoldingShares);
        await using var db = Host.NewContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "society.updated", Cancel);
        Assert.Equal(admin.UserId, audit.ActorUserId);
        Assert.Contains("\"NoticeClearDays\":14", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"NoticeClearDays\":21", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_holding_cap_above_the_statutory_100000_pounds_is_refused_naming_the_Act()
    {
        var admin = await Host.SetUpSocietyAsync();
        var service = Host.Get<SocietyService>();
        var view = (await service.GetAsync(Cancel))!;

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            service.UpdateAsync(admin, view.Details with { MaximumHoldingPence = 120_000_00 }, view.Version, Cancel));

        var violation = Assert.Single(ex.Violations);
        Assert.Equal("MaximumHoldingPence", violation.Field);
        Assert.Contains("£100,000", violation.Message, StringComparison.Ordinal);
        Assert.Contains("Act s.24", violation.Message, StringComparison.Ordinal);
        Assert.Contains("£120,000.00", violation.Message, StringComparison.Ordinal);
        Assert.Equal(100_000_00, (await service.GetAsync(Cancel))!.Details.MaximumHoldingPence);
    }

    [Fact]
    public async Task Two_administrators_saving_from_the_same_form_version_the_second_is_told_to_reload()
    {
        var admin = await Host.SetUpSocietyAsync();
        var service = Host.Get<SocietyService>();
        var view = (await service.GetAsync(Cancel))!;

        await service.UpdateAsync(admin, view.Details with { NoticeClearDays = 20 }, view.Version, Cancel);
        var ex = await Assert.ThrowsAsync<ConflictException>(() =>
            service.UpdateAsync(admin, view.Details with { NoticeClearDays = 30 }, view.Version, Cancel));

        Assert.Contains("Reload", ex.Message, StringComparison.Ordinal);
        Assert.Equal(20, (await service.GetAsync(Cancel))!.Details.NoticeClearDays);
    }

    [Fact]
    public async Task A_registrar_cannot_change_the_settings()
    {
        await Host.SetUpSocietyAsync();
        var registrar = await Host.CreateLoginAsync("reg@example.org", RegisterTestHost.As.Registrar);
        var service = Host.Get<SocietyService>();
        var view = (await service.GetAsync(Cancel))!;

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            service.UpdateAsync(registrar, view.Details with { NoticeClearDays = 1 }, view.Version, Cancel));
        Assert.Equal(14, (await service.GetAsync(Cancel))!.Details.NoticeClearDays);
    }

    [Fact]
    public async Task A_login_claiming_the_administrator_role_it_no_longer_has_is_refused()
    {
        await Host.SetUpSocietyAsync();
        var auditor = await Host.CreateLoginAsync("aud@example.org", RegisterTestHost.As.Auditor);
        var forged = auditor with { Roles = [RegisterTestHost.As.Administrator] };
        var service = Host.Get<SocietyService>();
        var view = (await service.GetAsync(Cancel))!;

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.UpdateAsync(forged, view.Details, view.Version, Cancel));
    }
}

public sealed class SocietyServiceTestsOnSqlite() : SocietyServiceTests(DatabaseProvider.Sqlite);

public sealed class SocietyServiceTestsOnPostgres() : SocietyServiceTests(DatabaseProvider.Postgres);
