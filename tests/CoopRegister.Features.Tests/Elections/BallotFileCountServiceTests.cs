using System.Text;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Voting.Counting;
using CoopRegister.Features.Access;
using CoopRegister.Features.Elections;
using CoopRegister.Features.Jobs;
using CoopRegister.Features.Tests.Infrastructure;
using CoopRegister.Features.Tests.Meetings;
using CoopRegister.Testing;

namespace CoopRegister.Features.Tests.Elections;

/// <summary>A teller counts an uploaded BLT file and gets the stage-by-stage PDF as their own download.</summary>
public abstract class BallotFileCountServiceTests(DatabaseProvider provider) : RegisterTest(provider)
{
    private const string Stv = "3 2\n7 1 2 0\n3 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cath\"\n\"Board 2026\"\n";

    private BallotFileCountService Service => Host.Get<BallotFileCountService>();

    private static MemoryStream File(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_teller_reads_and_counts_a_file_by_either_method_and_for_other_seats()
    {
        await Host.SetUpSocietyAsync();
        var teller = await Host.CreateLoginAsync("teller@example.org", Roles.Teller);

        var file = await Service.ReadAsync(teller, File(Stv), "board.blt", Cancel);
        var stv = BallotFileCountService.Count(file, CountMethod.ScottishStv, null, []);
        var plurality = BallotFileCountService.Count(file, CountMethod.Plurality, 1, []);

        Assert.Equal("board.blt", file.FileName);
        Assert.Equal(["Ann", "Cath"], stv.ElectedNames);
        Assert.Equal(3, stv.Stages.Count);
        Assert.Equal(["Cath"], plurality.ElectedNames);
        Assert.Equal(1, plurality.Seats);
        var refused = Assert.Throws<DomainException>(() => BallotFileCountService.Count(file, CountMethod.ScottishStv, 0, []));
        Assert.Equal("Seats", Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public async Task A_malformed_file_is_refused_on_the_file_field_with_its_line_and_column()
    {
        await Host.SetUpSocietyAsync();
        var teller = await Host.CreateLoginAsync("teller@example.org", Roles.Teller);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Service.ReadAsync(teller, File("2 1\n1 3 0\n0\nA\nB\n"), "bad.blt", Cancel));

        var violation = Assert.Single(refused.Violations);
        Assert.Equal("File", violation.Field);
        Assert.Equal("bad.blt, line 2, column 3: 3 is out of range for a candidate number (1 to 2).", violation.Message);
    }

    [Fact]
    public async Task Only_tellers_and_the_returning_officer_may_count_a_file()
    {
        await Host.SetUpSocietyAsync();
        var officer = await Host.CreateLoginAsync("ro@example.org", Roles.ReturningOfficer);
        var registrar = await Host.CreateLoginAsync("reg@example.org", Roles.Registrar);
        var member = await Host.CreateLoginAsync("member@example.org", Roles.Member);

        var file = await Service.ReadAsync(officer, File(Stv), "board.blt", Cancel);
        var result = BallotFileCountService.Count(file, CountMethod.ScottishStv, null, []);

        foreach (var refused in new[] { registrar, member, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ReadAsync(refused, File(Stv), "board.blt", Cancel));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service.StartReportAsync(refused, result, draft: false, Cancel));
        }
    }

    [Fact]
    public async Task The_pdf_report_is_headed_with_the_society_and_only_the_teller_who_made_it_can_open_it()
    {
        await Host.SetUpSocietyAsync();
        var teller = await Host.CreateLoginAsync("teller@example.org", Roles.Teller);
        var other = await Host.CreateLoginAsync("teller2@example.org", Roles.Teller);
        var jobs = Host.Get<JobRunner>();
        var file = await Service.ReadAsync(teller, File(Stv), "board.blt", Cancel);
        var result = BallotFileCountService.Count(file, CountMethod.ScottishStv, null, []);

        // Woken by the runner's own notice that the job finished, not by polling.
        var finished = new TaskCompletionSource();
        jobs.Changed += id =>
        {
            if (jobs.Get(id, teller) is { State: not JobState.Running })
            {
                finished.TrySetResult();
            }
        };
        var job = await Service.StartReportAsync(teller, result, draft: true, Cancel);
        if (jobs.Get(job, teller) is not { State: JobState.Running })
        {
            finished.TrySetResult();
        }

        await finished.Task.WaitAsync(Cancel);
        var status = jobs.Get(job, teller)!;
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal("draft-stage-report.pdf", status.FileName);
        Assert.Null(jobs.OpenResult(job, other));
        var opened = jobs.OpenResult(job, teller)!.Value;
        byte[] pdf;
        await using (opened.Content)
        {
            using var copy = new MemoryStream();
            await opened.Content.CopyToAsync(copy, Cancel);
            pdf = copy.ToArray();
        }

        var text = PdfToText.OneLine(PdfToText.Text(pdf));
        Assert.Contains(RegisterTestHost.SampleSociety.RegisteredName, text, StringComparison.Ordinal);
        Assert.Contains("DRAFT — Stage-by-stage report: Board 2026", text, StringComparison.Ordinal);
        Assert.Contains("1. Ann 2. Cath", text, StringComparison.Ordinal);
    }
}

public sealed class BallotFileCountServiceTestsOnSqlite() : BallotFileCountServiceTests(DatabaseProvider.Sqlite);

public sealed class BallotFileCountServiceTestsOnPostgres() : BallotFileCountServiceTests(DatabaseProvider.Postgres);
