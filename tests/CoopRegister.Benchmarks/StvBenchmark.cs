using System.Diagnostics;
using System.Globalization;
using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Benchmarks;

/// <summary>
/// Counts a generated Scottish STV election of 1,000,000 ballots, 30 candidates and 7 seats (quality.md: under 2 s).
/// The ballots are generated from a fixed seed, so every run counts the same election: six parties of five candidates
/// with uneven popularity, voters who mostly rank their own party first, and preference lists from one name to all 30,
/// most of them short. Options: <c>--ballots N</c>, <c>--runs N</c>.
/// </summary>
public sealed class StvBenchmark : IBenchmark
{
    private const int Candidates = 30;
    private const int Seats = 7;
    private const int Parties = 6;

    public string Name => "stv";

    public string Description => "Scottish STV count of 1,000,000 generated ballots, 30 candidates, 7 seats (median of 5 runs).";

    public Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var ballots = BenchArgs.Option(args, "--ballots", 1_000_000);
        var runs = BenchArgs.Option(args, "--runs", 5);

        var sw = Stopwatch.StartNew();
        var contest = Generate(ballots, seed: 2007);
        output.WriteLine($"generate: {Measure.F(sw.Elapsed.TotalSeconds, 2)} s for {ballots.ToString("N0", CultureInfo.InvariantCulture)} ballots");
        var distinct = contest.Ballots.Select(b => string.Join(' ', b.Candidates)).Distinct(StringComparer.Ordinal).Count();
        var meanLength = contest.Ballots.Average(b => (double)b.Candidates.Count);
        output.WriteLine($"ballots: {contest.Papers.ToString("N0", CultureInfo.InvariantCulture)} papers, {distinct.ToString("N0", CultureInfo.InvariantCulture)} distinct rankings, mean {Measure.F(meanLength, 2)} preferences");

        var lots = new List<TieLot>();
        var result = ScottishStvCount.Count(contest, lots);
        while (result.LotRequired is { } request)
        {
            output.WriteLine($"lot: {CountReport.DescribeLotRequest(result)} (benchmark draws {result.NameOf(request.Tied[0])})");
            lots.Add(request.Draw(request.Tied[0]));
            result = ScottishStvCount.Count(contest, lots);
        }

        var times = new List<double>();
        for (var run = 0; run < runs && !cancellationToken.IsCancellationRequested; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            sw.Restart();
            result = ScottishStvCount.Count(contest, lots);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"quota: {result.Quota}, stages: {result.Stages.Count}, elected: {string.Join(", ", result.ElectedNames)}");
        output.WriteLine($"count runs (ms): {string.Join(", ", times.Select(t => Measure.F(t, 0)))}");
        output.WriteLine($"count median: {Measure.F(Measure.Median(times), 0)} ms (target under 2000 ms)");

        sw.Restart();
        var text = BltWriter.ToText(contest);
        var writeMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var again = BltReader.Parse(text).Contest;
        var readMs = sw.Elapsed.TotalMilliseconds;
        output.WriteLine($"blt write: {Measure.F(writeMs, 0)} ms, blt read: {Measure.F(readMs, 0)} ms ({Measure.F(text.Length / 1024.0 / 1024.0, 1)} MiB of text, {again.Ballots.Count.ToString("N0", CultureInfo.InvariantCulture)} ballot lines)");
        output.WriteLine($"peak working set: {Measure.F(Measure.PeakWorkingSetMiB(), 0)} MiB");
        return Task.FromResult(Measure.Median(times) < 2000 ? 0 : 1);
    }

    /// <summary>A deterministic election: the same seed gives the same ballots on every machine.</summary>
    public static Contest Generate(int ballots, int seed)
    {
        var random = new Random(seed);
        var candidates = Enumerable.Range(1, Candidates)
            .Select(i => new Candidate(string.Create(CultureInfo.InvariantCulture, $"Candidate {i:00}"), string.Create(CultureInfo.InvariantCulture, $"Party {(char)('A' + ((i - 1) % Parties))}")))
            .ToArray();
        var partyOf = Enumerable.Range(0, Candidates).Select(c => c % Parties).ToArray();
        var partyShare = new[] { 30, 24, 18, 12, 9, 7 };
        var popularity = Enumerable.Range(0, Candidates).Select(_ => 1 + random.Next(20)).ToArray();
        var list = new Ballot[ballots];
        var weights = new double[Candidates];
        var ranking = new int[Candidates];
        for (var b = 0; b < ballots; b++)
        {
            var party = Pick(random, partyShare);
            var loyalty = random.Next(2, 12);
            for (var c = 0; c < Candidates; c++)
            {
                weights[c] = popularity[c] * (partyOf[c] == party ? loyalty : 1);
            }

            var length = Length(random);
            for (var i = 0; i < length; i++)
            {
                var total = 0.0;
                for (var c = 0; c < Candidates; c++)
                {
                    total += weights[c];
                }

                var r = random.NextDouble() * total;
                var chosen = 0;
                while (chosen < Candidates - 1 && (r -= weights[chosen]) >= 0)
                {
                    chosen++;
                }

                while (weights[chosen] == 0)
                {
                    chosen = (chosen + 1) % Candidates;
                }

                ranking[i] = chosen;
                weights[chosen] = 0;
            }

            list[b] = new Ballot(1, ranking[..length]);
        }

        return new Contest("Generated benchmark election", candidates, Seats, list);
    }

    /// <summary>Most voters give a few preferences; some rank everyone.</summary>
    private static int Length(Random random)
    {
        var p = random.Next(100);
        return p switch
        {
            < 22 => 1,
            < 38 => 2,
            < 52 => 3,
            < 63 => 4,
            < 71 => 5,
            < 85 => 6 + random.Next(5),
            < 95 => 11 + random.Next(10),
            _ => 21 + random.Next(10),
        };
    }

    private static int Pick(Random random, int[] shares)
    {
        var r = random.Next(shares.Sum());
        for (var i = 0; i < shares.Length; i++)
        {
            r -= shares[i];
            if (r < 0)
            {
                return i;
            }
        }

        return shares.Length - 1;
    }
}
