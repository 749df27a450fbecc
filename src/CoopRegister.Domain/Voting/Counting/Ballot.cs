namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// One or more identical ballot papers: how many (the weight, as a BLT line carries it) and the preferences marked, as
/// candidate indices (0-based, in the contest's candidate order) from first preference down.
/// <para>
/// Preferences are held as levels so that a paper marking two candidates with the same number (BLT <c>2=5</c>) is kept
/// as the voter marked it. The counts decide what such a mark means: Scottish STV stops transferring the paper at the
/// shared number, and rejects it when the first preference is shared (see <see cref="ScottishStvCount"/>); plurality
/// counts every mark.
/// </para>
/// </summary>
public sealed class Ballot
{
    private readonly int[] _candidates;
    private readonly int[]? _levelStarts;

    /// <summary>A strictly ranked ballot: <paramref name="ranking"/>[0] is the first preference.</summary>
    public Ballot(long weight, params int[] ranking)
        : this(weight, (ranking ?? throw new ArgumentNullException(nameof(ranking))).ToArray(), null)
    {
    }

    private Ballot(long weight, int[] candidates, int[]? levelStarts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
        if (FirstRepeated(candidates) is int repeated)
        {
            throw new ArgumentException($"Candidate index {repeated} is marked more than once on one ballot.", nameof(candidates));
        }

        Weight = weight;
        _candidates = candidates;
        _levelStarts = levelStarts;
    }

    /// <summary>A ballot that may give the same preference to several candidates: each level is one preference number.</summary>
    public static Ballot WithLevels(long weight, IEnumerable<IReadOnlyCollection<int>> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var candidates = new List<int>();
        var starts = new List<int>();
        var shared = false;
        foreach (var level in levels)
        {
            if (level.Count == 0)
            {
                throw new ArgumentException("A preference level cannot be empty.", nameof(levels));
            }

            shared |= level.Count > 1;
            starts.Add(candidates.Count);
            candidates.AddRange(level);
        }

        return new Ballot(weight, candidates.ToArray(), shared ? starts.ToArray() : null);
    }

    /// <summary>How many identical papers this stands for.</summary>
    public long Weight { get; }

    /// <summary>Every candidate marked, in preference order (candidates sharing a preference are adjacent).</summary>
    public IReadOnlyList<int> Candidates => _candidates;

    /// <summary>True when some preference number is given to more than one candidate.</summary>
    public bool HasSharedPreferences => _levelStarts is not null;

    /// <summary>The number of distinct preference numbers used.</summary>
    public int LevelCount => _levelStarts?.Length ?? _candidates.Length;

    /// <summary>The candidates given preference number <paramref name="level"/> + 1.</summary>
    public ReadOnlySpan<int> Level(int level)
    {
        if (_levelStarts is null)
        {
            return _candidates.AsSpan(level, 1);
        }

        var start = _levelStarts[level];
        var end = level + 1 < _levelStarts.Length ? _levelStarts[level + 1] : _candidates.Length;
        return _candidates.AsSpan(start, end - start);
    }

    private static int? FirstRepeated(int[] candidates)
    {
        if (candidates.Length <= 32)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(candidates[i], nameof(candidates));
                for (var j = 0; j < i; j++)
                {
                    if (candidates[j] == candidates[i])
                    {
                        return candidates[i];
                    }
                }
            }

            return null;
        }

        var seen = new HashSet<int>();
        foreach (var c in candidates)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(candidates));
            if (!seen.Add(c))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>The same preferences with another weight (splitting or merging identical papers).</summary>
    public Ballot WithWeight(long weight) => new(weight, _candidates, _levelStarts);
}
