using System.CommandLine;
using CoopRegister.Cli.Commands;
using CoopRegister.Domain.Members;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Tests.Cli;

/// <summary><c>coopreg minimise</c>: the dry run counts and changes nothing; the run minimises and says how many; running again does nothing.</summary>
public sealed class MinimiseCommandTests : CliRegisterTest
{
    protected override IEnumerable<Command> Commands() => [MinimiseCommand.Create()];

    private async Task FormerMembersAsync()
    {
        await using var db = Context();
        var now = DateTime.UtcNow;
        db.Members.Add(Member.CarriedOver(1, new PersonDetails { Name = "Zoë Ó Briain", Address = "12 Beachy Road\nLondon", Postcode = "E3 2NS", Email = "zoe@example.org", NoticesByEmail = true, Phone = "07700 900123" }.Normalised(),
            new DateOnly(2010, 4, 1), new DateOnly(2015, 6, 30), "Resigned", now));
        db.Members.Add(Member.CarriedOver(2, new PersonDetails { Name = "Bart Quist", Address = "1 Main Street\nLeeds", Postcode = "LS1 1AA", Email = "bart@example.org" }.Normalised(),
            new DateOnly(2012, 1, 9), null, null, now));
        await db.SaveChangesAsync(Cancel);
    }

    [Fact]
    public async Task The_dry_run_counts_and_changes_nothing_then_the_run_minimises_once()
    {
        await FormerMembersAsync();

        var dry = await RunAsync("minimise", "--dry-run", "--database", Database);

        Assert.Equal(0, dry.Code);
        Assert.Contains("Retention period: 24 months", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Due: 1; would be minimised: 1; skipped: 0; already minimised: 0.", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", dry.Out, StringComparison.Ordinal);
        await using (var db = Context())
        {
            Assert.Equal("zoe@example.org", (await db.Members.SingleAsync(m => m.MemberNumber == 1, Cancel)).Details.Email);
        }

        var run = await RunAsync("minimise", "--database", Database);

        Assert.Equal(0, run.Code);
        Assert.Contains("Minimised 1 former member(s) in 1 batch(es)", run.Out, StringComparison.Ordinal);
        await using (var db = Context())
        {
            var zoe = await db.Members.SingleAsync(m => m.MemberNumber == 1, Cancel);
            Assert.Null(zoe.Details.Email);
            Assert.Null(zoe.Details.Phone);
            Assert.NotNull(zoe.MinimisedOn);
            Assert.Equal("Zoë Ó Briain", zoe.Details.Name);
            Assert.Equal("bart@example.org", (await db.Members.SingleAsync(m => m.MemberNumber == 2, Cancel)).Details.Email);
            var audit = await db.AuditEvents.SingleAsync(a => a.Action == "member.minimised", Cancel);
            Assert.StartsWith("coopreg (command line", audit.ActorName, StringComparison.Ordinal);
        }

        var again = await RunAsync("minimise", "--database", Database);
        Assert.Contains("Minimised 0 former member(s)", again.Out, StringComparison.Ordinal);
    }
}
