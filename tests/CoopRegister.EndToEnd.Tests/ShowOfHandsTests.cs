using System.Globalization;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Meetings;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>A teller at a section, on a phone, recording the show of hands on a motion and a demand for a poll on another.</summary>
public sealed class ShowOfHandsTests : BrowserTest
{
    private const string Teller = "teller@example.org";

    [Fact]
    public async Task A_teller_records_a_show_of_hands_and_a_demand_for_a_poll()
    {
        var cancel = TestContext.Current.CancellationToken;
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, "registrar@example.org", Password, Roles.Registrar);
        var teller = await MemberArrangements.CreateLoginAsync(Factory.Services, Teller, Password, Roles.Teller);
        var application = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", "sian@example.org"), BaseAddress);
        var member = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, application, BaseAddress);

        var meetings = Factory.Services.GetRequiredService<MeetingService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var form = new MeetingForm
        {
            Title = "Annual General Meeting",
            NoticeDate = today,
            VotingOpensAtUtc = DateTime.UtcNow.AddHours(-1),
            VotingClosesAtUtc = today.AddDays(21).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
            Sections = [new SectionForm { Name = "Cardiff", Date = today.AddDays(21), Place = "Temple of Peace" }],
        };
        var id = await meetings.CreateAsync(teller, form, cancel);
        async Task<long> Version() => (await meetings.GetAsync(teller, id, cancel))!.Version;
        await meetings.AddMotionAsync(teller, id, await Version(), new MotionForm { Title = "Annual report", Text = "That the annual report be received." }, cancel);
        await meetings.AddMotionAsync(teller, id, await Version(), new MotionForm { Title = "Auditors", Text = "That the auditors be reappointed." }, cancel);
        await meetings.TakeRollAsync(teller, id, await Version(), cancel);
        await meetings.OpenVotingAsync(teller, id, await Version(), cancel);

        var page = await NewPageAsync(phone: true);
        await SignInAsync(page, Teller);
        await page.GotoAsync($"meetings/{id}/tellers");
        await Assertions.Expect(page.Locator("#find-member")).ToBeEnabledAsync();
        await page.FillAsync("#member-number", member.MemberNumber.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("#find-member");
        await page.ClickAsync("#mark-present");
        await Assertions.Expect(page.Locator("#teller-message")).ToContainTextAsync("issue one ballot paper");

        // Motion 1: the hands are counted, 1 for.
        await Assertions.Expect(page.Locator("#record-hands")).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("#hands-motion-1")).ToContainTextAsync("No show of hands recorded.");
        await page.FillAsync("#hands-for", "1");
        await page.ClickAsync("#record-hands");
        await Assertions.Expect(page.Locator("#hands-message")).ToContainTextAsync("Show of hands on motion 1 at Cardiff recorded.");
        await Assertions.Expect(page.Locator("#hands-motion-1 .hands-section")).ToContainTextAsync("Cardiff: 1 for, 0 against, 0 abstaining");

        // Motion 2: the chair declares it carried without a count, then a poll is demanded on it.
        var motion2 = (await meetings.GetAsync(teller, id, cancel))!.Motions.Single(m => m.Number == 2).Id;
        await page.SelectOptionAsync("#hands-motion", motion2.ToString(CultureInfo.InvariantCulture));
        await page.CheckAsync("#hands-declared");
        await Assertions.Expect(page.Locator("#hands-declaration")).ToBeVisibleAsync();
        await page.ClickAsync("#record-hands");
        await Assertions.Expect(page.Locator("#hands-motion-2 .hands-section")).ToContainTextAsync("declared carried by the chair (no count)");
        await page.FillAsync("#poll-demanded-by", "five members present");
        await page.ClickAsync("#demand-poll");
        await Assertions.Expect(page.Locator("#hands-message")).ToContainTextAsync("Poll demanded on motion 2");
        await Assertions.Expect(page.Locator("#hands-motion-2 .poll-demand")).ToContainTextAsync("by five members present");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await ScreenshotAsync(page, "tellers-show-of-hands-phone");

        var recorded = await Factory.Services.GetRequiredService<ShowOfHandsService>().ListAsync(teller, id, cancel);
        Assert.Equal((1L, 0L, 0L), (recorded[0].Sections.Single().For!.Value, recorded[0].Sections.Single().Against!.Value, recorded[0].Sections.Single().Abstain!.Value));
        Assert.Equal(true, recorded[1].Sections.Single().DeclaredCarried);
        Assert.Equal("five members present", recorded[1].Poll!.DemandedBy);
    }
}
