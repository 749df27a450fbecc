using System.Net;
using CoopRegister.Data;
using CoopRegister.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoopRegister.Web.Tests;

/// <summary>The web app over a fresh SQLite database for each test, with the feature services beside it for arranging data.</summary>
public abstract class WebTestBase : IAsyncLifetime
{
    protected const string Password = "correct horse battery staple";

    private TestDatabase? _database;
    private RegisterWebFactory? _factory;

    protected RegisterWebFactory Factory => _factory ?? throw new InvalidOperationException("Not initialised.");

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _factory = new RegisterWebFactory(_database);
    }

    public async ValueTask DisposeAsync()
    {
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

    internal WebSession NewSession() =>
        new(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), Factory.Services);

    /// <summary>Runs first-run setup through the app's own services and returns the administrator's e-mail.</summary>
    protected async Task<string> SetUpSocietyAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<CoopRegister.Features.Accounts.SetupService>();
        var token = await setup.IssueTokenAsync(Cancel) ?? throw new InvalidOperationException("Already set up.");
        await setup.CompleteAsync(new(token, RegisterTestHost.SampleSociety, "admin@example.org", "Ada Admin", Password), Cancel);
        await Authenticator.EnrolIfStaffAsync(Factory.Services, "admin@example.org");
        return "admin@example.org";
    }

    /// <summary>
    /// Creates a confirmed login holding <paramref name="roles"/>; a staff login also gets an authenticator app, as it
    /// would have at its first sign-in (use <see cref="CreateLoginWithoutSecondFactorAsync"/> for one that has not yet).
    /// </summary>
    protected async Task CreateLoginAsync(string email, params string[] roles)
    {
        await CreateLoginWithoutSecondFactorAsync(email, roles);
        await Authenticator.EnrolIfStaffAsync(Factory.Services, email);
    }

    /// <summary>Creates a confirmed login holding <paramref name="roles"/>, with no authenticator app set up.</summary>
    protected async Task CreateLoginWithoutSecondFactorAsync(string email, params string[] roles)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CoopRegister.Data.Identity.ApplicationUser>>();
        var user = new CoopRegister.Data.Identity.ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        if (roles.Length > 0)
        {
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }
    }

    /// <summary>A new session signed in with the shared test password.</summary>
    private protected async Task<WebSession> SignedInAsync(string email)
    {
        var session = NewSession();
        var response = await session.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>The page's HTML, after checking it was served.</summary>
    private protected static async Task<string> ReadAsync(WebSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    /// <summary>The page's text with HTML entities decoded (names with apostrophes and accents read as written), after checking it was served.</summary>
    private protected static async Task<string> ReadDecodedAsync(WebSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
    }
}
