namespace CoopRegister.Domain.Meetings;

/// <summary>What a proxy is told to do on one motion.</summary>
public enum ProxyMandate
{
    For,
    Against,
    Abstain,

    /// <summary>The proxy decides at the meeting; a teller enters the holder's choice before the count.</summary>
    Discretion,
}

/// <summary>Why a proxy no longer counts.</summary>
public enum ProxyRevocation
{
    /// <summary>The member revoked it in the portal before the deadline.</summary>
    ByMember,

    /// <summary>The member attended a section in person (the precedence rule: the member's own vote replaces the proxy).</summary>
    Attended,

    /// <summary>The member voted online (the precedence rule: the member's own vote replaces the proxy).</summary>
    VotedOnline,
}

/// <summary>
/// A member's appointment of a proxy for one meeting (domain rule 41: the rules may allow proxy votes; design/voting.md:
/// mandated For/Against/Abstain per motion, a cap on proxies per holder, a proxy counts only if its holder attends). The
/// holder is the chair (<see cref="HolderMemberId"/> null) or another member on the roll. One appointment per member
/// and meeting: changing it rewrites this row; revoking it keeps the row with the reason.
/// </summary>
public sealed class ProxyAppointment
{
    private readonly List<ProxyMotionMandate> _mandates = [];
    private readonly List<ProxyElectionPreference> _electionPreferences = [];

    private ProxyAppointment()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public long AppointerMemberId { get; private set; }

    /// <summary>The member who holds the proxy; null when the member appointed the chair of the meeting.</summary>
    public long? HolderMemberId { get; private set; }

    public DateTime AppointedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public ProxyRevocation? RevokedReason { get; private set; }

    /// <summary>Set at the count when the proxy's votes were cast as a ballot (its holder was present and the member had not voted).</summary>
    public bool Used { get; private set; }

    public bool IsActive => RevokedAt is null;

    public IReadOnlyList<ProxyMotionMandate> Mandates => _mandates;

    /// <summary>
    /// The holder's rankings in the meeting's elections as a teller keyed them (an appointment leaves every election to
    /// the holder's discretion); an election with no rows takes no part, as a blank paper.
    /// </summary>
    public IReadOnlyList<ProxyElectionPreference> ElectionPreferences => _electionPreferences;

    public bool HoldsChair => HolderMemberId is null;

    public static ProxyAppointment Appoint(long meetingId, long appointerMemberId, long? holderMemberId, IReadOnlyDictionary<long, ProxyMandate> mandates, IReadOnlyCollection<long> motionIds, DateTime nowUtc)
    {
        var p = new ProxyAppointment { MeetingId = meetingId, AppointerMemberId = appointerMemberId };
        p.Change(holderMemberId, mandates, motionIds, nowUtc);
        return p;
    }

    /// <summary>Rewrites the appointment (a revoked one comes back into force): the holder and a mandate for every motion.</summary>
    public void Change(long? holderMemberId, IReadOnlyDictionary<long, ProxyMandate> mandates, IReadOnlyCollection<long> motionIds, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(mandates);
        ArgumentNullException.ThrowIfNull(motionIds);
        if (holderMemberId == AppointerMemberId)
        {
            throw new DomainException("Holder", "You cannot appoint yourself as your proxy; appoint the chair or another member.");
        }

        var missing = motionIds.Count(id => !mandates.ContainsKey(id));
        if (missing > 0)
        {
            throw new DomainException("Mandates", $"Tell your proxy how to vote on every motion; {missing} {(missing == 1 ? "motion has" : "motions have")} no instruction.");
        }

        if (mandates.Keys.Any(k => !motionIds.Contains(k)) || mandates.Values.Any(v => !Enum.IsDefined(v)))
        {
            throw new DomainException("Mandates", "Each instruction must be For, Against, Abstain or the proxy's discretion on a motion of this meeting.");
        }

        HolderMemberId = holderMemberId;
        AppointedAt = nowUtc;
        RevokedAt = null;
        RevokedReason = null;
        _mandates.Clear();
        _mandates.AddRange(mandates.Select(m => new ProxyMotionMandate(m.Key, m.Value)));

        // A changed appointment may name another holder: a ranking keyed for the old one is not theirs, as a choice on a
        // discretionary motion is not.
        _electionPreferences.Clear();
    }

    public void Revoke(ProxyRevocation reason, DateTime nowUtc)
    {
        if (!IsActive)
        {
            throw new DomainException("Proxy", "This proxy has already been revoked.");
        }

        RevokedAt = nowUtc;
        RevokedReason = reason;
    }

