using System.CommandLine;
using CoopRegister.Data;
using CoopRegister.Features;
using CoopRegister.Features.Access;
using CoopRegister.Features.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoopRegister.Cli;

/// <summary>
/// The options every command shares, and the services built from them. Configuration is read as the web app reads it
/// (appsettings.json in the current folder, then environment variables such as <c>ConnectionStrings__Register</c> and
/// <c>Database__Provider</c>), and <c>--database</c> / <c>--provider</c> override both.
/// </summary>
internal static class CliHost
{
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "A SQLite file or a connection string (overrides ConnectionStrings:Register). Default: data/register.db under the current folder.",
        Recursive = true,
    };

    public static readonly Option<DatabaseProvider?> Provider = new("--provider")
    {
        Description = "Sqlite or Postgres (overrides Database:Provider).",
        Recursive = true,
    };

    public static IHost Build(ParseResult parse, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (parse.GetValue(Provider) is { } provider)
        {
            overrides[DatabaseOptions.ProviderKey] = provider.ToString();
        }

        if (parse.GetValue(Database) is { Length: > 0 } database)
        {
            // A bare path is a SQLite file; anything with '=' is a connection string.
            overrides[$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] =
                database.Contains('=', StringComparison.Ordinal) ? database : $"Data Source={database}";
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddRegisterFeatures(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddRegisterIdentity();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>The command line's actor: the operating-system user who runs it, named in the audit trail.</summary>
    public static Actor Actor => Features.Access.Actor.CommandLine(Environment.UserName);
}
