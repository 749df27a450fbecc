using System.Net;
using CoopRegister.Data.Identity;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Officers;
using Microsoft.AspNetCore.Identity;

namespace CoopRegister.Web.Tests.Officers;

/// <summary>The register of officers (registrar) and the list of serving officers (members and staff), as each login receives them.</summary>
public sealed class OfficerPageTests : WebTestBase
{
    private async Task ArrangeAsync()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        using var scope = Factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("registrar@example.org");
        var registrar = new Actor(user!.Id, "registrar@example.org", [Roles.Registrar], SignedInWithTwoFactors: true);
        var officers = scope.ServiceProvider.GetRequiredService<OfficerService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await officers.AppointAsync(registrar, new OfficerForm
        {
            Name = "Rosa Kerr", Address = "3 Mill Lane\nLeeds LS1 4AP", Office = "Secretary", DateOfBirth = new DateOnly(1970, 2, 3), AppointedOn = today,
        }, Cancel);
        var past = await officers.AppointAsync(registrar, new OfficerForm
        {
            Name = "Tom Mann", Address = "1 High Street\nLondon E1 1AA", Office = "Treasurer", DateOfBirth = new DateOnly(1960, 1, 1), AppointedOn = today.AddYears(-1),
        }, Cancel);
        var version = (await officers.ListAsync(registrar, Cancel)).Single(o => o.Id == past).Version;
        await officers.CeaseAsync(registrar, past, today, "Resigned", version, Cancel);
    }

    [Fact]
    public async Task A_member_sees_who_serves_now_without_addresses_but_cannot_open_the_register_of_officers()
    {
        await ArrangeAsync();
        await CreateLoginAsync("member@example.org", Roles.Member);
        var session = NewSession();
        await session.SignInAsync("member@example.org", Password);

        var page = await ReadDecodedAsync(session, "/officers");

        Assert.Contains("id=\"serving-officers\"", page, StringComparison.Ordinal);
        Assert.Contains("Rosa Kerr", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Mann", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Mill Lane", page, StringComparison.Ordinal);
        var register = await session.GetAsync("/register/officers");
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", register.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_the_serving_officers_and_only_the_registrar_is_offered_the_changes()
    {
        await ArrangeAsync();
        await CreateLoginAsync("teller@example.org", Roles.Teller);
        await CreateLoginAsync("auditor@example.org", Roles.Auditor);
        var teller = NewSession();
        await teller.SignInAsync("teller@example.org", Password);
        var auditor = NewSession();
        await auditor.SignInAsync("auditor@example.org", Password);
        var registrar = NewSession();
        await registrar.SignInAsync("registrar@example.org", Password);

        Assert.Contains("Rosa Kerr", await ReadDecodedAsync(teller, "/officers"), StringComparison.Ordinal);
        var read = await ReadDecodedAsync(auditor, "/register/officers");
        Assert.Contains("Tom Mann", read, StringComparison.Ordinal);
        Assert.Contains("Resigned", read, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"appoint-officer\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cease-", read, StringComparison.Ordinal);
        var write = await ReadDecodedAsync(registrar, "/register/officers");
        Assert.Contains("id=\"appoint-officer\"", write, StringComparison.Ordinal);
        Assert.Contains("id=\"cease-", write, StringComparison.Ordinal);
    }
}
