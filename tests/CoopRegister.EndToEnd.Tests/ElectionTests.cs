using System.Globalization;
using System.Text.RegularExpressions;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Meetings;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>A committee election in a meeting: a teller sets it up on the meeting page, a member ranks the candidates with the keyboard only, tellers key a paper ballot, the count and its stages.</summary>
public sealed partial class ElectionTests : BrowserTest
{
    private const string Teller = "teller@example.org";
    private const string Officer = "officer@example.org";
    private const string SecondTeller = "teller2@example.org";
    private const string MemberEmail = "ngozi@example.org";

    [Fact]
    public async Task A_member_ranks_the_candidates_with_the_keyboard_gets_one_receipt_and_finds_it_with_the_stage_by_stage_result()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, "registrar@example.org", Password, Roles.Registrar);
        var tellerActor = await MemberArrangements.CreateLoginAsync(Factory.Services, Teller, Password, Roles.Teller);
        await MemberArrangements.CreateLoginAsync(Factory.Services, Officer, Password, Roles.ReturningOfficer);
        await MemberArrangements.CreateLoginAsync(Factory.Services, SecondTeller, Password, Roles.Teller);
        var application = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Ngozi Okonkwo", MemberEmail), BaseAddress);
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, application, BaseAddress);
        await MemberArrangements.SetPasswordAsync(Factory.Services, MemberEmail, Password);

        // The meeting is called with one motion (the meeting pages' own flow is tested in MeetingTests).
        long meetingId;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
            meetingId = await meetings.CreateAsync(tellerActor, new MeetingForm
            {
                Title = "Annual General Meeting 2026",
                NoticeDate = today,
                VotingOpensAtUtc = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                VotingClosesAtUtc = today.AddDays(20).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
                Sections = [new SectionForm { Name = "London", Date = today.AddDays(20), Place = "Marx Memorial Library" }],
            }, TestContext.Current.CancellationToken);
            var version = (await meetings.GetAsync(tellerActor, meetingId, TestContext.Current.CancellationToken))!.Version;
            await meetings.AddMotionAsync(tellerActor, meetingId, version, new MotionForm { Title = "Annual report", Text = "That the annual report be received." }, TestContext.Current.CancellationToken);
        }

        // The teller adds the election and its candidates on the meeting page, takes the roll and opens voting.
        var teller = await NewPageAsync();
        await SignInAsync(teller, Teller);
        await teller.GotoAsync($"meetings/{meetingId}");
        await Assertions.Expect(teller.Locator("#add-election")).ToBeEnabledAsync();
        await teller.FillAsync("#election-title", "Management committee");
        await teller.FillAsync("#election-seats", "1");
        await teller.ClickAsync("#add-election");
        await Assertions.Expect(teller.Locator("#election-1")).ToContainTextAsync("Election 1: Management committee");
        foreach (var (name, statement) in new[] { ("Ann Archer", "Treasurer since 2019."), ("Bob Baker", "Print worker, Glasgow."), ("Cat Cole", "Reader for thirty years.") })
        {
            await teller.FillAsync("#candidate-name-1", name);
            await teller.FillAsync("#candidate-statement-1", statement);
            await teller.ClickAsync("#add-candidate-1");
            await Assertions.Expect(teller.Locator("#candidates-1")).ToContainTextAsync(name);
        }

        await CheckAccessibilityAsync(teller);
        await teller.ClickAsync("#take-roll");
        await Assertions.Expect(teller.Locator("#roll-summary")).ToContainTextAsync("1 member,");
        await teller.ClickAsync("#open-voting");
        await Assertions.Expect(teller.Locator("#meeting-status")).ToHaveTextAsync("Voting open");
        Assert.Equal(0, await teller.Locator("#add-candidate-1").CountAsync());

        // A paper ballot from the section: one teller keys it, a second teller's blind re-keying accepts it.
        await teller.ClickAsync("#papers-1");
        await Assertions.Expect(teller.Locator("#submit-batch")).ToBeEnabledAsync();
        await teller.FillAsync("#batch-papers", "1,2,3");
        await teller.ClickAsync("#submit-batch");
        await Assertions.Expect(teller.Locator("#batch-1 .batch-status")).ToContainTextAsync("Awaiting a second teller's check");
        await CheckAccessibilityAsync(teller);
        var second = await NewPageAsync();
        await SignInAsync(second, SecondTeller);
        await second.GotoAsync($"meetings/{meetingId}/elections/{await ElectionIdAsync(meetingId)}/papers");
        await Assertions.Expect(second.Locator("#check-batch-1")).ToBeEnabledAsync();
        await second.ClickAsync("#check-batch-1");
        await Assertions.Expect(second.Locator("#batch-form-title")).ToHaveTextAsync("Check batch 1 from London");
        await second.FillAsync("#batch-papers", "1, 2, 3");
        await second.ClickAsync("#submit-batch");
        await Assertions.Expect(second.Locator("#batch-1 .batch-status")).ToContainTextAsync("Accepted: 1 valid, 0 spoilt");

        // The member votes with the keyboard only, on a phone-sized screen: a number typed, candidates moved up.
        var member = await NewPageAsync(phone: true);
        await SignInAsync(member, MemberEmail);
        await member.GotoAsync($"my/meetings/{meetingId}/vote");
        await Assertions.Expect(member.Locator("#election-1 legend")).ToHaveTextAsync("Election: Management committee");
        await Assertions.Expect(member.Locator("#cast-vote")).ToBeEnabledAsync();
        await Assertions.Expect(member.GetByLabel("Bob Baker, your preference number")).ToBeVisibleAsync();
        await member.FocusAsync("#rank-1-2");
        await member.Keyboard.TypeAsync("1");
        await member.Keyboard.PressAsync("Tab");
        await Assertions.Expect(member.Locator("#election-1-summary")).ToHaveTextAsync("Your order: 1. Bob Baker.");
        await Assertions.Expect(member.Locator("#up-1-2")).ToBeFocusedAsync();

        // "Move Ann Archer up" twice: first she becomes the next preference, then she changes place with Bob.
        await member.FocusAsync("#up-1-1");
        await member.Keyboard.PressAsync("Enter");
        await Assertions.Expect(member.Locator("#election-1-summary")).ToHaveTextAsync("Your order: 1. Bob Baker, 2. Ann Archer.");
        await member.Keyboard.PressAsync("Enter");
        await Assertions.Expect(member.Locator("#election-1-summary")).ToHaveTextAsync("Your order: 1. Ann Archer, 2. Bob Baker.");
        await Assertions.Expect(member.Locator("#election-1-announce")).ToContainTextAsync("Ann Archer is now preference 1.");
        await Assertions.Expect(member.Locator("#rank-1-1")).ToHaveValueAsync("1");
        await Assertions.Expect(member.Locator("#rank-1-2")).ToHaveValueAsync("2");

        // A skipped number is explained at once; the member corrects it.
        await member.FocusAsync("#rank-1-3");
        await member.Keyboard.TypeAsync("4");
        await member.Keyboard.PressAsync("Tab");
        await Assertions.Expect(member.Locator("#Election" + await ElectionIdAsync(meetingId) + "-error")).ToContainTextAsync("Your numbers skip 3");
        await CheckAccessibilityAsync(member);
        await member.FocusAsync("#rank-1-3");
        await member.Keyboard.PressAsync("Control+A");
        await member.Keyboard.TypeAsync("3");
        await member.Keyboard.PressAsync("Tab");
        await Assertions.Expect(member.Locator("#election-1-summary")).ToHaveTextAsync("Your order: 1. Ann Archer, 2. Bob Baker, 3. Cat Cole.");
        await Assertions.Expect(member.Locator(".field-error")).ToHaveCountAsync(0);

        await member.FocusAsync("#motion-1-for");
        await member.Keyboard.PressAsync("Space");
        await Assertions.Expect(member.Locator("#motion-1-for")).ToBeCheckedAsync();
        await ScreenshotAsync(member, "election-ballot-phone");
        await member.FocusAsync("#cast-vote");
        await member.Keyboard.PressAsync("Enter");
        await Assertions.Expect(member.Locator("#receipt-code")).ToHaveTextAsync(ReceiptPattern());
        var receipt = (await member.Locator("#receipt-code").TextContentAsync())!.Trim();

        // One visit, one ballot: the receipt is the ballot's, and it holds the motion and the three preferences.
        await using (var db = Factory.Services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContext())
        {
            var ballot = await db.Ballots.Include(b => b.Preferences).Include(b => b.Choices).SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(receipt, ballot.ReceiptCode);
            Assert.Single(ballot.Choices);
            Assert.Equal(3, ballot.Preferences.Count);
            await db.Meetings.Where(m => m.Id == meetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.VotingClosesAt, DateTime.UtcNow.AddMinutes(-1)), TestContext.Current.CancellationToken);
        }

        // Close, count and declare.
        await teller.GotoAsync($"meetings/{meetingId}");
        await Assertions.Expect(teller.Locator("#close-voting")).ToBeEnabledAsync();
        await teller.ClickAsync("#close-voting");
        await Assertions.Expect(teller.Locator("#meeting-status")).ToHaveTextAsync("Voting closed");
        await Assertions.Expect(teller.Locator("#export-blt-1")).ToBeVisibleAsync();
        await teller.ClickAsync("#count");
        await Assertions.Expect(teller.Locator("#meeting-status")).ToHaveTextAsync("Counted");
        await Assertions.Expect(teller.Locator("#elected-1")).ToContainTextAsync("Ann Archer");

        // The paper came from London, where no one was marked present and issued a paper: the election's papers do not
        // reconcile, so a teller explains the difference and a second teller signs it off before the declaration.
        await teller.GotoAsync($"meetings/{meetingId}/tellers");
        await Assertions.Expect(teller.Locator("#counted-differences")).ToContainTextAsync("Election 1: papers issued vs returned");
        await Assertions.Expect(teller.Locator("#save-note")).ToBeEnabledAsync();
        await teller.FillAsync("#reconciliation-note", "The member's paper was keyed before the door teller marked them present.");
        await teller.Keyboard.PressAsync("Tab");
        await teller.ClickAsync("#save-note");
        await Assertions.Expect(teller.Locator("#reconciliation-noted")).ToContainTextAsync("keyed before the door teller");
        await second.GotoAsync($"meetings/{meetingId}/tellers");
        await Assertions.Expect(second.Locator("#sign-off")).ToBeEnabledAsync();
        await second.ClickAsync("#sign-off");
        await Assertions.Expect(second.Locator("#reconciliation-signed")).ToContainTextAsync("Signed off by");
        var officer = await NewPageAsync();
        await SignInAsync(officer, Officer);
        await officer.GotoAsync($"meetings/{meetingId}");
        await Assertions.Expect(officer.Locator("#declare")).ToBeEnabledAsync();
        await officer.ClickAsync("#declare");
        await Assertions.Expect(officer.Locator("#meeting-status")).ToHaveTextAsync("Results declared");

        // The member finds the receipt and reads the election's result, stage by stage.
        await member.GotoAsync("my/meetings");
        await Assertions.Expect(member.Locator($"#check-{meetingId}")).ToBeEnabledAsync();
        await member.FillAsync($"#receipt-{meetingId}", receipt);
        await member.ClickAsync($"#check-{meetingId}");
        await Assertions.Expect(member.Locator($"#receipt-result-{meetingId}")).ToContainTextAsync("Found");
        await member.ClickAsync($"#results-{meetingId}");
        await Assertions.Expect(member.Locator("#elected-1 li")).ToHaveTextAsync(["Ann Archer"]);
        await Assertions.Expect(member.Locator("#figures-1 .quota")).ToHaveTextAsync("2.00000");
        await Assertions.Expect(member.Locator("#figures-1 .valid-papers")).ToHaveTextAsync("2");
        await Assertions.Expect(member.Locator("#figures-1 .paper-ballots")).ToContainTextAsync("1 (spoilt papers, not counted: 0)");
        await Assertions.Expect(member.Locator("#stages-1")).ToContainTextAsync("First preferences");
        await Assertions.Expect(member.Locator("#stages-pdf-1")).ToHaveAttributeAsync("href", $"meetings/{meetingId}/elections/{await ElectionIdAsync(meetingId)}/stages.pdf");
        await CheckAccessibilityAsync(member);
        await ScreenshotAsync(member, "election-results-phone");
    }

    private async Task<string> ElectionIdAsync(long meetingId)
    {
        await using var db = Factory.Services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContext();
        return (await db.Elections.Where(e => e.MeetingId == meetingId).Select(e => e.Id).SingleAsync(TestContext.Current.CancellationToken)).ToString(CultureInfo.InvariantCulture);
    }

    private static async Task CheckAccessibilityAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id}: {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [GeneratedRegex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")]
    private static partial Regex ReceiptPattern();
}
