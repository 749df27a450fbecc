namespace CoopRegister.Domain.Meetings;

/// <summary>
/// A resolution put to the meeting, with the majority it needs. After the count it holds the figures a declaration
/// states (design/voting.md: for, against and abstentions stored separately, with the eligible members and turnout).
/// </summary>
public sealed class Motion
{
    public const int TitleMax = 200;
    public const int TextMax = 4000;

    private Motion()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }

    /// <summary>The motion's number on the agenda, from 1.</summary>
    public int Number { get; private set; }

    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public MotionThreshold Threshold { get; private set; } = MotionThreshold.Ordinary;

    public long? ForVotes { get; private set; }
    public long? AgainstVotes { get; private set; }
    public long? Abstentions { get; private set; }

    /// <summary>The part of the votes above cast on paper ballots at the sections (the rest were cast online).</summary>
    public long? PaperFor { get; private set; }

    public long? PaperAgainst { get; private set; }
    public long? PaperAbstentions { get; private set; }

    /// <summary>Votes cast under the threshold's rule (for + against, plus abstentions when they count).</summary>
    public long? VotesCast { get; private set; }

    public bool? Carried { get; private set; }

    /// <summary>How the count decided the motion (by ballot, or by show of hands); null until counted.</summary>
    public MotionMethod? DecidedBy { get; private set; }

    /// <summary>The special resolution this motion confirms at a second general meeting (Act s.111, s.113); null for any other motion.</summary>
    public long? ConfirmsResolutionId { get; private set; }

    /// <summary>For a confirming motion: the first and last days its meeting may sit (the interval after the first meeting).</summary>
    public DateOnly? ConfirmFrom { get; private set; }

    public DateOnly? ConfirmBy { get; private set; }

    public ConfirmationWindow? Window => ConfirmFrom is { } f && ConfirmBy is { } b ? new ConfirmationWindow(f, b) : null;

    public bool IsCounted => Carried is not null;

    internal static Motion Create(int number, string title, string text, MotionThreshold threshold)
    {
        var m = new Motion { Number = number };
        m.Change(title, text, threshold);
        return m;
    }

    /// <summary>A motion confirming a special resolution, held to the interval after the first meeting.</summary>
    internal static Motion Confirming(int number, long resolutionId, string title, string text, ConfirmationWindow window)
    {
        var m = new Motion { Number = number, ConfirmsResolutionId = resolutionId, ConfirmFrom = window.From, ConfirmBy = window.By };
        m.Change(title, text, MotionThreshold.Confirmation);
        return m;
    }

    internal void Change(string title, string text, MotionThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        var errors = new List<RuleViolation>(threshold.Validate());

        // The confirming vote's majority is the Act's (more than half), and only a resolution carried at a first meeting
        // can be confirmed: the link and the threshold go together.
        if (ConfirmsResolutionId is null && threshold.Kind == ThresholdKind.Confirmation)
        {
            errors.Add(new RuleViolation(nameof(Threshold), "A confirming vote is added from a special resolution carried at an earlier meeting (\"Confirm a special resolution\"), not chosen as a majority."));
        }
        else if (ConfirmsResolutionId is not null && threshold.Kind != ThresholdKind.Confirmation)
        {
            errors.Add(new RuleViolation(nameof(Threshold), "This motion confirms a special resolution: its majority is fixed by the Act (more than half of the votes cast)."));
        }

        title = (title ?? "").Trim();
        text = (text ?? "").Trim().ReplaceLineEndings("\n");
        if (title.Length == 0 || title.Length > TitleMax)
        {
            errors.Add(new RuleViolation(nameof(Title), $"Give the motion a title of 1 to {TitleMax} characters; it has {title.Length}."));
        }

        if (text.Length == 0 || text.Length > TextMax)
        {
            errors.Add(new RuleViolation(nameof(Text), $"Give the motion's wording, 1 to {TextMax} characters; it has {text.Length}."));
        }

        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        Title = title;
        Text = text;
        Threshold = threshold;
    }

    internal void Renumber(int number) => Number = number;

    /// <summary>Records the result of the shows of hands: the summed counts under the threshold, or the chair's declaration.</summary>
    internal void RecordShowOfHands(HandsOutcome hands, long eligible)
    {
        ArgumentNullException.ThrowIfNull(hands);
        DecidedBy = MotionMethod.ShowOfHands;
        PaperFor = 0;
        PaperAgainst = 0;
        PaperAbstentions = 0;
        if (hands.Tally is { } tally)
        {
            var decision = Threshold.Decide(tally, eligible);
            ForVotes = tally.For;
            AgainstVotes = tally.Against;
            Abstentions = tally.Abstain;
            VotesCast = decision.VotesCast;
            Carried = decision.Carried;
        }
        else
        {
            ForVotes = null;
            AgainstVotes = null;
            Abstentions = null;
            VotesCast = null;
            Carried = hands.DeclaredCarried ?? throw new ArgumentException("A show of hands has counts or a declaration.", nameof(hands));
        }
    }

    internal MotionDecision RecordCount(MotionTally tally, MotionTally paper, long eligible)
    {
        DecidedBy = MotionMethod.Ballot;
        PaperFor = paper.For;
        PaperAgainst = paper.Against;
        PaperAbstentions = paper.Abstain;
        var decision = Threshold.Decide(tally, eligible);
        ForVotes = tally.For;
        AgainstVotes = tally.Against;
        Abstentions = tally.Abstain;
        VotesCast = decision.VotesCast;
        Carried = decision.Carried;
        return decision;
    }
}
