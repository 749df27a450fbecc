using System.Net;
using CoopRegister.Data.Identity;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Access;
using CoopRegister.Features.Registration;
using Microsoft.AspNetCore.Identity;

namespace CoopRegister.Web.Tests;

/// <summary>
/// The registrar's pages as each kind of login receives them (server-rendered, before the live connection attaches):
/// a member is refused, an auditor reads everything and is offered no change, a registrar is offered every change.
/// </summary>
public sealed class RegisterPageTests : WebTestBase
{
    private static readonly Uri Site = new("http://register.example.org/");

    /// <summary>Ids of the controls that change the register, on the four pages.</summary>
    private static readonly string[] WriteControls =
    [
        "id=\"edit-details\"", "id=\"reverse-", "id=\"send-login-invitation\"", "id=\"allot-panel\"", "id=\"allot-selected\"", "id=\"select-",
        "id=\"record-payment\"", "id=\"allot-now\"", "id=\"refuse\"", "id=\"cancel-application\"", "id=\"top-up-", "id=\"new-member\"",
        "id=\"reissue-", "id=\"cancel-certificate-", "id=\"duplicate-certificate-",
    ];

    private sealed record Arranged(long MemberId, long EntryId, long AllottedApplicationId, long OpenApplicationId, string OpenReference)
    {
        public string[] Routes =>
        [
            "/register", $"/register/members/{MemberId}", "/register/applications", $"/register/applications/{OpenApplicationId}",
        ];
    }

