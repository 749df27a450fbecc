using static System.FormattableString;

namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// Everything a count needs and nothing else: the candidates in ballot order, the number of seats, the candidates who
/// withdrew (their names stay so that indices and BLT numbers keep their meaning, but the count passes over them as if
/// they were not on the paper) and the ballots. It is what a BLT file holds, so an exported contest can be recounted
/// by any other counter.
/// </summary>
public sealed class Contest
{
    /// <summary>
    /// The largest number of papers a contest may hold: 10^12 papers at five decimal places stay far inside a 64-bit
    /// count, so no total in the count can overflow.
    /// </summary>
    public const long MaximumPapers = 1_000_000_000_000;

    /// <summary>Far above any real ballot paper; it bounds the work a hostile file can ask for.</summary>
    public const int MaximumCandidates = 10_000;

    public Contest(string title, IReadOnlyList<Candidate> candidates, int seats, IReadOnlyList<Ballot> ballots, IEnumerable<int>? withdrawn = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(ballots);
        if (candidates.Count == 0)
        {
            throw new DomainException("Candidates", "A contest needs at least one candidate.");
        }

        if (candidates.Count > MaximumCandidates)
        {
            throw new DomainException("Candidates", Invariant($"A contest can have at most {MaximumCandidates:N0} candidates; this one has {candidates.Count:N0}."));
        }

        if (seats < 1)
        {
            throw new DomainException("Seats", Invariant($"A contest needs at least one seat to fill; {seats} was given."));
        }

        var withdrawnSet = new SortedSet<int>(withdrawn ?? []);
        foreach (var w in withdrawnSet)
        {
            if (w < 0 || w >= candidates.Count)
            {
                throw new DomainException("Withdrawn", Invariant($"Withdrawn candidate number {w + 1} does not exist; there are {candidates.Count} candidates."));
            }
        }

        long papers = 0;
        for (var i = 0; i < ballots.Count; i++)
        {
            var ballot = ballots[i];
            foreach (var c in ballot.Candidates)
            {
                if (c >= candidates.Count)
                {
                    throw new DomainException("Ballots", Invariant($"Ballot {i + 1} marks candidate number {c + 1}, but there are only {candidates.Count} candidates."));
                }
            }

            papers += ballot.Weight;
            if (papers > MaximumPapers)
            {
                throw new DomainException("Ballots", Invariant($"A contest can hold at most {MaximumPapers:N0} ballot papers."));
            }
        }

        Title = title ?? "";
        Candidates = candidates.ToArray();
        Seats = seats;
        Ballots = ballots;
        Withdrawn = withdrawnSet;
        Papers = papers;
    }

    public string Title { get; }

    public IReadOnlyList<Candidate> Candidates { get; }

    public int Seats { get; }

    public IReadOnlyList<Ballot> Ballots { get; }

    /// <summary>Indices of candidates who withdrew after the papers were printed (BLT <c>-n</c>).</summary>
    public IReadOnlySet<int> Withdrawn { get; }

    /// <summary>The number of ballot papers (the sum of the ballots' weights), valid or not.</summary>
    public long Papers { get; }

    /// <summary>The same contest for another number of seats (a returning officer's correction, or <c>--seats</c>).</summary>
    public Contest WithSeats(int seats) => new(Title, Candidates, seats, Ballots, Withdrawn);

    /// <summary>The same contest with its ballots in another order or grouping; a count must not notice.</summary>
    public Contest WithBallots(IReadOnlyList<Ballot> ballots) => new(Title, Candidates, Seats, ballots, Withdrawn);
}
