using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Data;

/// <summary>Builds the options of <see cref="RegisterDbContext"/> for either provider, and applies migrations.</summary>
public static class RegisterDatabase
{
    public const string SqliteMigrationsAssembly = "CoopRegister.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "CoopRegister.Migrations.Postgres";

    /// <summary>
    /// Identity's schema version 3 (with the passkeys table). Identity reads it from the application's services
    /// when it builds the model, so a context made outside the web app must be given the same setting
    /// (<see cref="StandaloneOptions"/>), or its model would differ from the migrations.
    /// </summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version3;

    private static readonly IServiceProvider IdentityOptionsServices = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersion)
        .BuildServiceProvider();

    /// <summary>Configures the provider, its migrations assembly and, for SQLite, the connection pragmas.</summary>
    public static DbContextOptionsBuilder UseRegisterDatabase(this DbContextOptionsBuilder builder, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        return database.Provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(database.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => builder
                .UseSqlite(database.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly).CommandTimeout(60))
                .AddInterceptors(SqlitePragmaInterceptor.Instance),
        };
    }

    /// <summary>Options for a context made outside dependency injection (the command line, tests, design time).</summary>
    public static DbContextOptions<RegisterDbContext> StandaloneOptions(DatabaseOptions database) =>
        (DbContextOptions<RegisterDbContext>)new DbContextOptionsBuilder<RegisterDbContext>()
            .UseRegisterDatabase(database)
            .UseApplicationServiceProvider(IdentityOptionsServices)
            .Options;

    /// <summary>Registers the context factory (and, through it, a scoped context for Identity's stores).</summary>
    public static IServiceCollection AddRegisterDatabase(this IServiceCollection services, DatabaseOptions database)
    {
        database.EnsureSqliteDirectory();
        services.AddSingleton(database);
        services.AddDbContextFactory<RegisterDbContext>(o => o.UseRegisterDatabase(database));
        return services;
    }

    /// <summary>
    /// Applies every migration not yet applied, then chains the audit events of a register kept before the chain
    /// existed. Safe to call at every start: it does nothing when up to date.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(RegisterDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);

        // A register kept before its audit trail was hash-chained gets its existing events chained, once, in id order.
        await AuditChain.LinkExistingAsync(db, cancellationToken);
        return pending;
    }
}
