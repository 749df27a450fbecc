using CoopRegister.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace CoopRegister.Migrations.Postgres;

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL model from this project alone (it is its own startup project).
/// Adding a migration or checking for pending model changes connects to nothing; <c>database update</c> uses the
/// connection string given after <c>--</c>.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RegisterDbContext>
{
    public RegisterDbContext CreateDbContext(string[] args)
    {
        var connectionString = args.Length > 0 ? args[0] : "Host=127.0.0.1;Database=coopregister;Username=coop";
        return new RegisterDbContext(RegisterDatabase.StandaloneOptions(new DatabaseOptions(DatabaseProvider.Postgres, connectionString)));
    }
}
