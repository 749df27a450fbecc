using System.Text.RegularExpressions;
using CoopRegister.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>
/// quality.md: officers use two-factor authentication. A newly invited teller's first sign-in goes through setting up
/// an authenticator app (the test is the phone: it reads the key off the page and computes the six-digit code); after
/// an administrator resets it for a lost phone, the next sign-in sets up a new one. A passkey sign-in counts as two
/// factors on its own.
/// </summary>
public sealed class TwoFactorTests : BrowserTest
{
    private const string TellerEmail = "tomos@example.org";
    private const string TellerPassword = "a long teller passphrase";

    [Fact]
    public async Task A_new_teller_sets_up_an_authenticator_at_the_first_sign_in_and_again_after_an_administrator_resets_it()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);
        var admin = await NewPageAsync();
        await SignInAsync(admin, "admin@example.org");
        await admin.GotoAsync("admin/staff");
        await admin.FillAsync("#invite-name", "Tomos Teller");
        await admin.FillAsync("#invite-email", TellerEmail);
        await TickAsync(admin, "#invite-role-Teller");
        await admin.ClickAsync("#send-invitation");
        await Assertions.Expect(admin.Locator("#staff-message")).ToContainTextAsync($"Invitation sent to {TellerEmail}");

        // Accepting the invitation signs the teller in with the new password and goes straight on to the second factor.
        var teller = await NewPageAsync(phone: true);
        await teller.GotoAsync(LinkFromOutbox(TellerEmail, "AcceptInvitation"));
        await teller.FillAsync("#Input\\.Password", TellerPassword);
        await teller.FillAsync("#Input\\.ConfirmPassword", TellerPassword);
        await teller.ClickAsync("#accept-invitation");
        await Assertions.Expect(teller).ToHaveURLAsync(new Regex("Account/TwoFactorRequired"));

        // Until it is set up, the staff pages send the teller back here.
        await teller.GotoAsync("meetings");
        await Assertions.Expect(teller).ToHaveURLAsync(new Regex(@"Account/TwoFactorRequired\?returnUrl=%2Fmeetings"));
        await Assertions.Expect(teller.Locator("#two-factor-why")).ToContainTextAsync("Staff sign in with two factors");
        await Assertions.Expect(teller.Locator("#authenticator-qr")).ToBeVisibleAsync();
        await ScreenshotAsync(teller, "teller-two-factor-setup-phone");
        var firstKey = await EnrolAuthenticatorAsync(teller, TellerEmail);
        Assert.NotNull(firstKey);
        await Assertions.Expect(teller).ToHaveURLAsync(new Regex("/meetings$"));
        await Assertions.Expect(teller.Locator("h1")).ToBeVisibleAsync();

        // The administrator sees the second factor in the staff list, and resets it when the phone is lost.
        await admin.ReloadAsync();
        var row = admin.Locator($"tr[data-email='{TellerEmail}']");
        await Assertions.Expect(row.Locator("[data-two-factor]")).ToHaveAttributeAsync("data-two-factor", "on");
        await row.Locator(".reset-two-factor").ClickAsync();
        await Assertions.Expect(admin.Locator("#staff-message")).ToContainTextAsync("Two-factor sign-in of " + TellerEmail + " reset");
        await Assertions.Expect(row.Locator("[data-two-factor]")).ToHaveAttributeAsync("data-two-factor", "off");

        // The next sign-in asks for no code from the old app: it sets up a new one, with a new key.
        var again = await NewPageAsync(phone: true);
        await again.GotoAsync("Account/Login");
        await again.FillAsync("#Input\\.Email", TellerEmail);
        await again.FillAsync("#Input\\.Password", TellerPassword);
        await again.ClickAsync("button[type=submit]:has-text('Sign in')");
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("Account/TwoFactorRequired"));
        var secondKey = await EnrolAuthenticatorAsync(again, TellerEmail);
        Assert.NotNull(secondKey);
        Assert.NotEqual(firstKey, secondKey);
        await again.GotoAsync("meetings");
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/meetings$"));
    }

    [Fact]
    public async Task A_passkey_sign_in_counts_as_two_factors_for_staff()
    {
        await MemberArrangements.SetUpSocietyAsync(Factory.Services, "admin@example.org", Password);

        // Identity takes passkeys only from an https:// origin, as a real deployment has; the test server speaks plain
        // http on localhost, so its origin is named as the one allowed.
        var origin = $"http://localhost:{BaseAddress.Port}";
        Factory.Services.GetRequiredService<IOptions<IdentityPasskeyOptions>>().Value.ValidateOrigin =
            context => ValueTask.FromResult(string.Equals(context.Origin, origin, StringComparison.Ordinal) && !context.CrossOrigin);

        // WebAuthn does not take an IP address as the site's identity, so this browser reaches the server as localhost;
        // Chromium's virtual authenticator stands in for the phone or security key, with fingerprint (user verification).
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin + "/", Locale = "en-GB", TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var devtools = await context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await SignInAsync(page, "admin@example.org");
        await page.GotoAsync("Account/Manage/Passkeys");
        await page.ClickAsync("button:has-text('Add a new passkey')");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("RenamePasskey"));

        // Signed out, the administrator comes back to the sign-in page, where the browser offers the passkey at once
        // (the e-mail box asks for "username webauthn"); the passkey alone lets them into the staff pages.
        await context.ClearCookiesAsync();
        await page.GotoAsync("Account/Login");
        await Assertions.Expect(page.Locator("#sign-out")).ToBeAttachedAsync();
        await page.GotoAsync("admin/staff");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/staff$"));
        await Assertions.Expect(page.Locator("#invite-email")).ToBeVisibleAsync();
    }
}
