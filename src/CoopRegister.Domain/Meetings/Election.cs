using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Meetings;

/// <summary>How an election in a meeting is counted (design/voting.md).</summary>
public enum ElectionMethod
{
    /// <summary>Plurality-at-large: mark up to as many candidates as there are seats; the most marks win.</summary>
    Plurality,

    /// <summary>Scottish STV (SSI 2007/42 Sch.1 rr.45–52): number the candidates in order of preference.</summary>
    ScottishStv,
}

/// <summary>Where an election's count stands after the meeting is counted.</summary>
public enum ElectionCountOutcome
{
    /// <summary>Every seat is filled; the result is declared with the meeting's.</summary>
    Complete,

    /// <summary>The count stopped at a tie only a lot can break; the returning officer draws and enters it.</summary>
    LotRequired,
}

/// <summary>
/// An election to the management committee held in a general meeting: its seats, how it is counted and the candidates on
/// the paper, each with a short statement. It uses the meeting's roll, channels, receipts and declaration: a member's
/// preferences are written on the same secret ballot as their votes on the motions. After the count it holds the
/// figures the declaration states and the lots the returning officer drew, which every recount replays.
/// </summary>
public sealed class Election
{
    public const int TitleMax = 200;
    public const int MaxSeats = 50;
    public const int MaxCandidates = 100;
    public const int MaxElections = 20;
    public const int ElectedMax = 2000;

    private readonly List<ElectionCandidate> _candidates = [];
    private readonly List<ElectionLot> _lots = [];

