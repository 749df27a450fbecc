using CoopRegister.Data;
using CoopRegister.Testing;

namespace CoopRegister.Features.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets the feature services over a fresh database of one provider. Each test class
/// is written once, abstract, and run twice: by a <c>…OnSqlite</c> subclass always, and by a <c>…OnPostgres</c>
/// subclass that is skipped (and reported as skipped) when PostgreSQL is not configured.
/// </summary>
public abstract class RegisterTest(DatabaseProvider provider) : IAsyncLifetime
{
    private RegisterTestHost? _host;

    protected DatabaseProvider Provider { get; } = provider;

    protected RegisterTestHost Host => _host ?? throw new InvalidOperationException("The test host is not ready.");

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Provider == DatabaseProvider.Postgres && !TestDatabase.PostgresConfigured, TestDatabase.SkipReason);
        _host = await RegisterTestHost.CreateAsync(Provider);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
