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
        new(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Runs first-run setup through the app's own services and returns the administrator's e-mail.</summary>
    protected async Task<string> SetUpSocietyAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<CoopRegister.Features.Accounts.SetupService>();
        var token = await setup.IssueTokenAsync(Cancel) ?? throw new InvalidOperationException("Already set up.");
        await setup.CompleteAsync(new(token, RegisterTestHost.SampleSociety, "admin@example.org", "Ada Admin", Password), Cancel);
        return "admin@example.org";
    }

    /// <summary>Creates a confirmed login holding <paramref name="roles"/>.</summary>
    protected async Task CreateLoginAsync(string email, params string[] roles)
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
}
