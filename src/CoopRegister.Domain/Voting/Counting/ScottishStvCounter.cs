using static System.FormattableString;

namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// One run of <see cref="ScottishStvCount"/>. Papers are held as groups of identical rankings (see
/// <see cref="RankedGroups"/>); each candidate holds a pile of group numbers, and a stage walks only the pile of the
/// candidate whose papers move.
/// </summary>
internal sealed class ScottishStvCounter
{
    private const byte Hopeful = (byte)CandidateStatus.Hopeful;
    private const byte Elected = (byte)CandidateStatus.Elected;
    private const byte Excluded = (byte)CandidateStatus.Excluded;

    private readonly Contest _contest;
    private readonly TieLotBook _lots;
    private readonly int _candidates;
    private readonly long[] _votes;
    private readonly byte[] _status;
    private readonly int[][] _pile;
    private readonly int[] _pileCount;
    private readonly List<CountStage> _stages = [];
    private readonly List<int> _elected = [];
    private readonly List<TieBreak> _ties = [];

    private RankedGroups _groups = null!;
    private int[] _position = [];
    private long[] _value = [];
    private long _quota;
    private long _validUnits;
    private int _vacancies;
    private long _nonTransferable;
    private long _residual;

    public ScottishStvCounter(Contest contest, IReadOnlyList<TieLot> lots)
    {
        _contest = contest;
        _lots = new TieLotBook(lots);
        _candidates = contest.Candidates.Count;
        _votes = new long[_candidates];
        _status = new byte[_candidates];
        _pile = new int[_candidates][];
        _pileCount = new int[_candidates];
        _vacancies = contest.Seats;
        foreach (var w in contest.Withdrawn)
        {
            _status[w] = (byte)CandidateStatus.Withdrawn;
        }
    }

    public CountResult Run()
    {
        _groups = RankedGroups.ForPreferences(_contest);
        _quota = ScottishStvCount.QuotaFor(_groups.ValidPapers, _contest.Seats).Units;
        _validUnits = _groups.ValidPapers * Fixed5.Scale;
        SortFirstPreferences();

        var complete = FinishStage(StageAction.FirstPreferences, null, 0, null);
        while (!complete)
        {
            var stage = _stages.Count + 1;
            var surplusOf = LargestSurplus(stage, out var surplusTie, out var lotNeeded);
            if (lotNeeded is not null)
            {
                return Result(lotNeeded);
            }

            if (surplusOf >= 0)
            {
                var surplus = TransferSurplus(surplusOf);
                complete = FinishStage(StageAction.SurplusTransfer, surplusOf, surplus, surplusTie);
                continue;
            }

            var excluded = Lowest(stage, out var exclusionTie, out lotNeeded);
            if (lotNeeded is not null)
            {
                return Result(lotNeeded);
            }

            var moved = Exclude(excluded);
            complete = FinishStage(StageAction.Exclusion, excluded, moved, exclusionTie);
        }

        return Result(null);
    }

    private void SortFirstPreferences()
    {
        var groups = _groups;
        _position = new int[groups.Count];
        _value = new long[groups.Count];
        var sizes = new int[_candidates];
        for (var g = 0; g < groups.Count; g++)
        {
            sizes[groups.Pool[groups.Start[g]]]++;
        }

        for (var c = 0; c < _candidates; c++)
        {
            _pile[c] = new int[Math.Max(sizes[c], 4)];
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var first = groups.Start[g];
            var candidate = groups.Pool[first];
            _position[g] = first;
            _value[g] = Fixed5.Scale;
            _votes[candidate] += groups.Papers[g] * Fixed5.Scale;
            _pile[candidate][_pileCount[candidate]++] = g;
        }
    }

    /// <summary>r.48: every paper the candidate holds moves on at surplus × value ÷ total, truncated.</summary>
    private long TransferSurplus(int candidate)
    {
        var total = _votes[candidate];
        var surplus = total - _quota;
        long moved = 0;
        long lost = 0;
        long lastValue = -1;
        long lastTransferValue = 0;
        var pile = _pile[candidate];
        var count = _pileCount[candidate];
        for (var i = 0; i < count; i++)
        {
            var g = pile[i];
            var value = _value[g];
            if (value != lastValue)
            {
                lastValue = value;
                lastTransferValue = Fixed5.MultiplyDivide(surplus, value, total);
            }

            var amount = _groups.Papers[g] * lastTransferValue;
            if (MoveOn(g, lastTransferValue))
            {
                moved += amount;
            }
            else
            {
                lost += amount;
            }
        }

        ReleasePile(candidate);
        _nonTransferable += lost;
        _residual += surplus - moved - lost;
        _votes[candidate] = _quota;
        return surplus;
    }

