using System.Net;
using CoopRegister.Domain.Accounts;

namespace CoopRegister.Web.Tests;

/// <summary>The audit trail page: registrars and auditors open it; members and tellers are refused.</summary>
public sealed class AuditTrailPageTests : WebTestBase
{
    [Fact]
    public async Task An_auditor_and_a_registrar_open_the_audit_trail_and_a_member_and_a_teller_are_refused()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("auditor@example.org", Roles.Auditor);
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        await CreateLoginAsync("member@example.org", Roles.Member);
        await CreateLoginAsync("teller@example.org", Roles.Teller);

        foreach (var email in new[] { "auditor@example.org", "registrar@example.org" })
        {
            var html = await ReadAsync(await SignedInAsync(email), "/register/audit");
            Assert.Contains("id=\"check-chain\"", html, StringComparison.Ordinal);
            Assert.Contains("Check the audit trail", html, StringComparison.Ordinal);
            Assert.Contains("society.created", html, StringComparison.Ordinal);
        }

        foreach (var email in new[] { "member@example.org", "teller@example.org" })
        {
            var response = await (await SignedInAsync(email)).GetAsync("/register/audit");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}
