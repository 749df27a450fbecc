namespace CoopRegister.Domain.Meetings;

/// <summary>What the form gives to call or change a meeting.</summary>
public sealed record MeetingPlan(
    MeetingKind Kind,
    string Title,
    DateOnly NoticeDate,
    DateTime VotingOpensAtUtc,
    DateTime VotingClosesAtUtc,
    EligibilityRule Eligibility,
    IReadOnlyList<SectionPlan> Sections);

/// <summary>The figures of a count: online and paper tallies by motion, members marked as voted, ballots by channel, and the reconciliation.</summary>
public sealed record CountFigures(
    IReadOnlyDictionary<long, MotionTally> Online,
    IReadOnlyDictionary<long, MotionTally> Paper,
    long Voted,
    long OnlineBallots,
    long PaperBallots,
    long SpoiltPapers,
    Reconciliation? Reconciliation)
{
    /// <summary>The motions decided by show of hands (by motion id), with their outcome; every other motion is decided by ballot.</summary>
    public IReadOnlyDictionary<long, HandsOutcome> Hands { get; init; } = new Dictionary<long, HandsOutcome>();

    /// <summary>Of <see cref="OnlineBallots"/> (every secret ballot), those cast for proxies at the count.</summary>
    public long ProxyBallots { get; init; }
}

/// <summary>
/// A general meeting (domain rules 39–44): annual or special, held in one or more sections, called by notice given a
/// number of clear days before, with an eligibility rule, a quorum rule, motions and an online voting window. The
/// meeting moves Preparing → VotingOpen → VotingClosed → Counted → Declared, one step at a time.
/// </summary>
public sealed class Meeting
{
    public const int TitleMax = 200;
    public const int MaxSections = 50;
    public const int MaxMotions = 100;
    public const int HashLength = 64;

    /// <summary>The usual cap of proxies one holder may carry (domain rule 41, example rule: at most 5 members).</summary>
    public const int DefaultProxyCap = 5;
    public const int MaxProxyCap = 1000;

    private readonly List<MeetingSection> _sections = [];
    private readonly List<Motion> _motions = [];

    private Meeting()
    {
    }

