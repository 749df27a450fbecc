using System.Globalization;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Meetings;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>A member appoints a proxy on a phone: another member by number, with an instruction on each motion.</summary>
public sealed class ProxiesTests : BrowserTest
{
    private const string MemberEmail = "sian@example.org";

    [Fact]
    public async Task A_member_appoints_another_member_as_proxy_on_a_phone_changes_the_instruction_and_revokes_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, "registrar@example.org", Password, Roles.Registrar);
        var teller = await MemberArrangements.CreateLoginAsync(Factory.Services, "teller@example.org", Password, Roles.Teller);
        var sian = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", MemberEmail), BaseAddress);
        var sianLine = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, sian, BaseAddress);
        await MemberArrangements.SetPasswordAsync(Factory.Services, MemberEmail, Password);
        var owenApplication = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Owen Jones", "owen@example.org"), BaseAddress);
        var owen = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, owenApplication, BaseAddress);

        // A meeting called today with two motions, voting open, proxies taken until the day before it sits.
        var meetings = Factory.Services.GetRequiredService<MeetingService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var id = await meetings.CreateAsync(teller, new MeetingForm
        {
            Title = "Annual General Meeting",
            NoticeDate = today,
            VotingOpensAtUtc = DateTime.UtcNow.AddHours(-1),
            VotingClosesAtUtc = today.AddDays(21).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
            ProxyDeadlineUtc = today.AddDays(20).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
            Sections = [new SectionForm { Name = "Cardiff", Date = today.AddDays(21), Place = "Temple of Peace" }],
        }, cancel);
        async Task<long> Version() => (await meetings.GetAsync(teller, id, cancel))!.Version;
        await meetings.AddMotionAsync(teller, id, await Version(), new MotionForm { Title = "Annual report", Text = "That the annual report be received." }, cancel);
        await meetings.AddMotionAsync(teller, id, await Version(), new MotionForm { Title = "Auditors", Text = "That the auditors be reappointed." }, cancel);
        await meetings.TakeRollAsync(teller, id, await Version(), cancel);
        await meetings.OpenVotingAsync(teller, id, await Version(), cancel);

        var page = await NewPageAsync(phone: true);
        await SignInAsync(page, MemberEmail);
        await page.GotoAsync("my/meetings");
        await page.ClickAsync($"#proxy-{id}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Proxy: Annual General Meeting");
        await Assertions.Expect(page.Locator("#appoint-proxy")).ToBeEnabledAsync();
        await CheckAccessibilityAsync(page);

        // Appointing herself is refused with the reason; then she appoints Owen: For on motion 1, his discretion on motion 2.
        await page.ClickAsync("#holder-member");
        await page.FillAsync("#holder-number", sianLine.MemberNumber.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("label[for='mandate-1-for']");
        await page.ClickAsync("label[for='mandate-2-discretion']");
        await page.ClickAsync("#appoint-proxy");
        await Assertions.Expect(page.Locator("#HolderMemberNumber-error")).ToContainTextAsync("cannot appoint yourself");
        await page.FillAsync("#holder-number", owen.MemberNumber.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("#appoint-proxy");
        await Assertions.Expect(page.Locator("#proxy-status")).ToContainTextAsync($"member {owen.MemberNumber}");
        await Assertions.Expect(page.Locator("#holder-number")).ToHaveValueAsync(owen.MemberNumber.ToString(CultureInfo.InvariantCulture));
        await CheckAccessibilityAsync(page);
        await ScreenshotAsync(page, "proxy-appointed-phone");

        // She changes her mind on motion 1 and then revokes the proxy.
        await page.ClickAsync("label[for='mandate-1-against']");
        await page.ClickAsync("#appoint-proxy");
        await Assertions.Expect(page.Locator("#mandate-1-against")).ToBeCheckedAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#mandate-1-against")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#revoke-proxy")).ToBeEnabledAsync();
        await page.ClickAsync("#revoke-proxy");
        await Assertions.Expect(page.Locator("#proxy-status")).ToContainTextAsync("Your proxy was revoked");
        await Assertions.Expect(page.Locator("#revoke-proxy")).ToHaveCountAsync(0);
    }

    private static async Task CheckAccessibilityAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