    /// <summary>
    /// The choices the proxy's ballot carries: the mandate on each motion, or on a discretionary one the holder's choice
    /// a teller entered; a discretionary motion with no choice entered counts as an abstention (the holder did not use it).
    /// </summary>
    public IReadOnlyDictionary<long, VoteChoice> Choices() => _mandates.ToDictionary(m => m.MotionId, m => m.Mandate switch
    {
        ProxyMandate.For => VoteChoice.For,
        ProxyMandate.Against => VoteChoice.Against,
        ProxyMandate.Discretion => m.HolderChoice ?? VoteChoice.Abstain,
        _ => VoteChoice.Abstain,
    });

    /// <summary>A teller enters how the holder used their discretion on a motion.</summary>
    public void EnterHolderChoice(long motionId, VoteChoice choice)
    {
        var mandate = _mandates.FirstOrDefault(m => m.MotionId == motionId) ?? throw new DomainException("Motion", "This proxy has no instruction on that motion.");
        if (mandate.Mandate != ProxyMandate.Discretion)
        {
            throw new DomainException("Motion", $"The member instructed their proxy to vote {mandate.Mandate.ToString().ToLowerInvariant()} on this motion; only a discretionary instruction takes the holder's choice.");
        }

        if (!Enum.IsDefined(choice))
        {
            throw new DomainException("Choice", "Choose For, Against or Abstain.");
        }

        mandate.HolderChoice = choice;
    }

    /// <summary>
    /// A teller enters the holder's ranking in one election, checked exactly as an online ranked ballot is
    /// (<see cref="RankedMarks"/>: numbers 1, 2, 3… without repeats or gaps; plurality at most as many marks as seats).
    /// No marks clears the ranking: the proxy's ballot then marks no one in the election.
    /// </summary>
    public void EnterHolderRanking(Election election, IReadOnlyDictionary<long, int> numbers, string field)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(numbers);
        if (election.MeetingId != MeetingId)
        {
            throw new DomainException("Election", "That election is not part of this proxy's meeting.");
        }

        var order = numbers.Count == 0
            ? []
            : RankedMarks.Read(field, election.Title, election.Method, election.Seats, election.Standing.Select(c => new PaperCandidate(c.Id, c.Name)).ToList(), numbers);
        _electionPreferences.RemoveAll(p => p.ElectionId == election.Id);
        _electionPreferences.AddRange(order.Select((candidate, i) => new ProxyElectionPreference(election.Id, candidate, i + 1)));
    }

    /// <summary>The keyed rankings the proxy's ballot carries, by election: candidate ids from first preference down.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<long>> Rankings() =>
        _electionPreferences.GroupBy(p => p.ElectionId).ToDictionary(g => g.Key, g => (IReadOnlyList<long>)g.OrderBy(p => p.Rank).Select(p => p.CandidateId).ToList());

    public void MarkUsed() => Used = true;
}

/// <summary>
/// One preference in the holder's ranking in an election, as a teller keyed it before the count. Like a discretionary
/// motion choice it belongs to the appointment (the holder's choice, not the member's secret ballot); at the count it is
/// copied onto the proxy's secret ballot, which holds nothing leading back.
/// </summary>
public sealed class ProxyElectionPreference
{
    internal ProxyElectionPreference(long electionId, long candidateId, int rank)
    {
        ElectionId = electionId;
        CandidateId = candidateId;
        Rank = rank;
    }

    private ProxyElectionPreference()
    {
    }

    public long Id { get; private set; }
    public long ProxyId { get; private set; }
    public long ElectionId { get; private set; }
    public long CandidateId { get; private set; }

    /// <summary>1 for the first preference; for plurality every mark, numbered in paper order.</summary>
    public int Rank { get; private set; }
}

/// <summary>The instruction on one motion.</summary>
public sealed class ProxyMotionMandate
{
    internal ProxyMotionMandate(long motionId, ProxyMandate mandate)
    {
        MotionId = motionId;
        Mandate = mandate;
    }

    private ProxyMotionMandate()
    {
    }

    public long Id { get; private set; }
    public long ProxyId { get; private set; }
    public long MotionId { get; private set; }
    public ProxyMandate Mandate { get; private set; }

    /// <summary>On a discretionary instruction, the holder's choice as a teller entered it; null until then.</summary>
    public VoteChoice? HolderChoice { get; internal set; }
}
