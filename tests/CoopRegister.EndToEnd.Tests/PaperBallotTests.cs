using System.Globalization;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Meetings;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>Tellers at the meeting, on their phones: marking a member present, keying a batch of paper ballots, a second teller checking it.</summary>
public sealed class PaperBallotTests : BrowserTest
{
    private const string Teller = "teller@example.org";
    private const string Second = "teller2@example.org";

    [Fact]
    public async Task A_teller_marks_a_member_present_and_keys_a_paper_batch_and_a_second_teller_checks_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, "registrar@example.org", Password, Roles.Registrar);
        var teller = await MemberArrangements.CreateLoginAsync(Factory.Services, Teller, Password, Roles.Teller);
        await MemberArrangements.CreateLoginAsync(Factory.Services, Second, Password, Roles.Teller);
        var application = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", "sian@example.org"), BaseAddress);
        var member = await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, application, BaseAddress);

        // A meeting called today, sitting in three weeks, with one motion, its roll taken and voting open.
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
        await meetings.TakeRollAsync(teller, id, await Version(), cancel);
        await meetings.OpenVotingAsync(teller, id, await Version(), cancel);

        // The first teller, on a phone, finds the member by number and marks them present; a paper is issued.
        var first = await NewPageAsync(phone: true);
        await SignInAsync(first, Teller);
        await first.GotoAsync($"meetings/{id}");
        await first.ClickAsync("#tellers-link");
        await Assertions.Expect(first.Locator("h1")).ToContainTextAsync("Tellers: Annual General Meeting");
        await Assertions.Expect(first.Locator("#find-member")).ToBeEnabledAsync();
        await first.FillAsync("#member-number", member.MemberNumber.ToString(CultureInfo.InvariantCulture));
        await first.ClickAsync("#find-member");
        await Assertions.Expect(first.Locator("#member-found")).ToContainTextAsync("Siân Llewellyn");
        await first.ClickAsync("#mark-present");
        await Assertions.Expect(first.Locator("#teller-message")).ToContainTextAsync("issue one ballot paper");
        await Assertions.Expect(first.Locator("#attendance-counts")).ToContainTextAsync("1 present, 1 paper issued");
        await first.ClickAsync("#test-quorum");
        await Assertions.Expect(first.Locator("#quorum-checks")).ToContainTextAsync("Quorate");

        // ...and keys the batch: one valid paper for the motion, one spoilt.
        await first.FillAsync("#batch-valid", "1");
        await first.FillAsync("#batch-1-for", "1");
        await first.FillAsync("#batch-spoilt", "Signed by the voter");
        await first.ClickAsync("#submit-batch");
        await Assertions.Expect(first.Locator("#teller-message")).ToContainTextAsync("Batch 1 keyed");
        await Assertions.Expect(first.Locator("#batch-1 .batch-status")).ToContainTextAsync("Awaiting a second teller's check");
        Assert.Equal(0, await first.Locator("#check-batch-1").CountAsync()); // not for the teller who keyed it
        await CheckAccessibilityAsync(first);
        await ScreenshotAsync(first, "tellers-batch-keyed-phone");

        // The second teller keys the same papers blind: a slip is shown and not accepted, then the right figures are.
        var second = await NewPageAsync(phone: true);
        await SignInAsync(second, Second);
        await second.GotoAsync($"meetings/{id}/tellers");
        await Assertions.Expect(second.Locator("#check-batch-1")).ToBeEnabledAsync();
        await second.ClickAsync("#check-batch-1");
        await Assertions.Expect(second.Locator("#batch-form-title")).ToHaveTextAsync("Check batch 1 from Cardiff");
        await second.FillAsync("#batch-valid", "1");
        await second.FillAsync("#batch-1-against", "1");
        await second.FillAsync("#batch-spoilt", "Voter's signature on it");
        await second.ClickAsync("#submit-batch");
        await Assertions.Expect(second.Locator("#check-differences")).ToContainTextAsync("Motion 1: keyed 1 for, 0 against, 0 abstaining; checked 0 for, 1 against, 0 abstaining.");
        await Assertions.Expect(second.Locator("#batch-1 .batch-status")).ToContainTextAsync("Awaiting");
        await second.FillAsync("#batch-1-against", "0");
        await second.FillAsync("#batch-1-for", "1");
        await second.ClickAsync("#submit-batch");
        await Assertions.Expect(second.Locator("#teller-message")).ToContainTextAsync("Batch 1 matches and is accepted");
        await Assertions.Expect(second.Locator("#batch-1")).ToContainTextAsync("1 valid, 1 spoilt: Signed by the voter");
        await Assertions.Expect(second.Locator("#reconciliation")).ToContainTextAsync("Papers issued vs returned");
        await CheckAccessibilityAsync(second);
        await ScreenshotAsync(second, "tellers-batch-checked-phone");

        var desk = (await Factory.Services.GetRequiredService<TellerService>().DeskAsync(teller, id, cancel))!;
        Assert.Equal(PaperBatchStatus.Accepted, desk.Batches.Single().Status);

        // One paper was issued but two came back (one spoilt): the reconciliation shows the difference for the tellers to explain.
        var papers = desk.Reconciliation.Single(l => l.Scope == "Cardiff" && l.Check.StartsWith("Papers issued", StringComparison.Ordinal));
        Assert.Equal((1L, 2L), (papers.Expected, papers.Actual));
        Assert.True(desk.Reconciliation.Single(l => l.Scope == "Cardiff" && l.Check.StartsWith("Motion 1", StringComparison.Ordinal)).Balances);
    }

    private static async Task CheckAccessibilityAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
