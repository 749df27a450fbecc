using static System.FormattableString;

namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// Plurality-at-large, "vote for up to N" (voting.md): each valid paper gives one vote to every standing candidate it
/// marks, and the N candidates with most votes are elected. A paper marking more than N candidates is invalid for the
/// contest and a paper marking none is blank; both are reported as rejected with the reason. The order and numbering of
/// marks do not matter. Equal votes straddling the last seat are settled by lots the returning officer draws and
/// enters (<see cref="TieKind.LastSeat"/>; each lot elects the candidate it falls on); until they are entered the
/// count stops with <see cref="CountOutcome.LotRequired"/>. Withdrawn candidates are ignored, marks for them included.
/// </summary>
public static class PluralityCount
{
    public static CountResult Count(Contest contest, IReadOnlyList<TieLot>? lots = null)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var book = new TieLotBook(lots ?? []);
        var n = contest.Candidates.Count;
        var seats = contest.Seats;
        var standing = new bool[n];
        for (var c = 0; c < n; c++)
        {
            standing[c] = !contest.Withdrawn.Contains(c);
        }

        var votes = new long[n];
        long valid = 0;
        long blank = 0;
        long overmarked = 0;
        var marks = new List<int>();
        foreach (var ballot in contest.Ballots)
        {
            marks.Clear();
            foreach (var c in ballot.Candidates)
            {
                if (standing[c])
                {
                    marks.Add(c);
                }
            }

            if (marks.Count == 0)
            {
                blank += ballot.Weight;
            }
            else if (marks.Count > seats)
            {
                overmarked += ballot.Weight;
            }
            else
            {
                valid += ballot.Weight;
                foreach (var c in marks)
                {
                    votes[c] += ballot.Weight;
                }
            }
        }

        var ranked = Enumerable.Range(0, n).Where(c => standing[c])
            .OrderByDescending(c => votes[c]).ThenBy(c => c).ToList();
        var elected = new List<int>();
        var ties = new List<TieBreak>();
        LotRequest? lotNeeded = null;
        if (ranked.Count <= seats)
        {
            elected.AddRange(ranked);
        }
        else
        {
            var lastSeatVotes = votes[ranked[seats - 1]];
            elected.AddRange(ranked.Where(c => votes[c] > lastSeatVotes));
            var tied = ranked.Where(c => votes[c] == lastSeatVotes).ToList();
            var open = seats - elected.Count;
            if (tied.Count == open)
            {
                elected.AddRange(tied);
            }

            while (tied.Count > open && open > 0)
            {
                var tiedAscending = tied.Order().ToArray();
                var lot = book.Take(1, TieKind.LastSeat, tiedAscending);
                if (lot is null)
                {
                    lotNeeded = new LotRequest(1, TieKind.LastSeat, tiedAscending, Fixed5.FromWhole(lastSeatVotes));
                    break;
                }

                ties.Add(new TieBreak(1, TieKind.LastSeat, tiedAscending, lot.Drawn, TieResolution.Lot, null));
                elected.Add(lot.Drawn);
                tied.Remove(lot.Drawn);
                open--;
            }
        }

        var statuses = new CandidateStatus[n];
        for (var c = 0; c < n; c++)
        {
            statuses[c] = !standing[c] ? CandidateStatus.Withdrawn
                : elected.Contains(c) ? CandidateStatus.Elected
                : lotNeeded is null ? CandidateStatus.NotElected
                : CandidateStatus.Hopeful;
        }

        var stage = new CountStage
        {
            Number = 1,
            Action = StageAction.Tally,
            Votes = votes.Select(Fixed5.FromWhole).ToArray(),
            Statuses = statuses,
            Tie = ties.LastOrDefault(),
        };
        var rejected = new List<RejectedPapers>();
        if (blank > 0)
        {
            rejected.Add(new RejectedPapers("no mark for a standing candidate", blank));
        }

        if (overmarked > 0)
        {
            rejected.Add(new RejectedPapers(Invariant($"more than {seats} candidates marked"), overmarked));
        }

        return new CountResult
        {
            Method = CountMethod.Plurality,
            Title = contest.Title,
            Candidates = contest.Candidates,
            Seats = seats,
            ValidPapers = valid,
            Rejected = rejected,
            Quota = null,
            Outcome = lotNeeded is null ? CountOutcome.Complete : CountOutcome.LotRequired,
            Elected = elected.ToArray(),
            Stages = [stage],
            TieBreaks = ties.ToArray(),
            LotRequired = lotNeeded,
            LotsUsed = book.Used(),
            UnusedLots = book.Unused(),
            FinalStatuses = statuses,
        };
    }
}
