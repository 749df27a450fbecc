namespace CoopRegister.Domain.Meetings;

/// <summary>A teller, by the identity that tells two tellers apart and the name the record shows.</summary>
public sealed record Teller(string Id, string Name);

/// <summary>Where a batch of paper ballots is: keyed by one teller, accepted once a second teller's re-keying matches.</summary>
public enum PaperBatchStatus
{
    Keyed,
    Accepted,
}

/// <summary>
/// What a teller keys for a batch of paper ballots from one section (design/voting.md: "paper ballots keyed in by
/// tellers, in batches, with a second teller's check"): the number of valid papers, each motion's For / Against /
/// Abstain count over those papers, and each spoilt paper with the reason it was rejected.
/// </summary>
public sealed record PaperCount(int ValidPapers, IReadOnlyDictionary<long, MotionTally> Motions, IReadOnlyList<string> SpoiltReasons)
{
    public const int MaxPapers = 10_000;

    public IReadOnlyList<RuleViolation> Validate(IReadOnlyList<Motion> motions)
    {
        ArgumentNullException.ThrowIfNull(motions);
        var errors = new List<RuleViolation>();
        if (ValidPapers < 0 || ValidPapers > MaxPapers)
        {
            errors.Add(new RuleViolation(nameof(ValidPapers), $"A batch holds 0 to {MaxPapers:N0} valid papers; split a larger pile into batches."));
        }

        if (ValidPapers + SpoiltReasons.Count == 0)
        {
            errors.Add(new RuleViolation(nameof(ValidPapers), "A batch needs at least one paper, valid or spoilt."));
        }

        if (SpoiltReasons.Count > MaxPapers)
        {
            errors.Add(new RuleViolation(nameof(SpoiltReasons), $"A batch holds at most {MaxPapers:N0} spoilt papers."));
        }

        foreach (var reason in SpoiltReasons)
        {
            var r = (reason ?? "").Trim();
            if (r.Length == 0 || r.Length > SpoiltPaper.ReasonMax)
            {
                errors.Add(new RuleViolation(nameof(SpoiltReasons), $"Give each spoilt paper's reason in 1 to {SpoiltPaper.ReasonMax} characters (for example \"two boxes marked on motion 2\")."));
                break;
            }
        }

        if (Motions.Keys.Any(k => motions.All(m => m.Id != k)))
        {
            errors.Add(new RuleViolation("Motions", "The batch names a motion that is not part of this meeting."));
        }

        foreach (var motion in motions)
        {
            var t = Motions.TryGetValue(motion.Id, out var x) ? x : new MotionTally(0, 0, 0);

            // A paper left blank on one motion is still a valid paper, so a motion may total less; never more.
            if (t.For + t.Against + t.Abstain > ValidPapers)
            {
                errors.Add(new RuleViolation("Motions",
                    $"Motion {motion.Number}: {t.For} for + {t.Against} against + {t.Abstain} abstaining = {t.For + t.Against + t.Abstain}, more than the {ValidPapers} valid papers in the batch."));
            }
        }

        return errors;
    }
}

/// <summary>
/// A batch of paper ballots from one section. One teller keys it; a different teller keys the same papers again
/// without seeing the first figures, and only when both agree is the batch accepted and counted (a second teller's
/// check, design/voting.md). Spoilt papers are recorded one by one with their reason.
/// </summary>
public sealed class PaperBatch
{
    public const int TellerIdMax = 256;
    public const int TellerNameMax = 256;

    private readonly List<PaperBatchCount> _counts = [];
    private readonly List<SpoiltPaper> _spoilt = [];

    private PaperBatch()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public long SectionId { get; private set; }

    /// <summary>The batch's number within the meeting, from 1, as written on the batch's envelope.</summary>
    public int Number { get; private set; }

    public int ValidPapers { get; private set; }
    public PaperBatchStatus Status { get; private set; }
    public string KeyedById { get; private set; } = "";
    public string KeyedByName { get; private set; } = "";
    public DateTime KeyedAt { get; private set; }
    public string? CheckedById { get; private set; }
    public string? CheckedByName { get; private set; }
    public DateTime? CheckedAt { get; private set; }

    public IReadOnlyList<PaperBatchCount> Counts => _counts;
    public IReadOnlyList<SpoiltPaper> Spoilt => _spoilt;

    public bool IsAccepted => Status == PaperBatchStatus.Accepted;

