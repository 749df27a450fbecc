using CoopRegister.Data.Identity;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Members;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Registration;
using CoopRegister.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

public sealed class RegistrarTests : BrowserTest
{
    private const string Registrar = "rhiannon@example.org";

    [Fact]
    public async Task A_registrar_records_a_payment_allots_it_finds_the_new_member_and_corrects_their_address()
    {
        var (first, second) = await ArrangeAsync();

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);

        // From here on the browser reports no script error (the sign-in page's passkey check refuses an IP address, so it is left out).
        var browserErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                browserErrors.Add(message.Text);
            }
        };

        // The queue shows both applications; neither is paid, so neither can be ticked yet.
        await page.GotoAsync("register/applications");
        var queue = page.Locator("#application-queue");
        await Assertions.Expect(queue.Locator($"tr[data-reference='{first.Reference}']")).ToContainTextAsync("Siân Llewellyn");
        await Assertions.Expect(queue.Locator($"tr[data-reference='{second.Reference}']")).ToContainTextAsync("Łukasz Żółkiewski");
        await Assertions.Expect(page.Locator($"#select-{first.Id}")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "registrar-queue");

        // The registrar opens the first application and records the money that came in.
        await page.ClickAsync($"a:text-is('{first.Reference}')");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(first.Reference);
        await Assertions.Expect(page.Locator("#payment-amount")).ToHaveValueAsync("50.00");
        await page.FillAsync("#payment-reference", "BACS LLEWELLYN 50");
        await page.ClickAsync("#record-payment");
        await Assertions.Expect(page.Locator("#application-message")).ToContainTextAsync("Payment of £50.00 recorded");
        await Assertions.Expect(page.Locator("#application-status")).ToHaveTextAsync(ApplicationStatus.Paid.Describe());
        await Assertions.Expect(page.Locator("#payments")).ToContainTextAsync("BACS LLEWELLYN 50");
        await ScreenshotAsync(page, "registrar-application-paid");

        // Back in the queue, the paid application is ticked and allotted as at today.
        await page.ClickAsync("nav[aria-label=breadcrumb] a:text-is('Applications')");
        await TickAsync(page, $"#select-{first.Id}");
        await Assertions.Expect(page.Locator("#selection-summary")).ToContainTextAsync("50 shares, £50.00");
        await Assertions.Expect(page.Locator("#allotment-date")).ToHaveValueAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#allot-selected");
        await Assertions.Expect(page.Locator("#confirm-panel")).ToContainTextAsync("1 application");
        await ScreenshotAsync(page, "registrar-allot-confirm");
        await page.ClickAsync("#confirm-allotment");
        var result = page.Locator("#allotment-result");
        await Assertions.Expect(result.Locator($"tr[data-reference='{first.Reference}'] .allotted-member-number")).ToHaveTextAsync("1");
        await Assertions.Expect(result).ToContainTextAsync("New member");
        await Assertions.Expect(queue.Locator($"tr[data-reference='{first.Reference}']")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "registrar-allotted");

        // The register finds her by the start of her surname and by her postcode.
        await page.GotoAsync("register");
        await page.FillAsync("#member-search", "llew");
        await Assertions.Expect(page.Locator("#member-count")).ToContainTextAsync("1 member whose name starts with “llew”");
        await Assertions.Expect(page.Locator("#member-grid")).ToContainTextAsync("Siân Llewellyn");
        await page.FillAsync("#member-search", "CF11");
        await Assertions.Expect(page.Locator("#member-count")).ToContainTextAsync("1 member whose postcode starts with “CF11”");
        await ScreenshotAsync(page, "registrar-register-search");

        // Her page shows the holding and the allotment on the ledger.
        await page.ClickAsync("#member-grid a:text-is('1')");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Member 1: Siân Llewellyn");
        await Assertions.Expect(page.Locator("#holdings")).ToContainTextAsync("50");
        await Assertions.Expect(page.Locator("#ledger")).ToContainTextAsync("Allotment");
        await Assertions.Expect(page.Locator("#ledger")).ToContainTextAsync(first.Reference);
        await Assertions.Expect(page.Locator("#login-state")).ToContainTextAsync("Invited");

        // She has moved: the registrar corrects the address and the change is in the history.
        await page.ClickAsync("#edit-details");
        await page.FillAsync("#edit-address", "3 Heol y Castell\nCaerdydd");
        await page.FillAsync("#edit-postcode", "cf10 1bj");
        await page.ClickAsync("#save-details");
        await Assertions.Expect(page.Locator("#member-message")).ToContainTextAsync("Details saved");
        await Assertions.Expect(page.Locator("#entry-address")).ToContainTextAsync("CF10 1BJ");
        var latest = page.Locator("#audit-history li").First;
        await Assertions.Expect(latest).ToContainTextAsync("Details of member 1 changed: address");
        await Assertions.Expect(latest.Locator(".audit-after").First).ToContainTextAsync("3 Heol y Castell");
        await Assertions.Expect(latest.Locator(".audit-before").First).ToContainTextAsync("Transport House");
        await ScreenshotAsync(page, "registrar-member-edited");
        Assert.Empty(browserErrors);

        // On a phone the register list still fits: its table scrolls sideways inside the page.
        var phone = await NewPageAsync(phone: true);
        await SignInAsync(phone, Registrar);
        await phone.GotoAsync("register");
        await Assertions.Expect(phone.Locator("#member-grid")).ToContainTextAsync("Siân Llewellyn");
        var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The register list is wider than a phone's screen.");
        await ScreenshotAsync(phone, "registrar-register-phone");
        foreach (var (path, name) in new[] { ("register/members/1", "registrar-member-phone"), ("register/applications", "registrar-queue-phone") })
        {
            await phone.GotoAsync(path);
            await Assertions.Expect(phone.Locator("h1")).ToBeVisibleAsync();
            Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth"), $"{path} is wider than a phone's screen.");
            await ScreenshotAsync(phone, name);
        }
    }

    [Fact]
    public async Task A_likely_duplicate_is_shown_and_the_registrar_makes_it_a_top_up()
    {
        var (first, _) = await ArrangeAsync();
        using (var scope = Factory.Services.CreateScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
            var registrar = await ActorAsync(scope);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await applications.RecordPaymentAsync(registrar, first.Id, first.Amount.Pence, today, PaymentMethod.BankTransfer, null, TestContext.Current.CancellationToken);
            await applications.AllotAsync(registrar, [first.Id], today, BaseAddress, TestContext.Current.CancellationToken);
        }

        var again = await SubmitAsync(Applicant("Siân Llewellyn", "sian@example.org", "CF11 9SD", 25));
        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync($"register/applications/{again.Id}");
        await Assertions.Expect(page.Locator("#likely-matches")).ToContainTextAsync("same e-mail address");
        await ScreenshotAsync(page, "registrar-likely-match");
        await page.ClickAsync("#likely-matches button:has-text('Top up member 1')");
        await Assertions.Expect(page.Locator("#application-message")).ToContainTextAsync("top-up");
        await Assertions.Expect(page.Locator("#application-member")).ToContainTextAsync("Member 1");
    }

    [Fact]
    public async Task A_mistaken_allotment_is_reversed_and_the_register_as_at_an_earlier_date_is_read_from_the_ledger()
    {
        var (first, _) = await ArrangeAsync();
        long memberId;
        using (var scope = Factory.Services.CreateScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<ApplicationService>();
            var registrar = await ActorAsync(scope);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await applications.RecordPaymentAsync(registrar, first.Id, first.Amount.Pence, today, PaymentMethod.BankTransfer, null, TestContext.Current.CancellationToken);
            memberId = (await applications.AllotAsync(registrar, [first.Id], today, BaseAddress, TestContext.Current.CancellationToken)).Lines.Single().MemberId;
        }

        var page = await NewPageAsync();
        await SignInAsync(page, Registrar);
        await page.GotoAsync($"register/members/{memberId}");
        await page.ClickAsync("#ledger button:has-text('Reverse…')");
        await page.ClickAsync("#confirm-reversal");
        await Assertions.Expect(page.Locator("#Reason-error")).ToContainTextAsync("Say why");
        await page.FillAsync("#reverse-reason", "Allotted to the wrong applicant");
        await ScreenshotAsync(page, "registrar-reverse-entry");
        await page.ClickAsync("#confirm-reversal");
        await Assertions.Expect(page.Locator("#member-message")).ToContainTextAsync("reversed");
        var rows = page.Locator("#ledger tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Reversed");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Reversal");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("-50");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Allotted to the wrong applicant");
        await Assertions.Expect(page.Locator("#ledger button:has-text('Reverse…')")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#audit-history li").First).ToContainTextAsync("reversed: Allotted to the wrong applicant");

        // Yesterday nobody was a member yet; today the member is on the register with no shares left.
        await page.GotoAsync("register");
        await Assertions.Expect(page.Locator("#member-count")).ToContainTextAsync("1 member");
        await Assertions.Expect(page.Locator("#member-grid tbody")).ToContainTextAsync("£0.00");
        await page.FillAsync("#as-at", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#member-count")).ToContainTextAsync("0 members on the register on");
        await Assertions.Expect(page.Locator("#no-members")).ToBeVisibleAsync();
        await page.ClickAsync("#clear-as-at");
        await Assertions.Expect(page.Locator("#member-count")).ToContainTextAsync("1 member");
    }

    [Fact]
    public async Task An_auditor_reads_the_queue_and_the_member_but_is_offered_no_change()
    {
        var (first, _) = await ArrangeAsync();
        await CreateLoginAsync("audrey@example.org", Roles.Auditor);

        var page = await NewPageAsync();
        await SignInAsync(page, "audrey@example.org");
        await page.GotoAsync("register/applications");
        await Assertions.Expect(page.Locator($"#application-queue tr[data-reference='{first.Reference}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#allot-panel")).ToHaveCountAsync(0);
        await page.ClickAsync($"a:text-is('{first.Reference}')");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(first.Reference);
        await Assertions.Expect(page.Locator("#record-payment")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#refuse")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "auditor-application");
    }

    private async Task<(SubmittedApplication First, SubmittedApplication Second)> ArrangeAsync()
    {
        using (var scope = Factory.Services.CreateScope())
        {
            var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
            var token = await setup.IssueTokenAsync(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("Already set up.");
            await setup.CompleteAsync(new(token, RegisterTestHost.SampleSociety, "ada@example.org", "Ada Admin", Password), TestContext.Current.CancellationToken);
        }

        await CreateLoginAsync(Registrar, Roles.Registrar);
        var first = await SubmitAsync(Applicant("Siân Llewellyn", "sian@example.org", "CF11 9SD", 50));
        var second = await SubmitAsync(Applicant("Łukasz Żółkiewski", "lukasz@example.org", "E3 2NS", 20));
        return (first, second);
    }

    private static ApplicationForm Applicant(string name, string email, string postcode, long shares) => new()
    {
        Kind = MemberKind.Individual,
        Name = name,
        Address = "Transport House\n1 Cathedral Road\nCardiff",
        Postcode = postcode,
        Email = email,
        DateOfBirth = new DateOnly(1984, 3, 9),
        Shares = shares,
        PaymentMethod = PaymentMethod.BankTransfer,
        NoticesByEmail = true,
        DeclarationsAccepted = true,
    };

    private async Task<SubmittedApplication> SubmitAsync(ApplicationForm form)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationService>().SubmitAsync(form, BaseAddress, TestContext.Current.CancellationToken);
    }

    private async Task CreateLoginAsync(string email, string role)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    private static async Task<CoopRegister.Features.Access.Actor> ActorAsync(IServiceScope scope)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(Registrar) ?? throw new InvalidOperationException("No registrar.");
        return new CoopRegister.Features.Access.Actor(user.Id, Registrar, [Roles.Registrar], SignedInWithTwoFactors: true);
    }
}
