using System.Net;
using CoopRegister.Data.Identity;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Registration;
using CoopRegister.Features.Society;
using Microsoft.AspNetCore.Identity;

namespace CoopRegister.Web.Tests.Transfers;

/// <summary>The transfers page as each kind of login receives it (server-rendered, before the live connection attaches).</summary>
public sealed class TransferPageTests : WebTestBase
{
    private static readonly Uri Site = new("http://register.example.org/");

    private async Task<Actor> ActorAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        return new Actor(user!.Id, email, (await users.GetRolesAsync(user)).ToList(), SignedInWithTwoFactors: true);
    }

    /// <summary>A society whose rules allow transfers (or not), a registrar, and one member; returns the member's id.</summary>
    private async Task<long> ArrangeAsync(bool transferable)
    {
        var admin = await ActorAsync(await SetUpSocietyAsync());
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var registrar = await ActorAsync("registrar@example.org");
        using var scope = Factory.Services.CreateScope();
        var societies = scope.ServiceProvider.GetRequiredService<SocietyService>();
        var view = await societies.GetAsync(Cancel);
        await societies.UpdateAsync(admin, view!.Details with { SharesTransferable = transferable }, view.Version, Cancel);
        var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var form = new ApplicationForm
        {
            Kind = MemberKind.Individual, Name = "Zoë Ó Briain", Address = "12 Beachy Road\nLondon", Postcode = "E3 2NS", Email = "zoe@example.org",
            DateOfBirth = new DateOnly(1980, 5, 17), Shares = 50, DeclarationsAccepted = true,
        };
        var submitted = await applications.SubmitAsync(form, Site, Cancel);
        await applications.RecordPaymentAsync(registrar, submitted.Id, submitted.Amount.Pence, today, PaymentMethod.BankTransfer, null, Cancel);
        return (await applications.AllotAsync(registrar, [submitted.Id], today, Site, Cancel)).Lines.Single().MemberId;
    }

    [Fact]
    public async Task A_member_cannot_open_the_transfers_page()
    {
        await ArrangeAsync(transferable: true);
        await CreateLoginAsync("member@example.org", Roles.Member);
        var session = NewSession();
        await session.SignInAsync("member@example.org", Password);

        var response = await session.GetAsync("/register/transfers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registrar_is_offered_the_transfer_form_from_the_members_page_and_an_auditor_only_the_list()
    {
        var memberId = await ArrangeAsync(transferable: true);
        await CreateLoginAsync("auditor@example.org", Roles.Auditor);
        var registrar = NewSession();
        await registrar.SignInAsync("registrar@example.org", Password);
        var auditor = NewSession();
        await auditor.SignInAsync("auditor@example.org", Password);

        var memberPage = await ReadDecodedAsync(registrar, $"/register/members/{memberId}");
        Assert.Contains("href=\"register/transfers?from=1\"", memberPage, StringComparison.Ordinal);
        var form = await ReadDecodedAsync(registrar, "/register/transfers?from=1");
        Assert.Contains("id=\"record-transfer\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"transfer-from\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"1\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"no-transfers\"", form, StringComparison.Ordinal);

        var list = await ReadDecodedAsync(auditor, "/register/transfers");
        Assert.DoesNotContain("id=\"record-transfer\"", list, StringComparison.Ordinal);
        Assert.Contains("id=\"no-transfers\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_the_rules_allow_no_transfers_the_page_says_so_and_offers_no_form()
    {
        await ArrangeAsync(transferable: false);
        var registrar = NewSession();
        await registrar.SignInAsync("registrar@example.org", Password);

        var page = await ReadDecodedAsync(registrar, "/register/transfers");

        Assert.Contains("id=\"no-transferable-class\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"record-transfer\"", page, StringComparison.Ordinal);
    }
}