    /// <summary>r.50: every paper of the excluded candidate moves on at its current value, in one stage.</summary>
    private long Exclude(int candidate)
    {
        _status[candidate] = Excluded;
        var pile = _pile[candidate];
        var count = _pileCount[candidate];
        long lost = 0;
        for (var i = 0; i < count; i++)
        {
            var g = pile[i];
            if (!MoveOn(g, _value[g]))
            {
                lost += _groups.Papers[g] * _value[g];
            }
        }

        ReleasePile(candidate);
        var moved = _votes[candidate];
        _nonTransferable += lost;
        _votes[candidate] = 0;
        return moved;
    }

    /// <summary>Gives the group to its next continuing preference at <paramref name="value"/>; false when there is none.</summary>
    private bool MoveOn(int g, long value)
    {
        var pool = _groups.Pool;
        var end = _groups.Start[g + 1];
        var p = _position[g] + 1;
        while (p < end && _status[pool[p]] != Hopeful)
        {
            p++;
        }

        if (p == end)
        {
            return false;
        }

        var target = pool[p];
        _position[g] = p;
        _value[g] = value;
        _votes[target] += _groups.Papers[g] * value;
        var pile = _pile[target];
        if (_pileCount[target] == pile.Length)
        {
            Array.Resize(ref pile, pile.Length * 2);
            _pile[target] = pile;
        }

        pile[_pileCount[target]++] = g;
        return true;
    }

    private void ReleasePile(int candidate)
    {
        _pile[candidate] = [];
        _pileCount[candidate] = 0;
    }

    /// <summary>
    /// Elects those at or above the quota (r.47), then applies r.52, records the stage and checks that no vote was
    /// created or lost. Returns true when the count is over.
    /// </summary>
    private bool FinishStage(StageAction action, int? candidate, long transferred, TieBreak? tie)
    {
        var withQuota = MostVotesFirst(c => _status[c] == Hopeful && _votes[c] >= _quota);
        foreach (var c in withQuota)
        {
            _status[c] = Elected;
            _elected.Add(c);
            _vacancies--;
        }

        var continuing = 0;
        for (var c = 0; c < _candidates; c++)
        {
            continuing += _status[c] == Hopeful ? 1 : 0;
        }

        var complete = _vacancies <= 0 || continuing <= _vacancies;
        IReadOnlyList<int> remaining = [];
        if (complete && _vacancies > 0)
        {
            remaining = MostVotesFirst(c => _status[c] == Hopeful);
            foreach (var c in remaining)
            {
                _status[c] = Elected;
                _elected.Add(c);
                _vacancies--;
            }
        }

        var stage = new CountStage
        {
            Number = _stages.Count + 1,
            Action = action,
            Candidate = candidate,
            Transferred = Fixed5.FromUnits(transferred),
            Votes = _votes.Select(Fixed5.FromUnits).ToArray(),
            Statuses = _status.Select(s => (CandidateStatus)s).ToArray(),
            ElectedWithQuota = withQuota,
            ElectedAsRemaining = remaining,
            Tie = tie,
            NonTransferable = Fixed5.FromUnits(_nonTransferable),
            Residual = Fixed5.FromUnits(_residual),
        };
        if (stage.Total.Units != _validUnits)
        {
            throw new InvalidOperationException(Invariant(
                $"Stage {stage.Number} does not balance: elected, hopeful, non-transferable and residual come to {stage.Total}, but there are {Fixed5.FromUnits(_validUnits)} valid votes."));
        }

        _stages.Add(stage);
        return complete;
    }

    private int[] MostVotesFirst(Func<int, bool> include)
    {
        var chosen = new List<int>();
        for (var c = 0; c < _candidates; c++)
        {
            if (include(c))
            {
                chosen.Add(c);
            }
        }

        chosen.Sort((a, b) => _votes[a] != _votes[b] ? _votes[b].CompareTo(_votes[a]) : a.CompareTo(b));
        return chosen.ToArray();
    }

