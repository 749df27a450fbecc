using System.Globalization;
using System.Text.RegularExpressions;
using CoopRegister.Data;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Meetings;
using CoopRegister.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>A general meeting as people run it: a teller prepares it and opens voting, a member votes on a phone, the count and declaration, the receipt check.</summary>
public sealed partial class MeetingTests : BrowserTest
{
    private const string Teller = "teller@example.org";
    private const string Officer = "officer@example.org";
    private const string MemberEmail = "sian@example.org";

    [Fact]
    public async Task A_teller_opens_voting_a_member_votes_on_a_phone_and_after_the_declaration_finds_their_receipt_and_the_result()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);
        var registrar = await MemberArrangements.CreateLoginAsync(Factory.Services, "registrar@example.org", Password, Roles.Registrar);
        await MemberArrangements.CreateLoginAsync(Factory.Services, Teller, Password, Roles.Teller);
        await MemberArrangements.CreateLoginAsync(Factory.Services, Officer, Password, Roles.ReturningOfficer);
        var application = await MemberArrangements.ApplyAsync(Factory.Services, MemberArrangements.Individual("Siân Llewellyn", MemberEmail), BaseAddress);
        await MemberArrangements.PayAndAllotAsync(Factory.Services, registrar, application, BaseAddress);
        await MemberArrangements.SetPasswordAsync(Factory.Services, MemberEmail, Password);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The teller calls the meeting (notice today, voting from midnight), adds a motion, takes the roll and opens voting.
        var teller = await NewPageAsync();
        await SignInAsync(teller, Teller);
        await teller.ClickAsync("nav a:text-is('Meetings')");
        await Assertions.Expect(teller.Locator("h1")).ToHaveTextAsync("General meetings");
        await teller.ClickAsync("#call-meeting");
        await Assertions.Expect(teller.Locator("#save-meeting")).ToBeEnabledAsync();
        await teller.FillAsync("#meeting-title", "Annual General Meeting");
        await teller.FillAsync("#voting-opens", today + "T00:00");
        await teller.FillAsync("#section-name-0", "London");
        await teller.FillAsync("#section-place-0", "Marx Memorial Library");
        await teller.ClickAsync("#save-meeting");
        await Assertions.Expect(teller.Locator("#meeting-status")).ToHaveTextAsync("Preparing");
        var meetingId = long.Parse(MeetingPath().Match(teller.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await teller.ClickAsync("#edit-meeting");
        await Assertions.Expect(teller.Locator("#save-meeting")).ToBeEnabledAsync();
        await Assertions.Expect(teller.Locator("#section-name-0")).ToHaveValueAsync("London");
        await teller.FillAsync("#meeting-title", "Annual General Meeting 2026");
        await teller.ClickAsync("#save-meeting");
        await Assertions.Expect(teller.Locator("h1")).ToContainTextAsync("Annual General Meeting 2026");
        await teller.FillAsync("#motion-title", "Annual report");
        await teller.FillAsync("#motion-text", "That the Management Committee's annual report be received.");
        await teller.ClickAsync("#add-motion");
        await Assertions.Expect(teller.Locator("#motions")).ToContainTextAsync("Annual report");
        await teller.ClickAsync("#edit-motion-1");
        await Assertions.Expect(teller.Locator("#motion-form-title")).ToHaveTextAsync("Change the motion");
        await teller.FillAsync("#motion-title", "Annual report 2026");
        await teller.ClickAsync("#add-motion");
        await Assertions.Expect(teller.Locator("#motions")).ToContainTextAsync("Annual report 2026");
        await Assertions.Expect(teller.Locator("#motion-form-title")).ToHaveTextAsync("Add a motion");
        await teller.ClickAsync("#take-roll");
        await Assertions.Expect(teller.Locator("#roll-summary")).ToContainTextAsync("1 member,");
        await teller.ClickAsync("#open-voting");
        await Assertions.Expect(teller.Locator("#meeting-status")).ToHaveTextAsync("Voting open");
        await CheckAccessibilityAsync(teller);
        await ScreenshotAsync(teller, "meeting-voting-open");

        // The member votes on a phone and is given a receipt code, once.
        var member = await NewPageAsync(phone: true);
        await SignInAsync(member, MemberEmail);
        await member.GotoAsync("my/meetings");
        await member.ClickAsync($"#vote-{meetingId}");
        await Assertions.Expect(member.Locator("h1")).ToHaveTextAsync("Vote: Annual General Meeting 2026");
        await Assertions.Expect(member.Locator("#motion-1 legend")).ToHaveTextAsync("Motion 1: Annual report 2026");
        await Assertions.Expect(member.Locator("#cast-vote")).ToBeEnabledAsync();
        await CheckAccessibilityAsync(member);
        await member.ClickAsync("label[for='motion-1-for']");
        await ScreenshotAsync(member, "meeting-ballot-phone");
        await member.ClickAsync("#cast-vote");
        await Assertions.Expect(member.Locator("#receipt-code")).ToHaveTextAsync(ReceiptPattern());
        var receipt = (await member.Locator("#receipt-code").TextContentAsync())!.Trim();
        await ScreenshotAsync(member, "meeting-receipt-phone");
        await member.GotoAsync($"my/meetings/{meetingId}/vote");
        await Assertions.Expect(member.Locator("#no-ballot")).ToBeVisibleAsync();

        // The window ends (the test moves its end to a minute ago); the teller closes and counts, the returning officer declares.
        await using (var db = Factory.Services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContext())
        {
            await db.Meetings.Where(m => m.Id == meetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.VotingClosesAt, DateTime.UtcNow.AddMinutes(-1)), TestContext.Current.CancellationToken);
        }

        await teller.ReloadAsync();
        await Assertions.Expect(teller.Locator("#close-voting")).ToBeEnabledAsync();
        await teller.ClickAsync("#close-voting");
        await Assertions.Expect(teller.Locator("#meeting-status")).ToHaveTextAsync("Voting closed");
        await teller.ClickAsync("#count");
        await Assertions.Expect(teller.Locator("#meeting-status")).ToHaveTextAsync("Counted");
        Assert.Equal(0, await teller.Locator("#declare").CountAsync());

        var officer = await NewPageAsync();
        await SignInAsync(officer, Officer);
        await officer.GotoAsync($"meetings/{meetingId}");
        await Assertions.Expect(officer.Locator("#declare")).ToBeEnabledAsync();
        await officer.ClickAsync("#declare");
        await Assertions.Expect(officer.Locator("#meeting-status")).ToHaveTextAsync("Results declared");

        // The member finds the receipt in the published list and reads the result.
        await member.GotoAsync("my/meetings");
        await Assertions.Expect(member.Locator($"#check-{meetingId}")).ToBeEnabledAsync();
        await member.FillAsync($"#receipt-{meetingId}", receipt.ToLowerInvariant());
        await member.ClickAsync($"#check-{meetingId}");
        await Assertions.Expect(member.Locator($"#receipt-result-{meetingId}")).ToContainTextAsync("Found");
        await CheckAccessibilityAsync(member);
        await member.ClickAsync($"#results-{meetingId}");
        await Assertions.Expect(member.Locator("#motion-1 .result-badge")).ToHaveTextAsync("CARRIED");
        await Assertions.Expect(member.Locator("#motion-1 .for-count")).ToHaveTextAsync("1");
        await Assertions.Expect(member.Locator("#turnout")).ToContainTextAsync("turnout 100.0%");
        await CheckAccessibilityAsync(member);
        await ScreenshotAsync(member, "meeting-results-phone");
    }

    private static async Task CheckAccessibilityAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [GeneratedRegex(@"/meetings/(\d+)$")]
    private static partial Regex MeetingPath();

    [GeneratedRegex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")]
    private static partial Regex ReceiptPattern();
}
