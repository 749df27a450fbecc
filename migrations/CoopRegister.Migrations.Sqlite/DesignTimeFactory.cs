using CoopRegister.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace CoopRegister.Migrations.Sqlite;

/// <summary>
/// Lets <c>dotnet ef</c> build the SQLite model from this project alone (it is its own startup project).
/// The file named here is only opened by commands that touch a database, such as <c>dotnet ef database update</c>.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RegisterDbContext>
{
    public RegisterDbContext CreateDbContext(string[] args)
    {
        var connectionString = args.Length > 0 ? args[0] : "Data Source=design-time.db";
        return new RegisterDbContext(RegisterDatabase.StandaloneOptions(new DatabaseOptions(DatabaseProvider.Sqlite, connectionString)));
    }
}
