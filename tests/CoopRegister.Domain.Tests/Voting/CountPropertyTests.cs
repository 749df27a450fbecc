using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Tests.Voting;

/// <summary>
/// Properties every count must have, checked over many generated contests (fixed seeds, so a failure reproduces):
/// votes are neither created nor lost at any stage, and the result does not depend on the order of the ballots or on
/// how identical papers are grouped.
/// </summary>
public sealed class CountPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void At_every_stage_elected_hopeful_non_transferable_and_residual_come_to_the_valid_papers(int seed)
    {
        foreach (var contest in Generate(seed, 10))
        {
            var result = CountToTheEnd(contest);
            var valid = Fixed5.FromWhole(result.ValidPapers);
            var previous = (NonTransferable: Fixed5.Zero, Residual: Fixed5.Zero);
            foreach (var stage in result.Stages)
            {
                Assert.Equal(valid, stage.ElectedVotes + stage.HopefulVotes + stage.NonTransferable + stage.Residual);
                Assert.Equal(Fixed5.Zero, stage.ExcludedVotes);
                Assert.All(stage.Votes, v => Assert.True(v >= Fixed5.Zero));
                Assert.True(stage.NonTransferable >= previous.NonTransferable);
                Assert.True(stage.Residual >= previous.Residual);
                previous = (stage.NonTransferable, stage.Residual);
            }

            Assert.True(result.Elected.Count <= contest.Seats);
            Assert.Equal(result.Elected.Count, result.Elected.Distinct().Count());
            Assert.Equal(Math.Min(contest.Seats, contest.Candidates.Count - contest.Withdrawn.Count), result.Elected.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_result_does_not_depend_on_the_order_or_grouping_of_the_ballots(int seed)
    {
        var random = new Random(seed * 7919);
        foreach (var contest in Generate(seed, 10))
        {
            var reordered = contest.WithBallots(Regroup(contest.Ballots, random));
            var lots = new List<TieLot>();
            var first = CountToTheEnd(contest, lots);
            var second = ScottishStvCount.Count(reordered, lots);

            Assert.Equal(Fingerprint(first), Fingerprint(second));

            var plurality = PluralityCount.Count(contest);
            var pluralityReordered = PluralityCount.Count(reordered);
            Assert.Equal(Fingerprint(plurality), Fingerprint(pluralityReordered));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_paper_is_counted_as_valid_or_rejected_with_a_reason_by_both_methods(int seed)
    {
        foreach (var contest in Generate(seed, 10))
        {
            var stv = CountToTheEnd(contest);
            var plurality = CountToTheEnd(contest, plurality: true);

            Assert.Equal(contest.Papers, stv.ValidPapers + stv.Rejected.Sum(r => r.Papers));
            Assert.Equal(contest.Papers, plurality.ValidPapers + plurality.Rejected.Sum(r => r.Papers));
            Assert.All(stv.Rejected.Concat(plurality.Rejected), r => Assert.True(r.Papers > 0 && r.Reason.Length > 0));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_plurality_count_gives_each_valid_paper_one_vote_for_every_standing_candidate_it_marks_and_elects_the_most_voted(int seed)
    {
        foreach (var contest in Generate(seed, 10))
        {
            var result = CountToTheEnd(contest, plurality: true);
            var stage = Assert.Single(result.Stages);

            // Worked out here from the papers, independently of the count: marks for standing candidates on papers that
            // mark at least one and no more than the seats.
            var expected = new long[contest.Candidates.Count];
            long valid = 0;
            foreach (var ballot in contest.Ballots)
            {
                var marks = ballot.Candidates.Where(c => !contest.Withdrawn.Contains(c)).ToList();
                if (marks.Count >= 1 && marks.Count <= contest.Seats)
                {
                    valid += ballot.Weight;
                    marks.ForEach(c => expected[c] += ballot.Weight);
                }
            }

            Assert.Equal(valid, result.ValidPapers);
            Assert.Equal(expected.Select(Fixed5.FromWhole), stage.Votes);
            Assert.Equal(Fixed5.FromWhole(expected.Sum()), stage.Total);
            Assert.Equal(Math.Min(contest.Seats, contest.Candidates.Count - contest.Withdrawn.Count), result.Elected.Count);
            var lowestElected = result.Elected.Select(c => expected[c]).DefaultIfEmpty(long.MaxValue).Min();
            Assert.All(Enumerable.Range(0, contest.Candidates.Count).Where(c => !result.Elected.Contains(c)), c => Assert.True(expected[c] <= lowestElected));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_plurality_count_with_its_lots_does_not_depend_on_the_order_or_grouping_of_the_ballots(int seed)
    {
        var random = new Random(seed * 104_729);
        foreach (var contest in Generate(seed, 10))
        {
            var lots = new List<TieLot>();
            var first = CountToTheEnd(contest, lots, plurality: true);
            var second = PluralityCount.Count(contest.WithBallots(Regroup(contest.Ballots, random)), lots);

            Assert.Equal(CountOutcome.Complete, first.Outcome);
            Assert.Equal(Fingerprint(first), Fingerprint(second));
            Assert.Equal(first.ValidPapers, second.ValidPapers);
            Assert.Equal(first.Rejected, second.Rejected);
        }
    }

    /// <summary>Shuffles the ballots and splits some of them into single papers.</summary>
    private static Ballot[] Regroup(IReadOnlyList<Ballot> ballots, Random random)
    {
        var papers = new List<Ballot>();
        foreach (var b in ballots)
        {
            if (b.Weight > 1 && random.Next(2) == 0)
            {
                papers.AddRange(Enumerable.Repeat(b.WithWeight(1), (int)b.Weight));
            }
            else
            {
                papers.Add(b);
            }
        }

        var shuffled = papers.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>Counts by either method, entering every lot the count asks for (a fixed choice among the tied, standing in for the returning officer's draw).</summary>
    private static CountResult CountToTheEnd(Contest contest, List<TieLot>? lots = null, bool plurality = false)
    {
        lots ??= [];
        CountResult Count() => plurality ? PluralityCount.Count(contest, lots) : ScottishStvCount.Count(contest, lots);
        var result = Count();
        while (result.LotRequired is { } request)
        {
            lots.Add(request.Draw(request.Tied[(request.Stage + request.Tied.Count) % request.Tied.Count]));
            result = Count();
        }

        return result;
    }

    private static string Fingerprint(CountResult result) =>
        string.Join("\n", result.Stages.Select(s =>
            $"{s.Action} {s.Candidate} {string.Join(" ", s.Votes)} | {string.Join(" ", s.Statuses)} | {s.NonTransferable} {s.Residual}"))
        + "\nelected " + string.Join(",", result.Elected) + " " + result.Outcome;

    /// <summary>Small contests with the awkward cases mixed in: withdrawals, blank and shared-preference papers, more seats than candidates.</summary>
    private static IEnumerable<Contest> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var k = 0; k < count; k++)
        {
            var n = random.Next(2, 9);
            var seats = random.Next(1, 5);
            var candidates = Enumerable.Range(0, n).Select(i => new Candidate(((char)('A' + i)).ToString())).ToArray();
            var popularity = Enumerable.Range(0, n).Select(_ => random.Next(1, 10)).ToArray();
            var ballots = new List<Ballot>();
            var lines = random.Next(0, 60);
            for (var b = 0; b < lines; b++)
            {
                var order = Enumerable.Range(0, n).OrderByDescending(c => popularity[c] * random.Next(1, 100)).ToArray();
                var length = random.Next(0, n + 1);
                var weight = random.Next(1, 6);
                if (length >= 2 && random.Next(10) == 0)
                {
                    var split = random.Next(0, length - 1);
                    var levels = new List<IReadOnlyCollection<int>>();
                    for (var i = 0; i < length; i++)
                    {
                        if (i == split)
                        {
                            levels.Add([order[i], order[i + 1]]);
                            i++;
                        }
                        else
                        {
                            levels.Add([order[i]]);
                        }
                    }

                    ballots.Add(Ballot.WithLevels(weight, levels));
                }
                else
                {
                    ballots.Add(new Ballot(weight, order[..length]));
                }
            }

            var withdrawn = random.Next(5) == 0 ? new[] { random.Next(n) } : [];
            yield return new Contest("Generated", candidates, seats, ballots, withdrawn);
        }
    }
}