    public long Id { get; private set; }
    public MeetingKind Kind { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The date notice of the meeting was given (the board approved and sent it).</summary>
    public DateOnly NoticeDate { get; private set; }

    /// <summary>The clear days' notice the society's rules required when the meeting was called (its setting then).</summary>
    public int NoticeClearDays { get; private set; }

    public EligibilityRule Eligibility { get; private set; } = EligibilityRule.Default;
    public QuorumRule Quorum { get; private set; } = new();

    /// <summary>Which vote counts when a member who voted online then attends (stored with the meeting; see <see cref="VotePrecedence"/>).</summary>
    public VotePrecedence Precedence { get; private set; } = VotePrecedence.OnlineVoteCounts;

    /// <summary>
    /// Proxies are appointed, changed and revoked before this instant (UTC); null when the society's rules allow no
    /// proxies at this meeting (domain rule 41: the rules <em>may</em> allow them).
    /// </summary>
    public DateTime? ProxyDeadline { get; private set; }

    /// <summary>How many members one holder may represent (the chair included).</summary>
    public int ProxyCap { get; private set; } = DefaultProxyCap;

    /// <summary>Online votes are taken from this instant (UTC)...</summary>
    public DateTime VotingOpensAt { get; private set; }

    /// <summary>...until this one (UTC), exclusive.</summary>
    public DateTime VotingClosesAt { get; private set; }

    public MeetingStatus Status { get; private set; }

    /// <summary>When the voter roll was taken; null until it is (and again after a change that invalidates it).</summary>
    public DateTime? RollTakenAt { get; private set; }

    /// <summary>SHA-256 of the roll as <see cref="VoterRollHash"/> writes it, in lower-case hex.</summary>
    public string? RollHash { get; private set; }

    public long RollSize { get; private set; }

    /// <summary>Members on the roll who voted, as the roll's marks show at the count (turnout).</summary>
    public long? VotedCount { get; private set; }

    public DateTime? VotingOpenedAt { get; private set; }
    public DateTime? VotingClosedAt { get; private set; }
    public DateTime? CountedAt { get; private set; }
    /// <summary>Ballots at the count by channel: online, valid paper ballots, and spoilt papers.</summary>
    public long? OnlineBallots { get; private set; }

    public long? PaperBallots { get; private set; }

    /// <summary>Ballots cast at the count for members represented by a proxy whose holder was present.</summary>
    public long? ProxyBallots { get; private set; }
    public long? SpoiltPapers { get; private set; }

    /// <summary>The reconciliation's differences at the count; null when everything balanced.</summary>
    public string? ReconciliationDifferences { get; private set; }

    /// <summary>A teller's explanation of the differences, which a second teller signs off before the declaration.</summary>
    public string? ReconciliationNote { get; private set; }

    public string? ReconciliationNotedById { get; private set; }
    public string? ReconciliationNotedBy { get; private set; }
    public DateTime? ReconciliationNotedAt { get; private set; }
    public string? ReconciliationSignedOffBy { get; private set; }
    public DateTime? ReconciliationSignedOffAt { get; private set; }

    public bool ReconciliationBlocksDeclaration => ReconciliationDifferences is not null && ReconciliationSignedOffAt is null;

    public DateTime? DeclaredAt { get; private set; }
    public string? DeclaredBy { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<MeetingSection> Sections => _sections;
    public IReadOnlyList<Motion> Motions => _motions;

    /// <summary>The meeting date the eligibility rule is read on: the day the first section sits.</summary>
    public DateOnly MeetingDate => _sections.Count == 0 ? NoticeDate : _sections.Min(s => s.Date);

    public DateOnly LastSectionDate => _sections.Count == 0 ? NoticeDate : _sections.Max(s => s.Date);

    public bool IsRollTaken => RollTakenAt is not null;

    public static Meeting Call(MeetingPlan plan, int noticeClearDays, QuorumRule quorum, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(quorum);
        var m = new Meeting { NoticeClearDays = noticeClearDays, Quorum = quorum, Status = MeetingStatus.Preparing, CreatedAt = nowUtc };
        m.Apply(plan);
        return m;
    }

    /// <summary>
    /// Changes the meeting's details and sections while it is being prepared. A voter roll already taken no longer
    /// matches (its dates or rule may have changed), so it is discarded and must be taken again.
    /// </summary>
    public void Change(MeetingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        RequirePreparing("change the meeting");
        Apply(plan);
        DiscardRoll();
    }

    public Motion AddMotion(string title, string text, MotionThreshold threshold)
    {
        RequirePreparing("add a motion");
        if (_motions.Count >= MaxMotions)
        {
            throw new DomainException("Motions", $"A meeting may have at most {MaxMotions} motions.");
        }

        var motion = Motion.Create(_motions.Count + 1, title, text, threshold);
        _motions.Add(motion);
        return motion;
    }

    /// <summary>
    /// Adds the confirming vote on a special resolution carried at an earlier meeting (Act s.111). Every section of this
    /// meeting must sit within the interval after the first meeting; a resolution is confirmed once.
    /// </summary>
    public Motion AddConfirmingMotion(SpecialResolution resolution, string text)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        RequirePreparing("add a motion");
        if (resolution.Status != SpecialResolutionStatus.AwaitingConfirmation)
        {
            throw new DomainException("Resolution", $"The special resolution \"{resolution.Title}\" is no longer awaiting confirmation.");
        }

        if (resolution.FirstMeetingId == Id)
        {
            throw new DomainException("Resolution", "A special resolution is confirmed at a second general meeting, not at the meeting that carried it.");
        }

        if (_motions.Any(m => m.ConfirmsResolutionId == resolution.Id))
        {
            throw new DomainException("Resolution", $"This meeting already has a motion confirming \"{resolution.Title}\".");
        }

        if (_motions.Count >= MaxMotions)
        {
            throw new DomainException("Motions", $"A meeting may have at most {MaxMotions} motions.");
        }

        var number = _motions.Count + 1;
        var late = _sections.Select(s => resolution.Window.Check(s.Date, $"Section \"{s.Name}\"", number)).OfType<RuleViolation>().ToList();
        if (late.Count > 0)
        {
            throw new DomainException(late);
        }

        var title = $"Confirmation: {resolution.Title}";
        var motion = Motion.Confirming(number, resolution.Id, title.Length <= Motion.TitleMax ? title : title[..Motion.TitleMax], text, resolution.Window);
        _motions.Add(motion);
        return motion;
    }

    public void ChangeMotion(long motionId, string title, string text, MotionThreshold threshold)
    {
        RequirePreparing("change a motion");
        FindMotion(motionId).Change(title, text, threshold);
    }

    public void RemoveMotion(long motionId)
    {
        RequirePreparing("remove a motion");
        _motions.Remove(FindMotion(motionId));
        var n = 1;
        foreach (var m in _motions.OrderBy(m => m.Number))
        {
            m.Renumber(n++);
        }
    }

    /// <summary>Records the snapshot of the register the roll was taken from (the caller has written its rows).</summary>
    public void RecordRoll(string hash, long size, DateTime nowUtc)
    {
        RequirePreparing("take the voter roll");
        if (hash is not { Length: HashLength })
        {
            throw new ArgumentException("The roll hash is a SHA-256 in hex.", nameof(hash));
        }

        RequireNotice();
        RollHash = hash;
        RollSize = size;
        RollTakenAt = nowUtc;
    }

    /// <summary>Opens online voting; <paramref name="elections"/> is the number of committee elections the paper also holds.</summary>
    public void OpenVoting(DateTime nowUtc, int elections = 0)
    {
        RequirePreparing("open voting");
        var errors = new List<RuleViolation>();
        if (!IsRollTaken)
        {
            errors.Add(new RuleViolation("Roll", "Take the voter roll before voting opens: the roll says who may vote."));
        }

        if (_motions.Count == 0 && elections == 0)
        {
            errors.Add(new RuleViolation("Motions", "Add at least one motion or election before voting opens."));
        }

        if (nowUtc >= VotingClosesAt)
        {
            errors.Add(new RuleViolation("VotingClosesAt", $"The voting window ended at {VotingClosesAt:yyyy-MM-dd HH:mm} UTC; change it before opening voting."));
        }

        // Act s.111: the confirming meeting sits within the interval after the first (checked when added and changed, and here again).
        errors.AddRange(_sections.SelectMany(sec => _motions.Where(m => m.Window is not null)
            .Select(m => m.Window!.Check(sec.Date, $"Section \"{sec.Name}\"", m.Number))).OfType<RuleViolation>());

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        RequireNotice();
        Status = MeetingStatus.VotingOpen;
        VotingOpenedAt = nowUtc;
    }

    /// <summary>Whether an online vote may be taken now: voting is open and the instant is inside the window.</summary>
    public bool AcceptsVotesAt(DateTime nowUtc) => Status == MeetingStatus.VotingOpen && nowUtc >= VotingOpensAt && nowUtc < VotingClosesAt;

    /// <summary>Ends voting. Tellers close it at or after the window's end; closing early would shut out members the notice promised a vote.</summary>
    public void CloseVoting(DateTime nowUtc)
    {
        if (Status != MeetingStatus.VotingOpen)
        {
            throw new DomainException("Status", $"Voting can be closed only while it is open; the meeting is {Status.Describe().ToLowerInvariant()}.");
        }

        if (nowUtc < VotingClosesAt)
        {
            throw new DomainException("VotingClosesAt", $"The voting window runs until {VotingClosesAt:yyyy-MM-dd HH:mm} UTC; members were told they could vote until then.");
        }

        Status = MeetingStatus.VotingClosed;
        VotingClosedAt = nowUtc;
    }

    /// <summary>Records the count of every motion from online ballots only (tallies by motion id) and the roll's marks.</summary>
    public void RecordCount(IReadOnlyDictionary<long, MotionTally> tallies, long voted, DateTime nowUtc) =>
        RecordCount(new CountFigures(tallies, new Dictionary<long, MotionTally>(), voted, voted, 0, 0, null), nowUtc);

    /// <summary>
    /// Records the count: each motion's online and paper votes together, the ballots by channel, and the
    /// reconciliation's differences (which must be explained and signed off before the declaration).
    /// </summary>
    public void RecordCount(CountFigures figures, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (Status != MeetingStatus.VotingClosed)
        {
            throw new DomainException("Status", $"The ballots are counted once voting has closed; the meeting is {Status.Describe().ToLowerInvariant()}.");
        }

        var voted = figures.Voted;
        if (voted < 0 || voted > RollSize)
        {
            throw new DomainException("Voted", $"{voted} members marked as voted cannot be right for a roll of {RollSize}.");
        }

        var valid = figures.OnlineBallots + figures.PaperBallots;
        var empty = new MotionTally(0, 0, 0);
        var totals = new Dictionary<long, (MotionTally Total, MotionTally Paper)>();
        foreach (var motion in _motions.Where(m => !figures.Hands.ContainsKey(m.Id)))
        {
            var online = figures.Online.TryGetValue(motion.Id, out var o) ? o : empty;
            var paper = figures.Paper.TryGetValue(motion.Id, out var p) ? p : empty;
            var tally = new MotionTally(online.For + paper.For, online.Against + paper.Against, online.Abstain + paper.Abstain);
            if (tally.For + tally.Against + tally.Abstain > valid)
            {
                throw new DomainException("Ballots",
                    $"Motion {motion.Number} has {tally.For + tally.Against + tally.Abstain} votes but there are only {valid} valid ballots; the count does not reconcile.");
            }

            totals[motion.Id] = (tally, paper);
        }

        foreach (var motion in _motions)
        {
            if (figures.Hands.TryGetValue(motion.Id, out var hands))
            {
                motion.RecordShowOfHands(hands, RollSize);
            }
            else
            {
                motion.RecordCount(totals[motion.Id].Total, totals[motion.Id].Paper, RollSize);
            }
        }

        VotedCount = voted;
        OnlineBallots = figures.OnlineBallots - figures.ProxyBallots;
        ProxyBallots = figures.ProxyBallots;
        PaperBallots = figures.PaperBallots;
        SpoiltPapers = figures.SpoiltPapers;
        ReconciliationDifferences = figures.Reconciliation is { Balances: false } r ? r.DescribeDifferences() : null;
        ReconciliationNote = null;
        ReconciliationNotedById = null;
        ReconciliationNotedBy = null;
        ReconciliationNotedAt = null;
        ReconciliationSignedOffBy = null;
        ReconciliationSignedOffAt = null;
        Status = MeetingStatus.Counted;
        CountedAt = nowUtc;
    }

    /// <summary>A teller explains why the count does not reconcile; a note written again needs a fresh sign-off.</summary>
    public void NoteReconciliation(string note, Teller teller, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(teller);
        RequireDifferencesToExplain();
        note = (note ?? "").Trim().ReplaceLineEndings("\n");
        if (note.Length == 0 || note.Length > Reconciliation.NoteMax)
        {
            throw new DomainException("Note", $"Explain the difference in 1 to {Reconciliation.NoteMax} characters (for example \"one member took their paper home\").");
        }

        ReconciliationNote = note;
        ReconciliationNotedById = teller.Id;
        ReconciliationNotedBy = teller.Name;
        ReconciliationNotedAt = nowUtc;
        ReconciliationSignedOffBy = null;
        ReconciliationSignedOffAt = null;
    }

    /// <summary>A second teller, not the one who wrote the note, signs the explanation off (design/voting.md).</summary>
    public void SignOffReconciliation(Teller teller, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(teller);
        RequireDifferencesToExplain();
        if (ReconciliationNote is null)
        {
            throw new DomainException("Note", "A teller must first write a note explaining the difference; then a second teller signs it off.");
        }

        if (string.Equals(ReconciliationNotedById, teller.Id, StringComparison.Ordinal))
        {
            throw new DomainException("Note", "You wrote the note; a second teller must sign it off.");
        }

        ReconciliationSignedOffBy = teller.Name;
        ReconciliationSignedOffAt = nowUtc;
    }

    /// <summary>Tellers mark attendance and key paper ballots while the meeting sits: from the opening of voting until the count.</summary>
    public void RequireSitting(string what)
    {
        if (Status is not (MeetingStatus.VotingOpen or MeetingStatus.VotingClosed))
        {
            throw new DomainException("Status", $"You can {what} from the opening of voting until the count; the meeting is {Status.Describe().ToLowerInvariant()}.");
        }
    }

    /// <summary>Sets when the quorum is tested (at the opening, or before each vote too); only before voting opens.</summary>
    public void SetQuorumTest(QuorumTest testedAt)
    {
        RequirePreparing("change when the quorum is tested");
        if (!Enum.IsDefined(testedAt))
        {
            throw new DomainException("QuorumTestedAt", "Choose when the quorum is tested: at the opening, or at each vote.");
        }

        Quorum = Quorum with { TestedAt = testedAt };
    }

    /// <summary>Sets the proxy deadline (null: no proxies at this meeting) and the cap per holder; only before voting opens.</summary>
    public void SetProxyRules(DateTime? deadlineUtc, int cap)
    {
        RequirePreparing("change the proxy rules");
        var errors = new List<RuleViolation>();
        if (deadlineUtc is { } d && (d <= VotingOpensAt || d > VotingClosesAt))
        {
            errors.Add(new RuleViolation(nameof(ProxyDeadline),
                $"The proxy deadline must fall inside the voting window ({VotingOpensAt:yyyy-MM-dd HH:mm} to {VotingClosesAt:yyyy-MM-dd HH:mm} UTC): members appoint proxies in the portal while voting is open."));
        }

        if (cap is < 1 or > MaxProxyCap)
        {
            errors.Add(new RuleViolation(nameof(ProxyCap), $"A holder may carry from 1 to {MaxProxyCap} proxies (the usual rule is {DefaultProxyCap})."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        ProxyDeadline = deadlineUtc is { } x ? DateTime.SpecifyKind(x, DateTimeKind.Utc) : null;
        ProxyCap = cap;
    }

    /// <summary>Whether a proxy may be appointed, changed or revoked now: voting is open and the deadline has not passed.</summary>
    public void RequireProxiesOpen(DateTime nowUtc)
    {
        if (ProxyDeadline is not { } deadline)
        {
            throw new DomainException("Proxy", "This meeting takes no proxy votes.");
        }

        if (Status != MeetingStatus.VotingOpen || nowUtc < VotingOpensAt)
        {
            throw new DomainException("Proxy", "Proxies are appointed while voting is open.");
        }

        if (nowUtc >= deadline)
        {
            throw new DomainException("Proxy", $"The proxy deadline was {deadline:yyyy-MM-dd HH:mm} UTC; proxies can no longer be appointed, changed or revoked.");
        }
    }

    /// <summary>Sets which vote counts when a member who voted online attends; only before voting opens.</summary>
    public void SetPrecedence(VotePrecedence precedence)
    {
        RequirePreparing("change the rule for members who vote online and then attend");
        if (!Enum.IsDefined(precedence))
        {
            throw new DomainException("Precedence", "Choose what happens when a member who voted online attends.");
        }

        Precedence = precedence;
    }

    /// <summary>The returning officer declares the counted results, which members may then see.</summary>
    public void Declare(string returningOfficer, DateTime nowUtc)
    {
        if (Status != MeetingStatus.Counted)
        {
            throw new DomainException("Status", $"Results are declared after the count; the meeting is {Status.Describe().ToLowerInvariant()}.");
        }

        if (ReconciliationBlocksDeclaration)
        {
            throw new DomainException("Reconciliation", ReconciliationNote is null
                ? $"The count does not reconcile ({ReconciliationDifferences}). A teller must write a note explaining the difference and a second teller sign it off before the results can be declared."
                : $"The count does not reconcile and the tellers' note has not been signed off. A second teller, not {ReconciliationNotedBy}, must sign it off before the results can be declared.");
        }

        Status = MeetingStatus.Declared;
        DeclaredAt = nowUtc;
        DeclaredBy = returningOfficer;
    }

    private void Apply(MeetingPlan plan)
    {
        var errors = new List<RuleViolation>();
        var title = (plan.Title ?? "").Trim();
        if (title.Length == 0 || title.Length > TitleMax)
        {
            errors.Add(new RuleViolation(nameof(Title), $"Give the meeting a title of 1 to {TitleMax} characters (for example \"Annual General Meeting 2027\")."));
        }

        if (!Enum.IsDefined(plan.Kind))
        {
            errors.Add(new RuleViolation(nameof(Kind), "Choose annual or special."));
        }

        errors.AddRange(plan.Eligibility.Validate());
        var sections = plan.Sections ?? [];
        if (sections.Count == 0)
        {
            errors.Add(new RuleViolation("Sections", "A meeting needs at least one section: where and when it sits."));
        }
        else if (sections.Count > MaxSections)
        {
            errors.Add(new RuleViolation("Sections", $"A meeting may have at most {MaxSections} sections."));
        }

        foreach (var s in sections)
        {
            var name = (s.Name ?? "").Trim();
            var place = (s.Place ?? "").Trim();
            if (name.Length == 0 || name.Length > MeetingSection.NameMax)
            {
                errors.Add(new RuleViolation("Sections", $"Each section needs a name of 1 to {MeetingSection.NameMax} characters (for example \"Glasgow\")."));
            }

            if (place.Length == 0 || place.Length > MeetingSection.PlaceMax)
            {
                errors.Add(new RuleViolation("Sections", $"Section \"{name}\" needs a place of 1 to {MeetingSection.PlaceMax} characters."));
            }

            if (NoticePeriod.Check(plan.NoticeDate, s.Date, NoticeClearDays, $"Section \"{name}\"") is { } late)
            {
                errors.Add(late with { Field = "Sections" });
            }

            // Act s.111: a meeting confirming a special resolution sits within the interval after the first meeting.
            foreach (var confirming in _motions.Where(m => m.Window is not null))
            {
                if (confirming.Window!.Check(s.Date, $"Section \"{name}\"", confirming.Number) is { } outside)
                {
                    errors.Add(outside);
                }
            }
        }

        if (sections.Select(s => (s.Name ?? "").Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != sections.Count)
        {
            errors.Add(new RuleViolation("Sections", "Two sections have the same name; give each its own."));
        }

        if (plan.VotingClosesAtUtc <= plan.VotingOpensAtUtc)
        {
            errors.Add(new RuleViolation("VotingClosesAt", "The voting window must close after it opens."));
        }

        if (DateOnly.FromDateTime(plan.VotingOpensAtUtc) < plan.NoticeDate)
        {
            errors.Add(new RuleViolation("VotingOpensAt", $"Voting cannot open before notice is given ({plan.NoticeDate:yyyy-MM-dd})."));
        }

        if (sections.Count > 0 && DateOnly.FromDateTime(plan.VotingClosesAtUtc) > sections.Max(s => s.Date))
        {
            errors.Add(new RuleViolation("VotingClosesAt", $"Online voting must close by the end of the meeting's last day ({sections.Max(s => s.Date):yyyy-MM-dd})."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        Kind = plan.Kind;
        Title = title;
        NoticeDate = plan.NoticeDate;
        Eligibility = plan.Eligibility;
        VotingOpensAt = plan.VotingOpensAtUtc;
        VotingClosesAt = plan.VotingClosesAtUtc;

        // Sections keep their identity when edited, so that a roll row's section stays meaningful.
        var keep = sections.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
        _sections.RemoveAll(s => !keep.Contains(s.Id));
        foreach (var plan1 in sections)
        {
            var existing = plan1.Id is { } id ? _sections.FirstOrDefault(s => s.Id == id) : null;
            if (existing is null)
            {
                if (plan1.Id is not null)
                {
                    throw new DomainException("Sections", $"Section {plan1.Id} is not part of this meeting.");
                }

                _sections.Add(MeetingSection.Of(plan1));
            }
            else
            {
                existing.Update(plan1);
            }
        }
    }

    private void RequireDifferencesToExplain()
    {
        if (Status != MeetingStatus.Counted)
        {
            throw new DomainException("Status", $"The reconciliation is explained after the count and before the declaration; the meeting is {Status.Describe().ToLowerInvariant()}.");
        }

        if (ReconciliationDifferences is null)
        {
            throw new DomainException("Note", "The count reconciles; there is no difference to explain.");
        }
    }

    private void RequireNotice()
    {
        var late = _sections.Select(s => NoticePeriod.Check(NoticeDate, s.Date, NoticeClearDays, $"Section \"{s.Name}\"")).OfType<RuleViolation>().ToList();
        if (late.Count > 0)
        {
            throw new DomainException(late);
        }
    }

    private void DiscardRoll()
    {
        RollTakenAt = null;
        RollHash = null;
        RollSize = 0;
    }

    private Motion FindMotion(long motionId) =>
        _motions.FirstOrDefault(m => m.Id == motionId) ?? throw new DomainException("Motion", $"Motion {motionId} is not part of this meeting.");

    private void RequirePreparing(string what)
    {
        if (Status != MeetingStatus.Preparing)
        {
            throw new DomainException("Status", $"You can {what} only while the meeting is being prepared; it is {Status.Describe().ToLowerInvariant()}.");
        }
    }
}