    private Election()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }

    /// <summary>The election's place on the ballot paper, after the motions, from 1.</summary>
    public int Number { get; private set; }

    public string Title { get; private set; } = "";
    public int Seats { get; private set; }
    public ElectionMethod Method { get; private set; }

    public IReadOnlyList<ElectionCandidate> Candidates => _candidates;

    /// <summary>Lots the returning officer drew, in the order they were entered; each recount replays them all.</summary>
    public IReadOnlyList<ElectionLot> Lots => _lots;

    public DateTime? CountedAt { get; private set; }
    public ElectionCountOutcome? Outcome { get; private set; }

    /// <summary>Papers that counted (the quota's base for STV).</summary>
    public long? ValidPapers { get; private set; }

    /// <summary>Papers rejected for this election by the counting rules (plurality: more marks than seats).</summary>
    public long? InvalidPapers { get; private set; }

    /// <summary>The STV quota in units of 0.00001 (r.46); null for plurality.</summary>
    public long? QuotaUnits { get; private set; }

    /// <summary>The elected candidates' ids in the order elected, comma separated.</summary>
    public string? ElectedCandidateIds { get; private set; }

    public bool IsCounted => Outcome is not null;

    public IEnumerable<ElectionCandidate> Standing => _candidates.Where(c => !c.Withdrawn).OrderBy(c => c.Number);

    public static Election Create(long meetingId, int number, string title, int seats, ElectionMethod method)
    {
        var e = new Election { MeetingId = meetingId, Number = number };
        e.Change(title, seats, method);
        return e;
    }

    public void Change(string title, int seats, ElectionMethod method)
    {
        var errors = new List<RuleViolation>();
        title = (title ?? "").Trim();
        if (title.Length == 0 || title.Length > TitleMax)
        {
            errors.Add(new RuleViolation(nameof(Title), $"Give the election a title of 1 to {TitleMax} characters (for example \"Management committee: 3 seats\"); it has {title.Length}."));
        }

        if (seats is < 1 or > MaxSeats)
        {
            errors.Add(new RuleViolation(nameof(Seats), $"An election fills 1 to {MaxSeats} seats; {seats} was given."));
        }

        if (!Enum.IsDefined(method))
        {
            errors.Add(new RuleViolation(nameof(Method), "Choose plurality (vote for up to the number of seats) or Scottish STV (number the candidates)."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        Title = title;
        Seats = seats;
        Method = method;
    }

    public ElectionCandidate AddCandidate(string name, string statement)
    {
        if (_candidates.Count >= MaxCandidates)
        {
            throw new DomainException("Candidates", $"An election may have at most {MaxCandidates} candidates.");
        }

        var c = ElectionCandidate.Create(_candidates.Count + 1, name, statement);
        RequireUniqueName(c.Name, null);
        _candidates.Add(c);
        return c;
    }

    public void ChangeCandidate(long candidateId, string name, string statement)
    {
        var c = FindCandidate(candidateId);
        var trimmed = (name ?? "").Trim();
        RequireUniqueName(trimmed, candidateId);
        c.Change(name ?? "", statement);
    }

    /// <summary>Takes a candidate off the paper before voting opens; the rest keep their order, numbered again from 1.</summary>
    public void RemoveCandidate(long candidateId)
    {
        _candidates.Remove(FindCandidate(candidateId));
        var n = 1;
        foreach (var c in _candidates.OrderBy(c => c.Number))
        {
            c.Renumber(n++);
        }
    }

    /// <summary>
    /// A candidate withdraws after the papers are out: they stay on the paper (so that numbers keep their meaning, as
    /// BLT's <c>-n</c> lines do) and the count passes over them. Withdrawing again restores them until the count.
    /// </summary>
    public void SetWithdrawn(long candidateId, bool withdrawn) => FindCandidate(candidateId).SetWithdrawn(withdrawn);

    /// <summary>Before voting opens: a paper needs candidates to mark.</summary>
    public IEnumerable<RuleViolation> ReadinessProblems()
    {
        if (!Standing.Any())
        {
            yield return new RuleViolation("Elections", $"Election \"{Title}\" has no candidates; add them before voting opens, or remove the election.");
        }
    }

    /// <summary>The election's place among the meeting's elections, set again when one is removed.</summary>
    public void Renumber(int number) => Number = number;

    /// <summary>The contest the count runs on: candidates in paper order, the withdrawn marked, and the ballots given.</summary>
    public Contest ToContest(IReadOnlyList<Ballot> ballots)
    {
        var ordered = _candidates.OrderBy(c => c.Number).ToList();
        return new Contest(Title, ordered.Select(c => new Candidate(c.Name)).ToList(), Seats, ballots,
            ordered.Select((c, i) => (c, i)).Where(x => x.c.Withdrawn).Select(x => x.i));
    }

    /// <summary>The candidate's place in <see cref="ToContest"/>'s order (0-based), which the count's indices use.</summary>
    public int IndexOf(long candidateId) => _candidates.OrderBy(c => c.Number).ToList().FindIndex(c => c.Id == candidateId);

    public ElectionCandidate AtIndex(int index) => _candidates.OrderBy(c => c.Number).ElementAt(index);

    /// <summary>The lots as the count takes them (candidate indices).</summary>
    public IReadOnlyList<TieLot> TieLots() =>
        _lots.OrderBy(l => l.Sequence).Select(l => new TieLot(l.Stage, l.Kind, l.TiedIds().Select(IndexOf).ToList(), IndexOf(l.DrawnCandidateId))).ToList();

    /// <summary>Counts the contest with every lot drawn so far and records the outcome.</summary>
    public CountResult Count(IReadOnlyList<Ballot> ballots, DateTime nowUtc)
    {
        var contest = ToContest(ballots);
        var lots = TieLots();
        var result = Method == ElectionMethod.ScottishStv ? ScottishStvCount.Count(contest, lots) : PluralityCount.Count(contest, lots);
        Outcome = result.Outcome == CountOutcome.Complete ? ElectionCountOutcome.Complete : ElectionCountOutcome.LotRequired;
        ValidPapers = result.ValidPapers;
        InvalidPapers = result.Rejected.Sum(r => r.Papers);
        QuotaUnits = result.Quota?.Units;
        ElectedCandidateIds = string.Join(",", result.Elected.Select(i => AtIndex(i).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        CountedAt = nowUtc;
        return result;
    }

    /// <summary>
    /// The returning officer enters the lot the count asked for (SSI 2007/42 Sch.1 r.49(3), r.51(2)(b); voting.md: "every
    /// lot drawn to break a tie is recorded as data and replayed on recount"). The lot must answer the tie the count
    /// stopped at and fall on one of the tied candidates.
    /// </summary>
    public ElectionLot EnterLot(LotRequest request, long drawnCandidateId, string drawnBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tied = request.Tied.Select(i => AtIndex(i).Id).ToList();
        if (!tied.Contains(drawnCandidateId))
        {
            throw new DomainException("Drawn", $"The lot must fall on one of the tied candidates: {string.Join(", ", request.Tied.Select(i => AtIndex(i).Name))}.");
        }

        var lot = ElectionLot.Of(_lots.Count + 1, request.Stage, request.Kind, tied, drawnCandidateId, drawnBy, nowUtc);
        _lots.Add(lot);
        return lot;
    }

    /// <summary>A count result from before is thrown away (the meeting counted again, or a lot entered).</summary>
    public void ForgetCount()
    {
        CountedAt = null;
        Outcome = null;
        ValidPapers = null;
        InvalidPapers = null;
        QuotaUnits = null;
        ElectedCandidateIds = null;
    }

    public IReadOnlyList<long> ElectedIds() =>
        string.IsNullOrEmpty(ElectedCandidateIds) ? [] : ElectedCandidateIds.Split(',').Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private void RequireUniqueName(string name, long? except)
    {
        if (_candidates.Any(c => (except is null || c.Id != except) && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException("Name", $"\"{name}\" is already a candidate in this election; two candidates cannot share a name on the paper.");
        }
    }

    private ElectionCandidate FindCandidate(long candidateId) =>
        _candidates.FirstOrDefault(c => c.Id == candidateId) ?? throw new DomainException("Candidate", $"Candidate {candidateId} is not standing in this election.");
}

/// <summary>A candidate on an election's paper, with the short statement members read before they vote.</summary>
public sealed class ElectionCandidate
{
    public const int NameMax = 100;
    public const int StatementMax = 1000;

    private ElectionCandidate()
    {
    }

    public long Id { get; private set; }
    public long ElectionId { get; private set; }

    /// <summary>The candidate's place on the paper, from 1 (the number a BLT file gives them).</summary>
    public int Number { get; private set; }

    public string Name { get; private set; } = "";
    public string Statement { get; private set; } = "";
    public bool Withdrawn { get; private set; }

    internal static ElectionCandidate Create(int number, string name, string statement)
    {
        var c = new ElectionCandidate { Number = number };
        c.Change(name, statement);
        return c;
    }

    internal void Change(string name, string statement)
    {
        var errors = new List<RuleViolation>();
        name = (name ?? "").Trim();
        statement = (statement ?? "").Trim().ReplaceLineEndings("\n");
        if (name.Length == 0 || name.Length > NameMax || name.Any(char.IsControl))
        {
            errors.Add(new RuleViolation(nameof(Name), $"Give the candidate's name as it is to appear on the paper, 1 to {NameMax} characters on one line; it has {name.Length}."));
        }

        if (statement.Length > StatementMax)
        {
            errors.Add(new RuleViolation(nameof(Statement), $"A candidate's statement is at most {StatementMax} characters; it has {statement.Length}."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        Name = name;
        Statement = statement;
    }

    internal void Renumber(int number) => Number = number;

    internal void SetWithdrawn(bool withdrawn) => Withdrawn = withdrawn;
}

/// <summary>A lot the returning officer drew, stored by candidate id so that it survives any display order.</summary>
public sealed class ElectionLot
{
    public const int TiedMax = 2000;
    public const int DrawnByMax = 256;

    private ElectionLot()
    {
    }

    public long Id { get; private set; }
    public long ElectionId { get; private set; }

    /// <summary>The order lots were entered in, from 1.</summary>
    public int Sequence { get; private set; }

    public int Stage { get; private set; }
    public TieKind Kind { get; private set; }

    /// <summary>The tied candidates' ids, comma separated.</summary>
    public string TiedCandidateIds { get; private set; } = "";

    public long DrawnCandidateId { get; private set; }
    public string DrawnBy { get; private set; } = "";
    public DateTime DrawnAt { get; private set; }

    public IReadOnlyList<long> TiedIds() => TiedCandidateIds.Split(',').Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    internal static ElectionLot Of(int sequence, int stage, TieKind kind, IReadOnlyList<long> tied, long drawn, string drawnBy, DateTime nowUtc) => new()
    {
        Sequence = sequence,
        Stage = stage,
        Kind = kind,
        TiedCandidateIds = string.Join(",", tied.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        DrawnCandidateId = drawn,
        DrawnBy = drawnBy.Length > DrawnByMax ? drawnBy[..DrawnByMax] : drawnBy,
        DrawnAt = nowUtc,
    };
}
