namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// Identical rankings merged into one group with a paper count, in flat integer arrays. Papers with the same ranking
/// follow the same path at every stage and always carry the same value, so a count over groups is exactly a count over
/// papers, and a million papers become far fewer rows to sort.
/// </summary>
internal sealed class RankedGroups
{
    private int[] _table;
    private int _mask;

    private RankedGroups(int expected)
    {
        var size = 16;
        while (size < expected * 2)
        {
            size <<= 1;
        }

        _table = new int[size];
        _mask = size - 1;
        Start = new int[Math.Max(expected, 4) + 1];
        Pool = new int[Math.Max(expected * 2, 16)];
        Papers = new long[Math.Max(expected, 4)];
    }

    public int Count { get; private set; }

    /// <summary>Group g's preferences are <c>Pool[Start[g] .. Start[g + 1])</c>.</summary>
    public int[] Start { get; private set; }

    public int[] Pool { get; private set; }

    public long[] Papers { get; private set; }

    public long ValidPapers { get; private set; }

    /// <summary>Papers with no preference for a standing candidate (blank, or marking only withdrawn candidates).</summary>
    public long NoPreference { get; private set; }

    /// <summary>Papers whose first preference is given to more than one candidate.</summary>
    public long SharedFirstPreference { get; private set; }

    /// <summary>
    /// Groups the contest's ballots for a preferential count. Withdrawn candidates are dropped from every ranking as if
    /// never printed; a ranking is cut where a preference is shared, since the paper cannot be transferred past that
    /// point; a paper sharing its first preference has no first preference and is rejected.
    /// </summary>
    public static RankedGroups ForPreferences(Contest contest)
    {
        var ballots = contest.Ballots;
        var groups = new RankedGroups(Math.Min(ballots.Count, 1 << 20));
        var withdrawn = new bool[contest.Candidates.Count];
        foreach (var w in contest.Withdrawn)
        {
            withdrawn[w] = true;
        }

        var anyWithdrawn = contest.Withdrawn.Count > 0;
        var buffer = new int[contest.Candidates.Count];
        for (var b = 0; b < ballots.Count; b++)
        {
            var ballot = ballots[b];
            var length = 0;
            var sharedFirst = false;
            if (!ballot.HasSharedPreferences && !anyWithdrawn)
            {
                var candidates = ballot.Candidates;
                for (var i = 0; i < candidates.Count; i++)
                {
                    buffer[length++] = candidates[i];
                }
            }
            else
            {
                for (var level = 0; level < ballot.LevelCount; level++)
                {
                    var marked = ballot.Level(level);
                    var standing = -1;
                    var standingCount = 0;
                    foreach (var c in marked)
                    {
                        if (!withdrawn[c])
                        {
                            standing = c;
                            standingCount++;
                        }
                    }

                    if (standingCount == 0)
                    {
                        continue;
                    }

                    if (standingCount > 1)
                    {
                        sharedFirst = length == 0;
                        break;
                    }

                    buffer[length++] = standing;
                }
            }

            if (sharedFirst)
            {
                groups.SharedFirstPreference += ballot.Weight;
            }
            else if (length == 0)
            {
                groups.NoPreference += ballot.Weight;
            }
            else
            {
                groups.Add(buffer.AsSpan(0, length), ballot.Weight);
            }
        }

        return groups;
    }

    private void Add(ReadOnlySpan<int> ranking, long papers)
    {
        ValidPapers += papers;
        var hash = Hash(ranking);
        var slot = hash & _mask;
        while (true)
        {
            var entry = _table[slot];
            if (entry == 0)
            {
                break;
            }

            var g = entry - 1;
            if (Pool.AsSpan(Start[g], Start[g + 1] - Start[g]).SequenceEqual(ranking))
            {
                Papers[g] += papers;
                return;
            }

            slot = (slot + 1) & _mask;
        }

        var group = Count;
        EnsureCapacity(ranking.Length);
        ranking.CopyTo(Pool.AsSpan(Start[group]));
        Start[group + 1] = Start[group] + ranking.Length;
        Papers[group] = papers;
        Count = group + 1;
        _table[slot] = group + 1;
        if (Count * 2 > _table.Length)
        {
            Rehash();
        }
    }

    private void EnsureCapacity(int length)
    {
        if (Count + 2 > Start.Length)
        {
            var size = Start.Length * 2;
            Start = Resize(Start, size);
            Papers = Resize(Papers, size);
        }

        var needed = Start[Count] + length;
        if (needed > Pool.Length)
        {
            Pool = Resize(Pool, Math.Max(needed, Pool.Length * 2));
        }
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        var bigger = new T[size];
        Array.Copy(array, bigger, array.Length);
        return bigger;
    }

    private void Rehash()
    {
        _table = new int[_table.Length * 2];
        _mask = _table.Length - 1;
        for (var g = 0; g < Count; g++)
        {
            var slot = Hash(Pool.AsSpan(Start[g], Start[g + 1] - Start[g])) & _mask;
            while (_table[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _table[slot] = g + 1;
        }
    }

    private static int Hash(ReadOnlySpan<int> ranking)
    {
        var h = (uint)ranking.Length * 0x9E3779B1u;
        foreach (var c in ranking)
        {
            h = (h ^ (uint)c) * 0x85EBCA77u;
            h ^= h >> 13;
        }

        h *= 0xC2B2AE3Du;
        h ^= h >> 16;
        return (int)(h & 0x7FFFFFFF);
    }
}
