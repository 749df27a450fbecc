using System.Net;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Registration;
using CoopRegister.Testing;

namespace CoopRegister.Web.Tests;

/// <summary>The public join page, the applicant's status page and the member's portal, over HTTP as a browser sees them first.</summary>
public sealed class JoinAndPortalTests : WebTestBase
{
    private const string NotFoundMessage = "No application matches this link";

    private Uri Site => Factory.Server.BaseAddress;

    [Fact]
    public async Task The_join_page_says_so_when_the_register_is_not_set_up()
    {
        var page = await ReadAsync(NewSession(), "/join");

        Assert.Contains("id=\"not-set-up\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Who is applying", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_join_page_is_open_to_anyone_and_shows_the_price_of_a_share()
    {
        await SetUpSocietyAsync();

        var page = WebUtility.HtmlDecode(await ReadAsync(NewSession(), "/join"));

        Assert.Contains("Who is applying?", page, StringComparison.Ordinal);
        Assert.Contains("Each share costs £1.", page, StringComparison.Ordinal);
        Assert.Contains("I have read the rules of People's Press Printing Society Limited", page, StringComparison.Ordinal);
        // The marketing tick starts unticked; the notices tick starts ticked.
        Assert.Matches("id=\"NoticesByEmail\"[^>]*checked", page);
        Assert.DoesNotMatch("id=\"MarketingConsent\"[^>]*checked", page);
    }

    [Fact]
    public async Task The_applicant_follows_their_application_with_the_link_and_a_wrong_key_or_reference_shows_one_neutral_message()
    {
        await SetUpSocietyAsync();
        var submitted = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Zoë Ó Briain", "zoe@example.org"), Site);
        var session = NewSession();

        var right = await ReadAsync(session, new Uri(submitted.StatusLink).PathAndQuery);
        Assert.Contains(submitted.Reference, right, StringComparison.Ordinal);
        Assert.Contains("Waiting for payment", right, StringComparison.Ordinal);
        Assert.Contains("08-92-99", right, StringComparison.Ordinal);
        Assert.Contains("Zoë Ó Briain", WebUtility.HtmlDecode(right), StringComparison.Ordinal);

        var wrongKey = await ReadAsync(session, $"/apply/status/{submitted.Reference}?key=not-the-key");
        var noKey = await ReadAsync(session, $"/apply/status/{submitted.Reference}");
        var wrongReference = await ReadAsync(session, "/apply/status/SH-ZZZZZZ?key=not-the-key");
        foreach (var page in new[] { wrongKey, noKey, wrongReference })
        {
            Assert.Contains(NotFoundMessage, page, StringComparison.Ordinal);
            Assert.DoesNotContain("Zoë", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
            Assert.DoesNotContain("08-92-99", page, StringComparison.Ordinal);
        }

        // The same answer whether or not the reference exists.
        Assert.Equal(MainOf(wrongReference).Replace("SH-ZZZZZZ", "", StringComparison.Ordinal),
            MainOf(wrongKey).Replace(submitted.Reference, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_staff_login_without_the_member_role_is_denied_the_portal()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var session = NewSession();
        await session.SignInAsync("registrar@example.org", Password);

        foreach (var route in new[] { "/my", "/my/details", "/my/buy" })
        {
            var response = await session.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_login_without_a_member_record_is_told_so()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("reader@example.org", Roles.Member);
        var session = NewSession();
        await session.SignInAsync("reader@example.org", Password);

        foreach (var route in new[] { "/my", "/my/details", "/my/buy" })
        {
            var page = await ReadAsync(session, route);
            Assert.Contains("id=\"no-member-record\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_sees_their_own_holding_and_history()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var registrar = await MemberArrangements.ActorForAsync(Factory.Services, "registrar@example.org");
        var applied = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", "aoife@example.org", shares: 40), Site);
        var line = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, applied, Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, "aoife@example.org", Password);
        var session = NewSession();
        await session.SignInAsync("aoife@example.org", Password);

        var page = WebUtility.HtmlDecode(await ReadAsync(session, "/my"));

        Assert.Contains("Aoife Ní Bhriain", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"member-number\">{line.MemberNumber}<", page, StringComparison.Ordinal);
        Assert.Contains("£40.00", page, StringComparison.Ordinal);
        Assert.Contains("Shares allotted", page, StringComparison.Ordinal);
        Assert.Contains(applied.Reference, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_cannot_see_another_members_data_by_any_identifier_in_the_address()
    {
        await SetUpSocietyAsync();
        await CreateLoginAsync("registrar@example.org", Roles.Registrar);
        var registrar = await MemberArrangements.ActorForAsync(Factory.Services, "registrar@example.org");
        var appliedA = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Aoife Ní Bhriain", "aoife@example.org", 40, "E3 2NS"), Site);
        var a = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, appliedA, Site);
        var appliedB = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Bartholomew Quist", "bart@example.org", 777, "CF11 9SD"), Site);
        var b = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, appliedB, Site);
        var pendingB = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Bartholomew Quist", "bart-second@example.org", 5, "CF11 9SD"), Site);
        await MemberArrangements.SetPasswordAsync(Factory.Services, "aoife@example.org", Password);
        await MemberArrangements.SetPasswordAsync(Factory.Services, "bart@example.org", Password);
        Assert.NotEqual(a.MemberNumber, b.MemberNumber);

        var session = NewSession();
        await session.SignInAsync("aoife@example.org", Password);
        var keyA = QueryKey(appliedA.StatusLink);
        var keyB = QueryKey(appliedB.StatusLink);
        var routes = new List<string>
        {
            "/my", "/my/details", "/my/buy",
            $"/my?memberId={b.MemberId}", $"/my?id={b.MemberId}", $"/my?memberNumber={b.MemberNumber}", $"/my?member={b.MemberNumber}",
            $"/my/details?memberId={b.MemberId}", $"/my/details?id={b.MemberId}", $"/my/buy?memberId={b.MemberId}", $"/my/buy?memberNumber={b.MemberNumber}",
            $"/my/{b.MemberId}", $"/my/details/{b.MemberId}", $"/my/{b.MemberNumber}",
            $"/apply/status/{appliedB.Reference}", $"/apply/status/{appliedB.Reference}?key={keyA}", $"/apply/status/{pendingB.Reference}",
            $"/apply/status/{appliedB.Reference}?key={keyB[..^1]}",
        };

        foreach (var route in routes)
        {
            var response = await session.GetAsync(route);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
            Assert.DoesNotContain("Bartholomew", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Quist", page, StringComparison.Ordinal);
            Assert.DoesNotContain("bart@example.org", page, StringComparison.Ordinal);
            Assert.DoesNotContain("CF11 9SD", page, StringComparison.Ordinal);
            Assert.DoesNotContain("£777.00", page, StringComparison.Ordinal);
            Assert.DoesNotContain($"id=\"member-number\">{b.MemberNumber}<", page, StringComparison.Ordinal);
            if (route.StartsWith("/my", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK)
            {
                // Whatever the address says, the portal shows the signed-in member's own record.
                Assert.True(page.Contains("Aoife Ní Bhriain", StringComparison.Ordinal) || page.Contains("You hold 40 shares", StringComparison.Ordinal),
                    $"{route} does not show the member's own record.");
            }
        }

        // B's own key still works for B's application: the refusals above were about the caller, not a broken page.
        var own = WebUtility.HtmlDecode(await ReadAsync(NewSession(), new Uri(appliedB.StatusLink).PathAndQuery));
        Assert.Contains("Bartholomew Quist", own, StringComparison.Ordinal);
    }

    private static string QueryKey(string statusLink) => Uri.UnescapeDataString(new Uri(statusLink).Query["?key=".Length..]);

    /// <summary>The page's main content, without the per-request antiforgery and component markers.</summary>
    private static string MainOf(string page)
    {
        var start = page.IndexOf("<main", StringComparison.Ordinal);
        var end = page.IndexOf("</main>", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(page[start..end], "<!--Blazor:[^>]*-->", "");
    }
}
