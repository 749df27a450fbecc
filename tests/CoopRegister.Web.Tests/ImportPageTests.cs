using System.Net;
using CoopRegister.Domain.Accounts;

namespace CoopRegister.Web.Tests;

/// <summary>The import page as each kind of login receives it (server-rendered, before the live connection attaches).</summary>
public sealed class ImportPageTests : WebTestBase
{
    [Fact]
    public async Task A_registrar_is_offered_the_upload_and_the_menu_links_to_it()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var session = NewSession();
        await session.SignInAsync("registrar@example.org", Password);

        var response = await session.GetAsync("/register/import");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">Import a register</h1>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"import-file\"", html, StringComparison.Ordinal);
        Assert.Contains("CSV file (at most 250 MB)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"register/import\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"import-not-allowed\"", html, StringComparison.Ordinal);

        // Until the live connection is up, nothing can be chosen: a file picked then would be lost.
        Assert.Matches("<fieldset[^>]*disabled[^>]*>\\s*<div class=\"row g-3 align-items-end\"[^>]*>\\s*<div class=\"col-md-7\"[^>]*>\\s*<label class=\"form-label\" for=\"import-file\"", html);
    }

    [Fact]
    public async Task An_auditor_reads_that_importing_needs_a_registrar_and_is_offered_no_upload()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("auditor@example.org", Roles.Auditor);
        var session = NewSession();
        await session.SignInAsync("auditor@example.org", Password);

        var html = await (await session.GetAsync("/register/import")).Content.ReadAsStringAsync(Cancel);

        Assert.Contains("id=\"import-not-allowed\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"import-file\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"check-import\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_is_refused_the_import_page()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("member@example.org", Roles.Member);
        var session = NewSession();
        await session.SignInAsync("member@example.org", Password);

        var response = await session.GetAsync("/register/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
