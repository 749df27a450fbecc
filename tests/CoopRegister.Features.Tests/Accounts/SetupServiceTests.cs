using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Testing;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Accounts;

public abstract class SetupServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private SetupRequest Request(string token, string email = "first@example.org") =>
        new(token, RegisterTestHost.SampleSociety, email, "First Admin", "correct horse battery staple");

    [Fact]
    public async Task Setup_creates_the_society_and_the_first_administrator_and_the_token_dies()
    {
        var setup = Host.Get<SetupService>();
        Assert.True(await setup.IsNeededAsync(Cancel));
        var token = await setup.IssueTokenAsync(Cancel);
        Assert.NotNull(token);
        Assert.True(await setup.IsTokenValidAsync(token, Cancel));

        await setup.CompleteAsync(Request(token), Cancel);

        Assert.False(await setup.IsNeededAsync(Cancel));
        Assert.False(await setup.IsTokenValidAsync(token, Cancel));
        Assert.Null(await setup.IssueTokenAsync(Cancel));
        var actor = await Host.ActorForAsync("first@example.org");
        Assert.Contains(Roles.Administrator, actor.Roles);
        await using var db = Host.NewContext();
        Assert.Equal("12750R", (await db.Societies.SingleAsync(Cancel)).Details.RegistrationNumber);
        Assert.Equal(["society.created", "staff.created"], await db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_nothing_is_written()
    {
        var setup = Host.Get<SetupService>();
        await setup.IssueTokenAsync(Cancel);

        var ex = await Assert.ThrowsAsync<DomainException>(() => setup.CompleteAsync(Request("guessed-token"), Cancel));

        Assert.Equal("Token", ex.Violations.Single().Field);
        await using var db = Host.NewContext();
        Assert.False(await db.Societies.AnyAsync(Cancel));
        Assert.False(await db.Users.AnyAsync(Cancel));
    }

    [Fact]
    public async Task A_new_link_revokes_the_previous_one()
    {
        var setup = Host.Get<SetupService>();
        var first = await setup.IssueTokenAsync(Cancel);
        var second = await setup.IssueTokenAsync(Cancel);

        Assert.False(await setup.IsTokenValidAsync(first, Cancel));
        Assert.True(await setup.IsTokenValidAsync(second, Cancel));
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var setup = Host.Get<SetupService>();
        var token = await setup.IssueTokenAsync(Cancel);
        Host.Clock.Advance(TimeSpan.FromHours(25));

        Assert.False(await setup.IsTokenValidAsync(token, Cancel));
        await Assert.ThrowsAsync<DomainException>(() => setup.CompleteAsync(Request(token!), Cancel));
    }

    [Fact]
    public async Task Invalid_society_details_and_a_short_password_are_all_reported_and_nothing_is_written()
    {
        var setup = Host.Get<SetupService>();
        var token = await setup.IssueTokenAsync(Cancel);
        var request = Request(token!) with
        {
            Society = RegisterTestHost.SampleSociety with { RegisteredName = "No Suffix Society", MaximumHoldingPence = 200_000_00 },
            Password = "short",
            AdminEmail = "not-an-email",
        };

        var ex = await Assert.ThrowsAsync<DomainException>(() => setup.CompleteAsync(request, Cancel));

        var fields = ex.Violations.Select(v => v.Field).ToHashSet();
        Assert.Superset(new HashSet<string?> { "RegisteredName", "MaximumHoldingPence", "Password", "AdminEmail" }, fields);
        Assert.True(await setup.IsTokenValidAsync(token, Cancel));
        await using var db = Host.NewContext();
        Assert.False(await db.Users.AnyAsync(Cancel));
    }

    [Fact]
    public async Task Two_people_racing_with_the_same_link_create_exactly_one_administrator()
    {
        var token = await Host.Get<SetupService>().IssueTokenAsync(Cancel);
        var a = Task.Run(() => Host.Services.CreateScope().ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(Request(token!, "a@example.org"), Cancel), Cancel);
        var b = Task.Run(() => Host.Services.CreateScope().ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(Request(token!, "b@example.org"), Cancel), Cancel);

        var results = await Task.WhenAll(Outcome(a), Outcome(b));

        Assert.Equal(1, results.Count(r => r));
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(Cancel));
        Assert.Equal(1, await db.Societies.CountAsync(Cancel));
    }

    private static async Task<bool> Outcome(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}

public sealed class SetupServiceTestsOnSqlite() : SetupServiceTests(DatabaseProvider.Sqlite);

public sealed class SetupServiceTestsOnPostgres() : SetupServiceTests(DatabaseProvider.Postgres);
