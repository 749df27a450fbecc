using System.Net;
using CoopRegister.Domain.Accounts;
using CoopRegister.Testing;

namespace CoopRegister.Web.Tests;

/// <summary>The register's figures over time: a picture and a table for staff who read the register, nothing for members.</summary>
public sealed class RegisterOverviewTests : WebTestBase
{
    private const string Registrar = "registrar@example.org";
    private const string Aoife = "aoife@example.org";

    [Fact]
    public async Task A_registrar_sees_members_and_capital_at_each_year_end_and_a_member_is_refused()
    {
        await SetUpSocietyAsync();
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, Registrar, Password, Roles.Registrar);
        var site = Factory.Server.BaseAddress;
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", Aoife, shares: 40), site), site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Aoife, Password);

        var staff = await SignedInAsync(Registrar);
        Assert.Contains("href=\"register/overview\"", await ReadAsync(staff, "/register"), StringComparison.Ordinal);
        var page = await ReadDecodedAsync(staff, "/register/overview");
        Assert.Contains("id=\"members-chart\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"capital-chart\"", page, StringComparison.Ordinal);
        Assert.Contains("(today)", page, StringComparison.Ordinal);
        Assert.Contains("£40.00", page, StringComparison.Ordinal);
        Assert.Contains("Highest: 1", page, StringComparison.Ordinal);

        var member = await (await SignedInAsync(Aoife)).GetAsync("/register/overview");
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", member.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
