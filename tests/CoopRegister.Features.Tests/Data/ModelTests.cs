using CoopRegister.Data;
using CoopRegister.Testing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Data;

public sealed class ModelTests
{
    [Fact]
    public void Every_string_of_the_register_has_a_maximum_length()
    {
        using var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:")));
        var ours = db.Model.GetEntityTypes().Where(t => t.ClrType.Namespace?.StartsWith("CoopRegister", StringComparison.Ordinal) == true
                                                     && t.ClrType != typeof(CoopRegister.Data.Identity.ApplicationUser));
        var unbounded = ours.SelectMany(t => t.GetProperties().Concat(t.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties())))
            .Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null)
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}")
            .ToList();
        Assert.Empty(unbounded);
    }

    [Fact]
    public void Every_instant_is_stored_as_UTC()
    {
        using var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:")));
        var dateTimes = db.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?));
        Assert.All(dateTimes, p => Assert.NotNull(p.GetValueConverter()));
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_by_name()
    {
        static IEnumerable<string> Names(DatabaseProvider provider, string cs)
        {
            using var db = new RegisterDbContext(RegisterDatabase.StandaloneOptions(new DatabaseOptions(provider, cs)));
            return db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();
        }

        Assert.Equal(Names(DatabaseProvider.Sqlite, "Data Source=:memory:"), Names(DatabaseProvider.Postgres, "Host=localhost;Database=x"));
    }

    [Fact]
    public async Task Data_protection_keys_live_in_the_database()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        Assert.IsAssignableFrom<IDataProtectionKeyContext>(db);
        Assert.Equal(0, await db.DataProtectionKeys.CountAsync(TestContext.Current.CancellationToken));
    }
}
