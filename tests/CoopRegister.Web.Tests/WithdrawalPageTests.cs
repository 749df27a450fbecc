using System.Net;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Withdrawals;
using CoopRegister.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Web.Tests;

/// <summary>
/// The withdrawal pages as each role reaches them: a member sees only their own notices whatever the address says, the
/// queue is for those who read the register (writing needs a registrar), and the board's settings are for administrators.
/// </summary>
public sealed class WithdrawalPageTests : WebTestBase
{
    private Uri Site => Factory.Server.BaseAddress;

    [Fact]
    public async Task A_member_sees_their_own_notices_and_never_another_members_whatever_the_address_says()
    {
        var (_, aoife, bart, bartsNotice) = await ArrangeAsync();
        var session = NewSession();
        await session.SignInAsync("aoife@example.org", Password);

        foreach (var route in new[] { "/my/withdraw", $"/my/withdraw?id={bartsNotice}", $"/my/withdraw?memberId={bart.MemberId}", $"/my/withdraw/{bartsNotice}" })
        {
            var response = await session.GetAsync(route);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
            Assert.DoesNotContain($"data-notice=\"{bartsNotice}\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Bartholomew", page, StringComparison.Ordinal);
            if (route == "/my/withdraw")
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("id=\"no-notices\"", page, StringComparison.Ordinal);
                Assert.Contains("90 days' notice", page, StringComparison.Ordinal);
            }
        }

        Assert.NotEqual(aoife.MemberId, bart.MemberId);
    }

    [Fact]
    public async Task The_queue_is_for_register_readers_only_registrars_get_the_decision_controls_and_settings_are_for_administrators()
    {
        var (_, _, bart, bartsNotice) = await ArrangeAsync();
        await CreateLoginAsync("auditor@example.org", Roles.Auditor);
        var registrar = NewSession();
        await registrar.SignInAsync("registrar@example.org", Password);
        var auditor = NewSession();
        await auditor.SignInAsync("auditor@example.org", Password);
        var member = NewSession();
        await member.SignInAsync("aoife@example.org", Password);
        var admin = NewSession();
        await admin.SignInAsync("admin@example.org", Password);

        var registrarsQueue = WebUtility.HtmlDecode(await ReadAsync(registrar, "/register/withdrawals"));
        var auditorsQueue = WebUtility.HtmlDecode(await ReadAsync(auditor, "/register/withdrawals"));
        var settings = await ReadAsync(admin, "/admin/withdrawals");
        var memberPage = await ReadAsync(registrar, $"/register/members/{bart.MemberId}");

        Assert.Contains("Bartholomew Quist", registrarsQueue, StringComparison.Ordinal);
        Assert.Contains("id=\"record-decision\"", registrarsQueue, StringComparison.Ordinal);
        Assert.Contains("Bartholomew Quist", auditorsQueue, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"record-decision\"", auditorsQueue, StringComparison.Ordinal);
        Assert.Contains("id=\"declare-suspension\"", settings, StringComparison.Ordinal);
        Assert.Contains($"data-withdrawal=\"{bartsNotice}\"", memberPage, StringComparison.Ordinal);
        foreach (var (session, route) in new[] { (member, "/register/withdrawals"), (member, "/admin/withdrawals"), (registrar, "/admin/withdrawals"), (auditor, "/admin/withdrawals") })
        {
            var response = await session.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var anonymous = await NewSession().GetAsync("/my/withdraw");
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>A society, a registrar, two members with logins, and a notice from the second.</summary>
    private async Task<(Features.Access.Actor Registrar, Features.Registration.AllottedLine Aoife, Features.Registration.AllottedLine Bart, long BartsNotice)> ArrangeAsync()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var registrar = await MemberArrangements.ActorForAsync(Factory.Services, "registrar@example.org");
        var a = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", "aoife@example.org", 40), Site), Site);
        var b = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Bartholomew Quist", "bart@example.org", 30, "CF11 9SD"), Site), Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, "aoife@example.org", Password);
        await MemberArrangements.SetPasswordAsync(Factory.Services, "bart@example.org", Password);
        var bart = await MemberArrangements.ActorForAsync(Factory.Services, "bart@example.org");
        using var scope = Factory.Services.CreateScope();
        var withdrawals = scope.ServiceProvider.GetRequiredService<WithdrawalService>();
        var classId = (await withdrawals.GetMineAsync(bart, Cancel))!.Holdings.Single().ShareClassId;
        var notice = await withdrawals.GiveNoticeAsync(bart, classId, 10, Cancel);
        return (registrar, a, b, notice.Id);
    }
}
