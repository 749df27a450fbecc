using System.Globalization;
using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Access;
using CoopRegister.Features.Demo;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Members;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Testing;

namespace CoopRegister.Features.Tests.Members;

/// <summary>Membership and capital at each year end agree with the movements return as at the same dates.</summary>
public abstract class RegisterTrendsTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public async Task Each_year_end_shows_the_members_and_capital_the_movements_return_gives_for_that_date()
    {
        await Host.SetUpSocietyAsync();
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        await ActivatorUtilities.CreateInstance<DemoDataService>(Host.Services).GenerateAsync(Actor.CommandLine("test"),
            new DemoDataRequest { Members = 400, Seed = 5, Today = Today }, cancellationToken: Cancel);

        var figures = await Host.Get<RegisterTrends>().YearEndsAsync(registrar, 10, Cancel);

        Assert.Equal(11, figures.Count);
        Assert.Equal(Today, figures[^1].Date);
        Assert.True(figures[^1].YearInProgress);
        Assert.All(figures.SkipLast(1), f => Assert.False(f.YearInProgress));
        Assert.True(figures.Zip(figures.Skip(1)).All(p => p.First.Date < p.Second.Date));
        Assert.True(figures[^1].Members > figures[0].Members, "The demonstration register grows over the years.");
        foreach (var f in figures)
        {
            var (members, capitalPence) = await MovementsAtAsync(registrar, f.Date);
            Assert.Equal(members, f.Members);
            Assert.Equal(capitalPence, f.CapitalPence);
        }
    }

    [Fact]
    public async Task A_member_cannot_see_the_registers_figures_and_the_years_asked_for_are_bounded()
    {
        await Host.SetUpSocietyAsync();
        var member = await Host.CreateLoginAsync("member@example.org", Roles.Member);
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Host.Get<RegisterTrends>().YearEndsAsync(member, 10, Cancel));
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => Host.Get<RegisterTrends>().YearEndsAsync(registrar, 50, Cancel));
        Assert.Contains("between 1 and 20 years", tooMany.Message, StringComparison.Ordinal);
    }

    private async Task<(long Members, long CapitalPence)> MovementsAtAsync(Actor actor, DateOnly date)
    {
        using var stream = new MemoryStream();
        await Host.Get<ExportService>().WriteAsync(actor, new ExportRequest(ExportKind.Movements, date, date, date), stream, Cancel);
        long members = 0;
        decimal capital = 0;
        foreach (var line in Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            // Share class, Figure, Value, Unit: the class name is the only field that could hold a comma, so read from the end.
            var fields = line.Split(',');
            var figure = fields[^3];
            var value = decimal.Parse(fields[^2], CultureInfo.InvariantCulture);
            if (figure == "Members at end")
            {
                members = (long)value;
            }
            else if (figure == "Capital at end")
            {
                capital += value;
            }
        }

        return (members, (long)(capital * 100));
    }
}

public sealed class RegisterTrendsTestsOnSqlite() : RegisterTrendsTests(DatabaseProvider.Sqlite);

public sealed class RegisterTrendsTestsOnPostgres() : RegisterTrendsTests(DatabaseProvider.Postgres);
