using System.Net;
using System.Text.RegularExpressions;
using CoopRegister.Data;
using CoopRegister.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoopRegister.EndToEnd.Tests;

/// <summary>
/// The real app served by Kestrel on 127.0.0.1 over a fresh SQLite database, driven by Debian's Chromium through
/// Playwright. Skipped, visibly, when /usr/bin/chromium is not installed (README: apt-get install chromium).
/// </summary>
public abstract partial class BrowserTest : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    protected const string Password = "correct horse battery staple";

    private TestDatabase? _database;
    private RegisterWebFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<IBrowserContext> _contexts = [];

    protected RegisterWebFactory Factory => _factory ?? throw new InvalidOperationException("Not initialised.");

    protected Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath} (apt-get install chromium); browser tests are skipped.");
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _factory = new RegisterWebFactory(_database);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh browser profile (its own cookies); <paramref name="phone"/> gives a 390×844 touch screen.</summary>
    protected async Task<IPage> NewPageAsync(bool phone = false)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "en-GB", TimezoneId = "Europe/London" };
        if (phone)
        {
            options.ViewportSize = new ViewportSize { Width = 390, Height = 844 };
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 2;
        }

        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Ticks a checkbox or chooses a radio button as a user does, then waits until it shows ticked. Clicking it right
    /// after typing blurs the text box, and the server's render of that change can reach the page between the click
    /// and the box's own change event; the state settles once the server has both, which is what is waited for.
    /// </summary>
    protected static async Task TickAsync(IPage page, string selector)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator(selector).ClickAsync();
        await Assertions.Expect(page.Locator(selector)).ToBeCheckedAsync();
    }

    /// <summary>Saves a full-page screenshot under artifacts/screenshots at the repository root, for people to look at.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Signs in as a person would: the password, then whatever second step the app asks for. Staff are asked for the
    /// code from their authenticator app (computed here from the login's stored key), or, the first time, are taken
    /// through setting one up (the key is read off the page, as a phone would scan it).
    /// </summary>
    protected async Task SignInAsync(IPage page, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        var path = new Uri(page.Url).AbsolutePath;
        if (path.Equals("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            await page.FillAsync("#Input\\.TwoFactorCode", await Authenticator.CodeForAsync(Factory.Services, email));
            await page.ClickAsync("button[type=submit]:has-text('Log in')");
        }
        else if (path.Equals("/Account/TwoFactorRequired", StringComparison.OrdinalIgnoreCase))
        {
            await EnrolAuthenticatorAsync(page, email);
        }

        // Attached rather than visible: on a phone the menu holding it is folded away.
        await Assertions.Expect(page.Locator("#sign-out")).ToBeAttachedAsync();
    }

    /// <summary>
    /// On the page that asks staff for a second factor: sets up the authenticator app from the key shown (or, for a
    /// login that has one, answers with its code), then continues. Returns the key read off the page, if one was shown.
    /// </summary>
    protected async Task<string?> EnrolAuthenticatorAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Assertions.Expect(page.Locator("#two-factor-why")).ToBeVisibleAsync();
        string? key = null;
        if (await page.Locator("#authenticator-key").CountAsync() > 0)
        {
            key = await page.Locator("#authenticator-key").InnerTextAsync();
            await page.FillAsync("#Input\\.Code", Authenticator.Code(key, Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        }
        else
        {
            await page.FillAsync("#Input\\.Code", await Authenticator.CodeForAsync(Factory.Services, email));
        }

        await page.ClickAsync("#two-factor-submit");
        if (key is not null)
        {
            await Assertions.Expect(page.Locator("#two-factor-done")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".recovery-code")).ToHaveCountAsync(10);
            await page.ClickAsync("#two-factor-continue");
        }

        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.Equals("/Account/TwoFactorRequired", StringComparison.OrdinalIgnoreCase));
        return key;
    }

    /// <summary>The first link in the newest outbox message whose text contains <paramref name="contains"/>.</summary>
    protected string LinkFromOutbox(string toAddress, string contains)
    {
        var message = Factory.OutboxFiles().Select(File.ReadAllText).LastOrDefault(m => m.Contains(toAddress, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No message to {toAddress} in the outbox.");
        var text = message.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        return UrlPattern().Matches(text).Select(m => m.Value).First(u => u.Contains(contains, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CoopRegister.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex UrlPattern();
}
