using System.Net;
using CoopRegister.Domain.Accounts;

namespace CoopRegister.Web.Tests;

public sealed class AccountTests : WebTestBase
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var session = NewSession();

        for (var i = 0; i < 4; i++)
        {
            var wrong = await session.SignInAsync("registrar@example.org", "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        var fifth = await session.SignInAsync("registrar@example.org", "not the password at all");
        Assert.StartsWith("/Account/Lockout", fifth.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var right = await session.SignInAsync("registrar@example.org", Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.StartsWith("/Account/Lockout", right.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task There_is_no_self_registration_page()
    {
        var response = await NewSession().GetAsync("/Account/Register");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_reports_the_database_as_healthy()
    {
        var response = await NewSession().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_made_up_setup_token_is_refused()
    {
        var response = await NewSession().GetAsync("/setup?token=not-a-real-token");
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("setup-refused", html, StringComparison.Ordinal);
        Assert.DoesNotContain("complete-setup", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printed_setup_link_is_refused_once_setup_is_done()
    {
        var link = await Factory.WaitForSetupLinkAsync();
        await SetUpSocietyAsync();

        var html = await (await NewSession().GetAsync(link.PathAndQuery)).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("setup-refused", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        var response = await NewSession().GetAsync("/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
