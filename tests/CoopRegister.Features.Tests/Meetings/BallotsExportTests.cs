using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain.Meetings;
using CoopRegister.Features.Access;
using CoopRegister.Features.Exports;
using CoopRegister.Features.Meetings;
using CsvHelper;

namespace CoopRegister.Features.Tests.Meetings;

/// <summary>The anonymised ballots CSV holds everything counted, so that summing it gives the declared result.</summary>
public abstract class BallotsExportTests(DatabaseProvider provider) : SittingMeetingTest(provider)
{
    [Fact]
    public async Task Summing_the_ballots_CSV_gives_the_declared_totals_with_paper_batches_and_spoilt_papers()
    {
        var (teller, second, officer, registrar) = await StaffAsync();
        var (_, ada) = await AdmitAsync(registrar, "Ada Lovelace", "ada@example.org");
        var (_, bea) = await AdmitAsync(registrar, "Bea Brown", "bea@example.org");
        foreach (var n in new long[] { 9001, 9002, 9003, 9004, 9005 })
        {
            await CarriedOverAsync(n, $"Member {n}");
        }

        var id = await OpenMeetingAsync(teller, Form(2), Motion("The accounts"), Motion("The rule change", ThresholdKind.TwoThirds));
        await Meetings.VoteAsync(ada, id, await ChoicesAsync(teller, id, VoteChoice.For, VoteChoice.Against), Cancel);
        await Meetings.VoteAsync(bea, id, await ChoicesAsync(teller, id, VoteChoice.Abstain, VoteChoice.For), Cancel);
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");
        foreach (var n in new long[] { 9001, 9002, 9003 })
        {
            await Tellers.MarkPresentAsync(teller, id, london, n, Cancel);
        }

        await Tellers.MarkPresentAsync(teller, id, glasgow, 9004, Cancel);
        await Tellers.MarkPresentAsync(teller, id, glasgow, 9005, Cancel);

        // London: 2 valid papers and 1 spoilt; Glasgow: 2 valid, one of them blank on motion 2.
        await KeyAndCheckAsync(teller, second, id, london, 2, (2, 0, 0), (1, 1, 0), "two crosses on motion 1");
        await KeyAndCheckAsync(teller, second, id, glasgow, 2, (1, 1, 0), (1, 0, 0));
        await CloseAndCountAsync(teller, id);
        var results = (await Meetings.ResultsAsync(teller, id, Cancel))!;
        Assert.NotNull(results.ReconciliationDifferences); // the blank on motion 2 is a difference to explain
        await Tellers.NoteReconciliationAsync(teller, id, await VersionAsync(teller, id), "One Glasgow paper was left blank on motion 2.", Cancel);
        await Tellers.SignOffReconciliationAsync(second, id, await VersionAsync(teller, id), Cancel);
        await Meetings.DeclareAsync(officer, id, await VersionAsync(teller, id), Cancel);
        results = (await Meetings.ResultsAsync(teller, id, Cancel))!;

        var rows = await ReadAsync(teller, id);
        Assert.Equal(["Ballot", "Receipt", "Channel", "Motion", "Choice", "Section", "Votes"], rows[0]);
        var data = rows.Skip(1).ToList();
        Assert.Contains(data, r => r[0] == "batch-1" && r[2] == "Paper" && r[4] == "Spoilt" && r[5] == "London" && r[6] == "1");
        Assert.All(data.Where(r => r[2] == "Paper"), r => Assert.Equal("", r[1]));
        foreach (var m in results.Motions)
        {
            var res = m.Result!;
            Assert.Equal((res.For, res.Against, res.Abstain), (Sum(data, m.Number, "For"), Sum(data, m.Number, "Against"), Sum(data, m.Number, "Abstain")));
        }

        Assert.Equal((4L, 1L, 1L), (results.Motions[0].Result!.For, results.Motions[0].Result!.Against, results.Motions[0].Result!.Abstain));
        Assert.Equal(results.SpoiltPapers, data.Where(r => r[4] == "Spoilt").Sum(r => long.Parse(r[6], CultureInfo.InvariantCulture)));
        Assert.Equal(results.OnlineBallots + results.ProxyBallots, data.Where(r => r[2] is "Online" or "Proxy").Select(r => r[0]).Distinct().Count());
    }

