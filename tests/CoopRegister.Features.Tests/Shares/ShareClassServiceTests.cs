using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Shares;
using CoopRegister.Features.Tests.Infrastructure;
using static CoopRegister.Features.Tests.Infrastructure.Applicants;

namespace CoopRegister.Features.Tests.Shares;

public abstract class ShareClassServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private ShareClassService Classes => Host.Get<ShareClassService>();

    private static ShareClassForm UnionClass()
    {
        var form = new ShareClassForm { Code = "tu", Name = "Trade union shares", NominalValuePounds = "100.00", MinimumHoldingShares = "0", MaximumHoldingPounds = "100000" };
        form.Kinds.Clear();
        form.Kinds.UnionWith([MemberKind.Nominee, MemberKind.Corporate]);
        return form;
    }

    [Fact]
    public async Task Setup_creates_the_ordinary_class_from_the_settings_and_it_follows_them()
    {
        var admin = await Host.SetUpSocietyAsync();
        var ordinary = Assert.Single(await Classes.ListAsync(admin, Cancel));
        Assert.Equal("ORD", ordinary.Code);
        Assert.Equal(new Money(100), ordinary.NominalValue);
        Assert.Equal(MemberKinds.All, ordinary.Kinds);

        var settings = Host.Get<CoopRegister.Features.Society.SocietyService>();
        var view = (await settings.GetAsync(Cancel))!;
        await settings.UpdateAsync(admin, view.Details with { MinimumHoldingShares = 5, MaximumHoldingPence = 20_000_00 }, view.Version, Cancel);

        var after = Assert.Single(await Classes.ListAsync(admin, Cancel));
        Assert.Equal(5, after.MinimumHoldingShares);
        Assert.Equal(new Money(20_000_00), after.MaximumHolding);
    }

    [Fact]
    public async Task A_class_only_organisations_may_hold_refuses_an_individual()
    {
        var admin = await Host.SetUpSocietyAsync();
        var id = await Classes.CreateAsync(admin, UnionClass(), Cancel);
        var applications = Host.Get<ApplicationService>();

        var person = Individual(shares: 2);
        person.ShareClassId = id;
        var ex = await Assert.ThrowsAsync<DomainException>(() => applications.SubmitAsync(person, Site, Cancel));
        Assert.Contains("may not be held by a member of kind 'Individual'", ex.Message, StringComparison.Ordinal);

        var branch = UnionBranch(200);
        branch.ShareClassId = id;
        var ok = await applications.SubmitAsync(branch, Site, Cancel);
        Assert.Equal(new Money(20_000_00), ok.Amount);
    }

    [Fact]
    public async Task The_nominal_value_of_an_issued_class_cannot_change()
    {
        var admin = await Host.SetUpSocietyAsync();
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        var id = await Classes.CreateAsync(admin, UnionClass(), Cancel);
        var applications = Host.Get<ApplicationService>();
        var branch = UnionBranch(3);
        branch.ShareClassId = id;
        var s = await applications.SubmitAsync(branch, Site, Cancel);
        var today = DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime);
        await applications.RecordPaymentAsync(registrar, s.Id, s.Amount.Pence, today, PaymentMethod.BankTransfer, null, Cancel);
        await applications.AllotAsync(registrar, [s.Id], today, Site, Cancel);

        var row = (await Classes.ListAsync(admin, Cancel)).Single(c => c.Id == id);
        Assert.Equal(3, row.SharesIssued);
        var form = ShareClassForm.From(row);
        form.NominalValuePounds = "50.00";
        var ex = await Assert.ThrowsAsync<DomainException>(() => Classes.UpdateAsync(admin, id, form, row.Version, Cancel));
        Assert.Contains("shares stay at par", ex.Message, StringComparison.Ordinal);

        var settings = Host.Get<CoopRegister.Features.Society.SocietyService>();
        var view = (await settings.GetAsync(Cancel))!;
        await settings.UpdateAsync(admin, view.Details with { ShareNominalValuePence = 200 }, view.Version, Cancel);
        var ordinaryStill = Assert.Single(await Classes.ListAsync(admin, Cancel), c => c.IsOrdinary);
        Assert.Equal(new Money(200), ordinaryStill.NominalValue);
    }

    [Fact]
    public async Task A_class_above_the_statutory_cap_is_refused_and_only_administrators_manage_classes()
    {
        var admin = await Host.SetUpSocietyAsync();
        var form = UnionClass();
        form.MaximumHoldingPounds = "250000";
        var ex = await Assert.ThrowsAsync<DomainException>(() => Classes.CreateAsync(admin, form, Cancel));
        Assert.Contains("Act s.24", ex.Message, StringComparison.Ordinal);

        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Classes.CreateAsync(registrar, UnionClass(), Cancel));
    }
}

public sealed class ShareClassServiceTestsOnSqlite() : ShareClassServiceTests(DatabaseProvider.Sqlite);

public sealed class ShareClassServiceTestsOnPostgres() : ShareClassServiceTests(DatabaseProvider.Postgres);