    public static PaperBatch Key(Meeting meeting, MeetingSection section, int number, PaperCount count, Teller keyer, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(keyer);
        meeting.RequireSitting("key paper ballots");
        var errors = count.Validate(meeting.Motions);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var batch = new PaperBatch
        {
            MeetingId = meeting.Id, SectionId = section.Id, Number = number, ValidPapers = count.ValidPapers, Status = PaperBatchStatus.Keyed,
            KeyedById = keyer.Id, KeyedByName = keyer.Name, KeyedAt = nowUtc,
        };
        foreach (var motion in meeting.Motions)
        {
            var t = count.Motions.TryGetValue(motion.Id, out var x) ? x : new MotionTally(0, 0, 0);
            batch._counts.Add(new PaperBatchCount(motion.Id, (int)t.For, (int)t.Against, (int)t.Abstain));
        }

        var n = 1;
        foreach (var reason in count.SpoiltReasons)
        {
            batch._spoilt.Add(new SpoiltPaper(n++, reason.Trim()));
        }

        return batch;
    }

    /// <summary>
    /// A second teller's re-keying. The teller who keyed the batch cannot check it. Every figure that differs is
    /// returned and the batch stays unaccepted; when nothing differs the batch is accepted and will be counted.
    /// </summary>
    public IReadOnlyList<string> Check(PaperCount recount, IReadOnlyList<Motion> motions, Teller checker, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(recount);
        ArgumentNullException.ThrowIfNull(motions);
        ArgumentNullException.ThrowIfNull(checker);
        if (IsAccepted)
        {
            throw new DomainException("Batch", $"Batch {Number} was already checked and accepted by {CheckedByName}.");
        }

        if (string.Equals(checker.Id, KeyedById, StringComparison.Ordinal))
        {
            throw new DomainException("Batch", $"You keyed batch {Number}; a different teller must check it (a second teller's check).");
        }

        var errors = recount.Validate(motions);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var differences = new List<string>();
        if (recount.ValidPapers != ValidPapers)
        {
            differences.Add($"Valid papers: keyed {ValidPapers}, checked {recount.ValidPapers}.");
        }

        if (recount.SpoiltReasons.Count != _spoilt.Count)
        {
            differences.Add($"Spoilt papers: keyed {_spoilt.Count}, checked {recount.SpoiltReasons.Count}.");
        }

        foreach (var motion in motions.OrderBy(m => m.Number))
        {
            var keyed = _counts.FirstOrDefault(c => c.MotionId == motion.Id) ?? new PaperBatchCount(motion.Id, 0, 0, 0);
            var t = recount.Motions.TryGetValue(motion.Id, out var x) ? x : new MotionTally(0, 0, 0);
            if (keyed.For != t.For || keyed.Against != t.Against || keyed.Abstain != t.Abstain)
            {
                differences.Add($"Motion {motion.Number}: keyed {keyed.For} for, {keyed.Against} against, {keyed.Abstain} abstaining; checked {t.For} for, {t.Against} against, {t.Abstain} abstaining.");
            }
        }

        if (differences.Count == 0)
        {
            Status = PaperBatchStatus.Accepted;
            CheckedById = checker.Id;
            CheckedByName = checker.Name;
            CheckedAt = nowUtc;
        }

        return differences;
    }

    /// <summary>The batch's figures as a tally for one motion.</summary>
    public MotionTally TallyOf(long motionId) =>
        _counts.FirstOrDefault(c => c.MotionId == motionId) is { } c ? new MotionTally(c.For, c.Against, c.Abstain) : new MotionTally(0, 0, 0);
}

/// <summary>One motion's counts in a batch of paper ballots.</summary>
public sealed class PaperBatchCount
{
    internal PaperBatchCount(long motionId, int forVotes, int against, int abstain)
    {
        MotionId = motionId;
        For = forVotes;
        Against = against;
        Abstain = abstain;
    }

    private PaperBatchCount()
    {
    }

    public long BatchId { get; private set; }
    public long MotionId { get; private set; }
    public int For { get; private set; }
    public int Against { get; private set; }
    public int Abstain { get; private set; }
}

/// <summary>A paper the tellers rejected, with the reason (design/voting.md: spoilt papers are counted and reported).</summary>
public sealed class SpoiltPaper
{
    public const int ReasonMax = 200;

    internal SpoiltPaper(int number, string reason)
    {
        Number = number;
        Reason = reason;
    }

    private SpoiltPaper()
    {
    }

    public long BatchId { get; private set; }

    /// <summary>The paper's place among the batch's spoilt papers, from 1.</summary>
    public int Number { get; private set; }

    public string Reason { get; private set; } = "";
}