    [Fact]
    public async Task A_motion_decided_by_show_of_hands_is_exported_as_the_sections_hands()
    {
        var (teller, _, officer, _) = await StaffAsync();
        foreach (var n in new long[] { 9001, 9002, 9003 })
        {
            await CarriedOverAsync(n, $"Member {n}");
        }

        var id = await OpenMeetingAsync(teller, Form(2), Motion("The accounts"));
        var london = await SectionAsync(teller, id, "London");
        var glasgow = await SectionAsync(teller, id, "Glasgow");
        await Tellers.MarkPresentAsync(teller, id, london, 9001, Cancel);
        await Tellers.MarkPresentAsync(teller, id, london, 9002, Cancel);
        await Tellers.MarkPresentAsync(teller, id, glasgow, 9003, Cancel);
        var motion = await MotionIdAsync(teller, id, 1);
        await Hands.RecordAsync(teller, id, london, motion, Counted(1, 0, 1), Cancel);
        await Hands.RecordAsync(teller, id, glasgow, motion, Counted(0, 1, 0), Cancel);
        await CloseAndCountAsync(teller, id, officer: officer);
        var res = await ResultAsync(teller, id, 1);

        var data = (await ReadAsync(teller, id)).Skip(1).ToList();
        Assert.All(data, r => Assert.Equal("ShowOfHands", r[2]));
        Assert.Equal(6, data.Count);
        Assert.Equal((res.For, res.Against, res.Abstain), (Sum(data, 1, "For"), Sum(data, 1, "Against"), Sum(data, 1, "Abstain")));
        Assert.Equal((1L, 1L, 1L, false), (res.For, res.Against, res.Abstain, res.Carried));
    }

    private async Task KeyAndCheckAsync(Actor teller, Actor second, long id, long section, int valid, (int F, int A, int X) m1, (int F, int A, int X) m2, params string[] spoilt)
    {
        var form = PaperBatchForm.For((await Tellers.DeskAsync(teller, id, Cancel))!.Motions);
        form.ValidPapers = valid;
        (form.Motions[0].For, form.Motions[0].Against, form.Motions[0].Abstain) = m1;
        (form.Motions[1].For, form.Motions[1].Against, form.Motions[1].Abstain) = m2;
        form.SpoiltReasons = string.Join("\n", spoilt);
        var number = await Tellers.KeyBatchAsync(teller, id, section, form, Cancel);
        var batch = (await Tellers.DeskAsync(teller, id, Cancel))!.Batches.Single(b => b.Number == number);
        Assert.True((await Tellers.CheckBatchAsync(second, id, batch.Id, form, Cancel)).Accepted);
    }

    private static long Sum(List<string[]> rows, int motion, string choice) =>
        rows.Where(r => r[3] == motion.ToString(CultureInfo.InvariantCulture) && r[4] == choice).Sum(r => long.Parse(r[6], CultureInfo.InvariantCulture));

    private async Task<List<string[]>> ReadAsync(Actor actor, long id)
    {
        using var stream = new MemoryStream();
        var count = await Host.Get<ExportService>().WriteMeetingAsync(actor, MeetingExportKind.Ballots, id, stream, Cancel);
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(new MemoryStream(stream.ToArray()), CsvReaderOptions.Default with { HasHeader = false });
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        Assert.Equal(count, rows.Count - 1);
        return rows;
    }
}

public sealed class BallotsExportTestsOnSqlite() : BallotsExportTests(DatabaseProvider.Sqlite);

public sealed class BallotsExportTestsOnPostgres() : BallotsExportTests(DatabaseProvider.Postgres);