    /// <summary>r.49: the elected candidate with the largest surplus not yet transferred, or -1 when there is none.</summary>
    private int LargestSurplus(int stage, out TieBreak? tie, out LotRequest? lotNeeded)
    {
        tie = null;
        lotNeeded = null;
        var best = long.MinValue;
        var tied = new List<int>();
        for (var c = 0; c < _candidates; c++)
        {
            if (_status[c] != Elected || _votes[c] <= _quota)
            {
                continue;
            }

            if (_votes[c] > best)
            {
                best = _votes[c];
                tied.Clear();
            }

            if (_votes[c] == best)
            {
                tied.Add(c);
            }
        }

        return tied.Count == 0 ? -1 : BreakTie(stage, TieKind.SurplusOrder, tied, highest: true, out tie, out lotNeeded);
    }

    /// <summary>r.50: the continuing candidate with the fewest votes.</summary>
    private int Lowest(int stage, out TieBreak? tie, out LotRequest? lotNeeded)
    {
        var least = long.MaxValue;
        var tied = new List<int>();
        for (var c = 0; c < _candidates; c++)
        {
            if (_status[c] != Hopeful)
            {
                continue;
            }

            if (_votes[c] < least)
            {
                least = _votes[c];
                tied.Clear();
            }

            if (_votes[c] == least)
            {
                tied.Add(c);
            }
        }

        return BreakTie(stage, TieKind.Exclusion, tied, highest: false, out tie, out lotNeeded);
    }

    /// <summary>
    /// r.49(2)–(3) and r.51(2): look back to the most recent stage where the tied candidates' votes differed and take
    /// the highest (surplus) or lowest (exclusion) there; if they never differed, use the returning officer's lot.
    /// </summary>
    private int BreakTie(int stage, TieKind kind, List<int> tied, bool highest, out TieBreak? tie, out LotRequest? lotNeeded)
    {
        tie = null;
        lotNeeded = null;
        if (tied.Count == 1)
        {
            return tied[0];
        }

        var candidates = tied.ToList();
        int? decidingStage = null;
        for (var s = _stages.Count - 1; s >= 0 && candidates.Count > 1; s--)
        {
            var votes = _stages[s].Votes;
            var extreme = votes[candidates[0]];
            foreach (var c in candidates)
            {
                if (highest ? votes[c] > extreme : votes[c] < extreme)
                {
                    extreme = votes[c];
                }
            }

            var narrowed = candidates.Where(c => votes[c] == extreme).ToList();
            if (narrowed.Count < candidates.Count)
            {
                candidates = narrowed;
                decidingStage = s + 1;
            }
        }

        var tiedAscending = tied.Order().ToArray();
        if (candidates.Count == 1)
        {
            tie = new TieBreak(stage, kind, tiedAscending, candidates[0], TieResolution.PriorStage, decidingStage);
            _ties.Add(tie);
            return candidates[0];
        }

        var stillTied = candidates.Order().ToArray();
        if (_lots.Take(stage, kind, stillTied) is { } lot)
        {
            tie = new TieBreak(stage, kind, tiedAscending, lot.Drawn, TieResolution.Lot, decidingStage);
            _ties.Add(tie);
            return lot.Drawn;
        }

        lotNeeded = new LotRequest(stage, kind, stillTied, Fixed5.FromUnits(_votes[stillTied[0]]));
        return -1;
    }

    private CountResult Result(LotRequest? lotNeeded)
    {
        var finalStatuses = _status.Select(s => (CandidateStatus)s).ToArray();
        if (lotNeeded is null)
        {
            for (var c = 0; c < finalStatuses.Length; c++)
            {
                if (finalStatuses[c] == CandidateStatus.Hopeful)
                {
                    finalStatuses[c] = CandidateStatus.NotElected;
                }
            }
        }

        var rejected = new List<RejectedPapers>();
        if (_groups.NoPreference > 0)
        {
            rejected.Add(new RejectedPapers("no preference for a standing candidate", _groups.NoPreference));
        }

        if (_groups.SharedFirstPreference > 0)
        {
            rejected.Add(new RejectedPapers("first preference given to more than one candidate", _groups.SharedFirstPreference));
        }

        return new CountResult
        {
            Method = CountMethod.ScottishStv,
            Title = _contest.Title,
            Candidates = _contest.Candidates,
            Seats = _contest.Seats,
            ValidPapers = _groups.ValidPapers,
            Rejected = rejected,
            Quota = Fixed5.FromUnits(_quota),
            Outcome = lotNeeded is null ? CountOutcome.Complete : CountOutcome.LotRequired,
            Elected = _elected.ToArray(),
            Stages = _stages.ToArray(),
            TieBreaks = _ties.ToArray(),
            LotRequired = lotNeeded,
            LotsUsed = _lots.Used(),
            UnusedLots = _lots.Unused(),
            FinalStatuses = finalStatuses,
        };
    }
}
