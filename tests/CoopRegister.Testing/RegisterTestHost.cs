using CoopRegister.Data;
using CoopRegister.Data.Identity;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Society;
using CoopRegister.Features;
using CoopRegister.Features.Access;
using CoopRegister.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoopRegister.Testing;

/// <summary>
/// The feature services as the web app and <c>coopreg</c> wire them, over a fresh database, with a fake clock and an
/// outbox folder of the test's own.
/// </summary>
public sealed class RegisterTestHost : IAsyncDisposable
{
    /// <summary>A plausible society: PPPS's published details (domain rules §12).</summary>
    public static readonly SocietyDetails SampleSociety = new()
    {
        RegisteredName = "People's Press Printing Society Limited",
        RegistrationNumber = "12750R",
        RegisteredOffice = "William Rust House\n52 Beachy Road\nLondon E3 2NS",
        ShareNominalValuePence = 100,
        MinimumHoldingShares = 1,
        MaximumHoldingPence = 100_000_00,
        MinimumAge = 16,
        WithdrawalNoticeDays = 90,
        SharesWithdrawable = true,
        SharesTransferable = false,
        ProxyCapPerHolder = 5,
        NoticeClearDays = 14,
        BankAccountName = "PPPS Share Account",
        BankSortCode = "08-92-99",
        BankAccountNumber = "65746384",
    };

    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private RegisterTestHost(TestDatabase database, ServiceProvider services, FakeTimeProvider clock, string outbox)
    {
        Database = database;
        _services = services;
        _scope = services.CreateAsyncScope();
        Clock = clock;
        OutboxDirectory = outbox;
    }

    public TestDatabase Database { get; }
    public IServiceProvider Services => _services;
    public FakeTimeProvider Clock { get; }
    public string OutboxDirectory { get; }

    public static async Task<RegisterTestHost> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var outbox = Path.Combine(AppContext.BaseDirectory, "testdb", $"outbox-{Guid.NewGuid():N}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseOptions.ProviderKey] = provider.ToString(),
            [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = database.Options.ConnectionString,
            ["Mail:OutboxDirectory"] = outbox,
        }).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(clock);
        services.AddRegisterFeatures(configuration, AppContext.BaseDirectory);
        services.AddRegisterIdentity();
        configure?.Invoke(services);
        return new RegisterTestHost(database, services.BuildServiceProvider(validateScopes: true), clock, outbox);
    }

    /// <summary>A service as one circuit (one scope) would see it.</summary>
    public T Get<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public RegisterDbContext NewContext() => _services.GetRequiredService<IDbContextFactory<RegisterDbContext>>().CreateDbContext();

    /// <summary>Runs first-run setup with <see cref="SampleSociety"/> and returns the administrator as an actor.</summary>
    public async Task<Actor> SetUpSocietyAsync(string adminEmail = "admin@example.org")
    {
        await using var scope = _services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        var token = await setup.IssueTokenAsync() ?? throw new InvalidOperationException("Setup was already done.");
        await setup.CompleteAsync(new SetupRequest(token, SampleSociety, adminEmail, "Ada Admin", "correct horse battery staple"));
        await Authenticator.EnrolIfStaffAsync(_services, adminEmail);
        return await ActorForAsync(adminEmail);
    }

    /// <summary>Creates a confirmed login with the given roles (as an accepted invitation would) and returns it as an actor.</summary>
    public async Task<Actor> CreateLoginAsync(string email, params string[] roles)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = Clock.GetUtcNow().UtcDateTime };
        Check(await users.CreateAsync(user, "correct horse battery staple"));
        if (roles.Length > 0)
        {
            Check(await users.AddToRolesAsync(user, roles));
            if (Roles.HoldsStaffRole(roles))
            {
                await Authenticator.EnrolAsync(users, user);
            }
        }

        return await ActorForAsync(email);
    }

    /// <summary>
    /// The login as the web app hands it to services after a sign-in; <paramref name="twoFactor"/> says whether that
    /// sign-in used two factors, as every staff sign-in must (quality.md).
    /// </summary>
    public async Task<Actor> ActorForAsync(string email, bool twoFactor = true)
    {
        await using var db = NewContext();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var roles = await AccessGuard.RolesOfAsync(db, user.Id, CancellationToken.None);
        return new Actor(user.Id, email, roles, SignedInWithTwoFactors: twoFactor);
    }

    /// <summary>The messages written to the outbox, oldest first.</summary>
    public IReadOnlyList<string> OutboxFiles() =>
        Directory.Exists(OutboxDirectory) ? Directory.GetFiles(OutboxDirectory, "*.eml").Order(StringComparer.Ordinal).ToList() : [];

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(OutboxDirectory))
        {
            Directory.Delete(OutboxDirectory, recursive: true);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Roles for convenience in tests.</summary>
    public static class As
    {
        public const string Registrar = Roles.Registrar;
        public const string Auditor = Roles.Auditor;
        public const string Administrator = Roles.Administrator;
        public const string Teller = Roles.Teller;
    }
}
