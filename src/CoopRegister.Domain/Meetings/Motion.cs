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

    public bool IsCounted => Carried is not null;

    internal static Motion Create(int number, string title, string text, MotionThreshold threshold)
    {
        var m = new Motion { Number = number };
        m.Change(title, text, threshold);
        return m;
    }

    internal void Change(string title, string text, MotionThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        var errors = new List<RuleViolation>(threshold.Validate());
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

    internal MotionDecision RecordCount(MotionTally tally, MotionTally paper, long eligible)
    {
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