    [Fact]
    public async Task A_member_is_refused_every_page_of_the_register()
    {
        var arranged = await ArrangeAsync();
        await CreateLoginAsync("member@example.org", Roles.Member);
        var session = NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("member@example.org", Password)).StatusCode);

        foreach (var route in arranged.Routes.Append($"/register/applications/{arranged.AllottedApplicationId}"))
        {
            var response = await session.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route} answered {response.StatusCode}");
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_auditor_reads_every_page_of_the_register_and_is_offered_no_change()
    {
        var arranged = await ArrangeAsync();
        await CreateLoginAsync("auditor@example.org", Roles.Auditor);
        var session = NewSession();
        await session.SignInAsync("auditor@example.org", Password);

        var pages = await ReadAllAsync(session, arranged);

        Assert.Contains("Zoë Ó Briain", pages["/register"], StringComparison.Ordinal);
        Assert.Contains("id=\"holdings\"", pages[$"/register/members/{arranged.MemberId}"], StringComparison.Ordinal);
        Assert.Contains("id=\"ledger\"", pages[$"/register/members/{arranged.MemberId}"], StringComparison.Ordinal);
        Assert.Contains("id=\"audit-history\"", pages[$"/register/members/{arranged.MemberId}"], StringComparison.Ordinal);
        Assert.Contains("id=\"member-certificates\"", pages[$"/register/members/{arranged.MemberId}"], StringComparison.Ordinal);
        Assert.Contains($"href=\"members/{arranged.MemberId}/statement.pdf?year=", pages[$"/register/members/{arranged.MemberId}"], StringComparison.Ordinal);
        Assert.Contains(arranged.OpenReference, pages["/register/applications"], StringComparison.Ordinal);
        Assert.Contains("id=\"likely-matches\"", pages[$"/register/applications/{arranged.OpenApplicationId}"], StringComparison.Ordinal);
        foreach (var (route, html) in pages)
        {
            foreach (var control in WriteControls)
            {
                Assert.False(html.Contains(control, StringComparison.Ordinal), $"{route} offers an auditor {control}");
            }
        }
    }

    [Fact]
    public async Task A_registrar_is_offered_the_changes_on_each_page()
    {
        var arranged = await ArrangeAsync();
        var session = NewSession();
        await session.SignInAsync("registrar@example.org", Password);

        var pages = await ReadAllAsync(session, arranged);

        var member = pages[$"/register/members/{arranged.MemberId}"];
        Assert.Contains("id=\"edit-details\"", member, StringComparison.Ordinal);
        Assert.Contains($"id=\"reverse-{arranged.EntryId}\"", member, StringComparison.Ordinal);
        Assert.Contains("id=\"send-login-invitation\"", member, StringComparison.Ordinal);
        Assert.Contains("id=\"reissue-", member, StringComparison.Ordinal);
        Assert.Contains("id=\"cancel-certificate-", member, StringComparison.Ordinal);
        Assert.Contains("id=\"duplicate-certificate-", member, StringComparison.Ordinal);
        Assert.Contains("id=\"allot-panel\"", pages["/register/applications"], StringComparison.Ordinal);
        var application = pages[$"/register/applications/{arranged.OpenApplicationId}"];
        Assert.Contains("id=\"record-payment\"", application, StringComparison.Ordinal);
        Assert.Contains($"id=\"top-up-{arranged.MemberId}\"", application, StringComparison.Ordinal);
        Assert.Contains("id=\"new-member\"", application, StringComparison.Ordinal);
        Assert.Contains("id=\"refuse\"", application, StringComparison.Ordinal);
        Assert.Contains("id=\"cancel-application\"", application, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_list_finds_a_member_by_surname_and_says_how_it_read_the_search()
    {
        await ArrangeAsync();
        var session = NewSession();
        await session.SignInAsync("registrar@example.org", Password);

        var found = await (await session.GetAsync("/register?q=bri")).Content.ReadAsStringAsync(Cancel);
        var byPostcode = await (await session.GetAsync("/register?q=E3")).Content.ReadAsStringAsync(Cancel);
        var none = await (await session.GetAsync("/register?q=nobody")).Content.ReadAsStringAsync(Cancel);

        Assert.Contains("1 member</strong>", found, StringComparison.Ordinal);
        Assert.Contains("whose name starts with “bri”", found, StringComparison.Ordinal);
        Assert.Contains("href=\"register/members/", found, StringComparison.Ordinal);
        Assert.Contains("whose postcode starts with “E3”", byPostcode, StringComparison.Ordinal);
        Assert.Contains("0 members</strong>", none, StringComparison.Ordinal);
        Assert.Contains("id=\"no-members\"", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_for_a_member_or_application_that_does_not_exist_says_so()
    {
        await ArrangeAsync();
        var session = NewSession();
        await session.SignInAsync("registrar@example.org", Password);

        var member = await (await session.GetAsync("/register/members/999999")).Content.ReadAsStringAsync(Cancel);
        var application = await (await session.GetAsync("/register/applications/999999")).Content.ReadAsStringAsync(Cancel);

        Assert.Contains("Member not found", member, StringComparison.Ordinal);
        Assert.Contains("Application not found", application, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(WebSession session, Arranged arranged)
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in arranged.Routes)
        {
            var response = await session.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} answered {response.StatusCode}");
            pages[route] = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        }

        return pages;
    }

    /// <summary>
    /// A society with a registrar, one member admitted from a paid application, and a second, unpaid application from
    /// the same person (a likely duplicate).
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        using var scope = Factory.Services.CreateScope();
        var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        var members = scope.ServiceProvider.GetRequiredService<CoopRegister.Features.Members.MemberService>();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("registrar@example.org");
        var registrar = new Actor(user!.Id, "registrar@example.org", [Roles.Registrar], SignedInWithTwoFactors: true);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var first = await applications.SubmitAsync(Applicant(50), Site, Cancel);
        await applications.RecordPaymentAsync(registrar, first.Id, first.Amount.Pence, today, PaymentMethod.BankTransfer, null, Cancel);
        var allotted = await applications.AllotAsync(registrar, [first.Id], today, Site, Cancel);
        var memberId = allotted.Lines.Single().MemberId;
        var entryId = (await members.GetAsync(registrar, memberId, Cancel))!.Ledger.Single().Id;
        var again = await applications.SubmitAsync(Applicant(20), Site, Cancel);
        return new Arranged(memberId, entryId, first.Id, again.Id, again.Reference);
    }

    private static ApplicationForm Applicant(long shares) => new()
    {
        Kind = MemberKind.Individual,
        Name = "Zoë Ó Briain",
        Address = "12 Beachy Road\nLondon",
        Postcode = "E3 2NS",
        Email = "zoe@example.org",
        DateOfBirth = new DateOnly(1980, 5, 17),
        Shares = shares,
        PaymentMethod = PaymentMethod.BankTransfer,
        NoticesByEmail = true,
        DeclarationsAccepted = true,
    };
}
