using System.Diagnostics;
using CoopRegister.Data;
using CoopRegister.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Benchmarks;

/// <summary>
/// The registrar's register over a million members (quality.md): member search by name, number, postcode and e-mail
/// (target p95 under 50 ms, server time: the service's query), and the register list's first page in each order
/// (target under 200 ms). The queries are taken from the register itself: prefixes of real names, real postcodes,
/// real member numbers and e-mail addresses, so every search finds something.
/// </summary>
public sealed class RegisterSearchBenchmark : IBenchmark
{
    public string Name => "search";

    public string Description => "Member search p95 and the register list's first page over a 1,000,000-member SQLite register.";

    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var members = args.Length > 1 && args[0] == "--members" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var database = await BenchRegister.GetAsync(members, output, cancellationToken);
        var contexts = new BenchRegister.Contexts(database);

        // Queries drawn from the register itself, spread over it.
        var queries = new List<(string Kind, string Text)>();
        await using (var db = contexts.CreateDbContext())
        {
            var sample = await db.Members.AsNoTracking().Where(m => m.Id % 4999 == 0)
                .Select(m => new { m.MemberNumber, m.Details.Name, m.Details.Postcode, m.Details.Email, m.SurnameKey }).Take(200).ToListAsync(cancellationToken);
            foreach (var m in sample)
            {
                queries.Add(("number", m.MemberNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                queries.Add(("name prefix", m.Name.Length > 4 ? m.Name[..4] : m.Name));
                if (m.SurnameKey.Length >= 3)
                {
                    queries.Add(("surname prefix", m.SurnameKey[..3]));
                }

                if (m.Postcode.Length > 0)
                {
                    queries.Add(("postcode", m.Postcode));
                    queries.Add(("postcode district", m.Postcode.Split(' ')[0]));
                }

                if (m.Email is { } e)
                {
                    queries.Add(("e-mail", e));
                }
            }
        }

        // Warm up the connection pool, the JIT and the database's page cache as a running server would be.
        for (var i = 0; i < 50; i++)
        {
            await SearchAsync(contexts, new MemberQuery(queries[i % queries.Count].Text), cancellationToken);
        }

        var times = new Dictionary<string, List<double>>();
        foreach (var (kind, text) in queries)
        {
            var ms = await SearchAsync(contexts, new MemberQuery(text), cancellationToken);
            (times.TryGetValue(kind, out var list) ? list : times[kind] = []).Add(ms);
        }

        var all = times.Values.SelectMany(t => t).ToList();
        output.WriteLine($"search: {all.Count} queries over {members:#,##0} members");
        foreach (var (kind, list) in times.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {kind,-18} n={list.Count,4}  median {Measure.F(Measure.Median(list), 1),6} ms  p95 {Measure.F(Measure.Percentile(list, 95), 1),6} ms  max {Measure.F(list.Max(), 1),6} ms");
        }

        var p95 = Measure.Percentile(all, 95);
        output.WriteLine($"search p95: {Measure.F(p95, 1)} ms (target under 50 ms); median {Measure.F(Measure.Median(all), 1)} ms");

        var ok = p95 < 50;
        foreach (var sort in Enum.GetValues<MemberSort>())
        {
            var firstPage = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                firstPage.Add(await SearchAsync(contexts, new MemberQuery(Sort: sort, Take: 25), cancellationToken));
            }

            var median = Measure.Median(firstPage);
            output.WriteLine($"list first page by {sort}: median {Measure.F(median, 1)} ms, p95 {Measure.F(Measure.Percentile(firstPage, 95), 1)} ms (target under 200 ms; includes counting all members)");
            ok &= median < 200;
        }

        var asAt = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            asAt.Add(await SearchAsync(contexts, new MemberQuery(AsAt: BenchRegister.Today.AddYears(-5), Take: 25), cancellationToken));
        }

        output.WriteLine($"list first page as at five years ago: median {Measure.F(Measure.Median(asAt), 1)} ms");
        return ok ? 0 : 1;
    }

    private static async Task<double> SearchAsync(BenchRegister.Contexts contexts, MemberQuery query, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        await using var db = contexts.CreateDbContext();
        var page = await MemberService.SearchCoreAsync(db, query, cancellationToken);
        _ = page.Rows.Count;
        return sw.Elapsed.TotalMilliseconds;
    }
}
