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

    /// <summary>Counts, drawing any lot the count asks for as the first of the tied candidates, as a returning officer would after a draw.</summary>
    private static CountResult CountToTheEnd(Contest contest, List<TieLot>? lots = null)
    {
        lots ??= [];
        var result = ScottishStvCount.Count(contest, lots);
        while (result.LotRequired is { } request)
        {
            lots.Add(request.Draw(request.Tied[(request.Stage + request.Tied.Count) % request.Tied.Count]));
            result = ScottishStvCount.Count(contest, lots);
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
