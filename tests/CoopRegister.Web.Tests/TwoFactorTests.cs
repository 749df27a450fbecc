using System.Net;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Registration;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Web.Tests;

/// <summary>
/// quality.md: officers use two-factor authentication. A staff login that signed in with its password alone is sent to
/// set up an authenticator app before any staff page or download opens, and services refuse it too; members are not
/// forced; an administrator's reset after a lost phone makes the person set up a new app.
/// </summary>
public sealed class TwoFactorTests : WebTestBase
{
    private const string Desk = "desk@example.org";
    private const string Newcomer = "newcomer@example.org";
    private const string Member = "aoife@example.org";

    private Uri Site => Factory.Server.BaseAddress;

    [Fact]
    public async Task Staff_signed_in_with_a_password_alone_are_sent_to_set_up_an_authenticator_and_get_in_after()
    {
        var memberId = await ArrangeMemberAsync();
        await CreateLoginWithoutSecondFactorAsync(Newcomer, Roles.Registrar);
        var session = NewSession();

        var signIn = await session.SignInAsync(Newcomer, Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/Account/TwoFactorRequired", Where(signIn), StringComparison.Ordinal);
        var page = await session.GetAsync("/register");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/TwoFactorRequired?returnUrl=%2Fregister", Where(page));
        var download = await session.GetAsync($"/members/{memberId}/statement.pdf");
        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        Assert.StartsWith("/Account/TwoFactorRequired", Where(download), StringComparison.Ordinal);
        var explained = System.Text.RegularExpressions.Regex.Replace(
            WebUtility.HtmlDecode(await (await session.GetAsync("/Account/TwoFactorRequired?returnUrl=%2Fregister")).Content.ReadAsStringAsync(Cancel)), @"\s+", " ");
        Assert.Contains("use two-factor authentication", explained, StringComparison.Ordinal);
        Assert.Contains("id=\"authenticator-qr\"", explained, StringComparison.Ordinal);

        // A wrong code changes nothing.
        var wrong = await session.PostFormAsync("/Account/TwoFactorRequired?returnUrl=%2Fregister", "two-factor", new Dictionary<string, string> { ["Input.Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/register")).StatusCode);

        var (key, enrolled) = await session.EnrolAuthenticatorAsync("/Account/TwoFactorRequired?returnUrl=%2Fregister");

        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var done = await enrolled.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("id=\"two-factor-done\"", done, StringComparison.Ordinal);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(done, "class=\"recovery-code\""));
        Assert.Contains("href=\"/register\"", done, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/register")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/members/{memberId}/statement.pdf")).StatusCode);

        // The next sign-in asks for the app's code, computed from the key the page showed.
        var again = NewSession();
        var password = await again.PostFormAsync("/Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = Newcomer, ["Input.Password"] = Password });
        Assert.Contains("Account/LoginWith2fa", Where(password), StringComparison.Ordinal);
        var code = Authenticator.Code(key, DateTimeOffset.UtcNow);
        var second = await again.PostFormAsync(Where(password), "login-with-2fa",
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = code });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/register")).StatusCode);
    }

    [Fact]
    public async Task A_service_refuses_a_staff_login_whose_sign_in_was_not_two_factor()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync(Desk, Roles.Registrar);
        var withOne = await MemberArrangements.ActorForAsync(Factory.Services, Desk) with { SignedInWithTwoFactors = false };
        var application = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", Member), Site);

        using var scope = Factory.Services.CreateScope();
        var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            applications.RecordPaymentAsync(withOne, application.Id, 2500, DateOnly.FromDateTime(DateTime.UtcNow), Domain.Applications.PaymentMethod.BankTransfer, "ref", Cancel));
        Assert.Contains("two factors", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_is_not_forced_to_use_two_factors_but_may_opt_in()
    {
        await ArrangeMemberAsync();
        var session = NewSession();

        var signIn = await session.SignInAsync(Member, Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("TwoFactor", Where(signIn), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/my")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/officers")).StatusCode);
        var page = System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(await ReadAsync(session, "/Account/TwoFactorRequired")), @"\s+", " ");
        Assert.Contains("Your login does not need two factors", page, StringComparison.Ordinal);
        Assert.Contains("id=\"authenticator-key\"", page, StringComparison.Ordinal);

        // The member is still refused staff pages for want of a role, not of a factor.
        var staffPage = await session.GetAsync("/register");
        Assert.StartsWith("/Account/AccessDenied", staffPage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrators_reset_after_a_lost_phone_is_audited_and_forces_a_new_authenticator_at_the_next_sign_in()
    {
        var admin = await SetUpSocietyAsync();
        await CreateLoginAsync(Desk, Roles.Registrar);
        var before = NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await before.SignInAsync(Desk, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/register")).StatusCode);
        string oldKey;
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Identity.ApplicationUser>>();
            oldKey = (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(Desk))!))!;
        }

        var adminActor = await MemberArrangements.ActorForAsync(Factory.Services, admin);
        var registrarActor = await MemberArrangements.ActorForAsync(Factory.Services, Desk);
        using (var scope = Factory.Services.CreateScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
            Assert.True((await staff.ListAsync(adminActor, Cancel)).Single(r => r.Email == Desk).TwoFactor);
            await Assert.ThrowsAsync<AccessDeniedException>(() => staff.ResetAuthenticatorAsync(registrarActor, registrarActor.UserId!, Cancel));

            await staff.ResetAuthenticatorAsync(adminActor, registrarActor.UserId!, Cancel);

            Assert.False((await staff.ListAsync(adminActor, Cancel)).Single(r => r.Email == Desk).TwoFactor);
        }

        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContextAsync(Cancel))
        {
            var audit = await db.AuditEvents.SingleAsync(e => e.Action == "staff.authenticator-reset", Cancel);
            Assert.Equal(registrarActor.UserId, audit.SubjectId);
            Assert.Equal(adminActor.UserId, audit.ActorUserId);
            Assert.Contains("\"Passkeys\"", audit.Before!, StringComparison.Ordinal);
        }

        // The password alone now leads to setting up a new app; the old app's code is no longer asked for nor taken.
        var next = NewSession();
        var signIn = await next.SignInAsync(Desk, Password);
        Assert.StartsWith("/Account/TwoFactorRequired", Where(signIn), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/register")).StatusCode);
        var oldCode = await next.PostFormAsync("/Account/TwoFactorRequired", "two-factor",
            new Dictionary<string, string> { ["Input.Code"] = Authenticator.Code(oldKey, DateTimeOffset.UtcNow) });
        Assert.Contains("That code is not right", WebUtility.HtmlDecode(await oldCode.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        var (newKey, _) = await next.EnrolAuthenticatorAsync();
        Assert.NotEqual(oldKey, newKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/register")).StatusCode);
    }

    [Fact]
    public async Task Staff_cannot_switch_two_factor_sign_in_off()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync(Desk, Roles.Registrar);
        var session = await SignedInAsync(Desk);

        var response = await session.PostFormAsync("/Account/Manage/Disable2fa", "disable-2fa", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Identity.ApplicationUser>>();
        Assert.True(await users.GetTwoFactorEnabledAsync((await users.FindByEmailAsync(Desk))!));
    }

    /// <summary>Where a redirect points, as a path on this site.</summary>
    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString ?? "";

    private async Task<long> ArrangeMemberAsync()
    {
        await SetUpSocietyAsync();
        var desk = await MemberArrangements.CreateLoginAsync(Factory.Services, Desk, Password, Roles.Registrar);
        var aoife = await MemberArrangements.PayAndAllotAsync(Factory.Services, desk,
            await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", Member), Site), Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, Member, Password);
        return aoife.MemberId;
    }
}
