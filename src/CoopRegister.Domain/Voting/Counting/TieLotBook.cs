namespace CoopRegister.Domain.Voting.Counting;

/// <summary>The lots supplied to a count, each usable once, so that a count can say which were never needed.</summary>
internal sealed class TieLotBook(IReadOnlyList<TieLot> lots)
{
    private readonly bool[] _used = new bool[lots.Count];

    public TieLot? Take(int stage, TieKind kind, IReadOnlyList<int> tiedAscending)
    {
        for (var i = 0; i < lots.Count; i++)
        {
            if (!_used[i] && lots[i].Answers(stage, kind, tiedAscending))
            {
                _used[i] = true;
                return lots[i];
            }
        }

        return null;
    }

    public IReadOnlyList<TieLot> Unused() => lots.Where((_, i) => !_used[i]).ToArray();

    public IReadOnlyList<TieLot> Used() => lots.Where((_, i) => _used[i]).ToArray();
}
