using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Certificates;
using CoopRegister.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>
/// quality.md (usability): no serious axe-core violations on the main pages, on a phone and on a desktop. axe-core runs
/// inside Chromium from the copy bundled in its NuGet package; nothing is fetched.
/// </summary>
public sealed class AccessibilityTests : BrowserTest
{
    [Fact]
    public async Task The_main_pages_have_no_serious_accessibility_violations()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);
        var registrarActor = await MemberArrangements.CreateLoginAsync(Factory.Services, "registrar@example.org", Password, Roles.Registrar);
        var application = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", "sian@example.org"), BaseAddress);
        var allotted = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrarActor, application, BaseAddress);
        string code;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var certificates = scope.ServiceProvider.GetRequiredService<CertificateService>();
            code = (await certificates.ListForMemberAsync(registrarActor, allotted.MemberId, TestContext.Current.CancellationToken)).Single().VerificationCode;
        }

        await MemberArrangements.SetPasswordAsync(Factory.Services, "sian@example.org", Password);

        var problems = new List<string>();
        var visitor = await NewPageAsync(phone: true);
        foreach (var path in new[] { "", "join", "Account/Login", "apply/status/SH-AAAAAA?key=x", $"v/{code}", "v/abcdefghjkmnpqrs" })
        {
            problems.AddRange(await CheckAsync(visitor, path));
        }

        var registrar = await NewPageAsync();
        await SignInAsync(registrar, "registrar@example.org");
        foreach (var path in new[] { "register", "register/applications", "register/members/1", $"register/applications/{application.Id}", "register/certificates", "register/import", "register/withdrawals",
                     "register/gone-away", "register/transfers", "register/officers", "register/overview", "register/retention", "register/audit" })
        {
            problems.AddRange(await CheckAsync(registrar, path));
        }

        var member = await NewPageAsync(phone: true);
        await SignInAsync(member, "sian@example.org");
        foreach (var path in new[] { "my", "my/details", "my/buy", "my/withdraw", "my/nominations", "my/meetings", "my/meetings/1/proxy", "officers", "Account/TwoFactorRequired" })
        {
            problems.AddRange(await CheckAsync(member, path));
        }

        var admin = await NewPageAsync();
        await SignInAsync(admin, "admin@example.org");
        foreach (var path in new[] { "admin/settings", "admin/staff", "admin/share-classes", "admin/certificates", "admin/withdrawals", "admin/lost-contact" })
        {
            problems.AddRange(await CheckAsync(admin, path));
        }

        // General meetings: the teller's list, the form to call one and a meeting's page (the member's ballot and the
        // results page are checked in MeetingTests, at the point of the flow where they show; the tellers' desk with a
        // meeting sitting in PaperBallotTests).
        await MemberArrangements.CreateLoginAsync(Factory.Services, "teller@example.org", Password, Roles.Teller);
        var teller = await NewPageAsync();
        await SignInAsync(teller, "teller@example.org");
        foreach (var path in new[] { "meetings", "meetings/new", "meetings/1/tellers", "count" })
        {
            problems.AddRange(await CheckAsync(teller, path));
        }

        // Committee elections: the returning officer's lot page and the tellers' paper ballots (the meeting page with elections, the ranked ballot and
        // the election results are checked in ElectionTests, at the point of the flow where they show).
        await MemberArrangements.CreateLoginAsync(Factory.Services, "officer@example.org", Password, Roles.ReturningOfficer);
        var officer = await NewPageAsync();
        await SignInAsync(officer, "officer@example.org");
        problems.AddRange(await CheckAsync(officer, "meetings/1/elections/1/lot"));
        problems.AddRange(await CheckAsync(teller, "meetings/1/elections/1/papers"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"/{path}: {v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}");
    }
}
