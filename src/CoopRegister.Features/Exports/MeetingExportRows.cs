using CsvHelper;

namespace CoopRegister.Features.Exports;

/// <summary>The exports of a general meeting (design/voting.md): its voter roll, and its ballots for anyone to recount.</summary>
public enum MeetingExportKind
{
    VoterRoll,
    Ballots,
}

/// <summary>The voter roll as a marked register: one row per member on the roll, with whether and how they voted.</summary>
[CsvRecord]
public sealed partial class VoterRollRow
{
    [CsvColumn("Member number")] public long MemberNumber { get; set; }
    [CsvColumn("Name")] public string Name { get; set; } = "";
    [CsvColumn("Section")] public string? Section { get; set; }
    [CsvColumn("Voted")] public bool Voted { get; set; }
    [CsvColumn("Channel")] public string? Channel { get; set; }
}

/// <summary>
/// The anonymised ballots, so that anyone can recount from this file alone: summing <see cref="Votes"/> by motion and
/// choice gives the declared For / Against / Abstain. First one row per secret ballot (online and proxy) and motion,
/// ordered by the ballot's random identifier so that the rows keep no trace of the order in which members voted, each
/// with 1 vote; then, for each accepted batch of paper ballots (keyed as totals, not paper by paper), one row per motion
/// and choice with the batch's total (channel Paper, Ballot "batch-N", the section) and one row of its spoilt papers
/// (Choice Spoilt, no motion); then, for a motion decided by show of hands, one row per section and choice with the
/// hands counted (channel ShowOfHands), or the chair's declaration without a count (Choice "Declared carried" or
/// "Declared not carried", no votes).
/// </summary>
[CsvRecord]
public sealed partial class BallotRowCsv
{
    [CsvColumn("Ballot")] public string Ballot { get; set; } = "";
    [CsvColumn("Receipt")] public string Receipt { get; set; } = "";
    [CsvColumn("Channel")] public string Channel { get; set; } = "";
    [CsvColumn("Motion")] public int? Motion { get; set; }
    [CsvColumn("Choice")] public string Choice { get; set; } = "";
    [CsvColumn("Section")] public string Section { get; set; } = "";
    [CsvColumn("Votes")] public long? Votes { get; set; }
}

/// <summary>
/// One motion's result as the returning officer declares it (the results CSV beside the results page and PDF): the
/// figures are the page's, so a spreadsheet of results never disagrees with the declaration. Status says DRAFT until
/// the declaration. A motion decided by the chair's declaration on a show of hands has no figures.
/// </summary>
[CsvRecord]
public sealed partial class MotionResultRowCsv
{
    [CsvColumn("Status")] public string Status { get; set; } = "";
    [CsvColumn("Motion")] public int Motion { get; set; }
    [CsvColumn("Title")] public string Title { get; set; } = "";
    [CsvColumn("Majority needed")] public string Majority { get; set; } = "";
    [CsvColumn("Decided by")] public string DecidedBy { get; set; } = "";
    [CsvColumn("Result")] public string Result { get; set; } = "";
    [CsvColumn("For")] public long? For { get; set; }
    [CsvColumn("Against")] public long? Against { get; set; }
    [CsvColumn("Abstain")] public long? Abstain { get; set; }
    [CsvColumn("Votes cast")] public long? VotesCast { get; set; }
    [CsvColumn("For %")] public string ForPercent { get; set; } = "";
    [CsvColumn("Against %")] public string AgainstPercent { get; set; } = "";
    [CsvColumn("Eligible members")] public long Eligible { get; set; }
    [CsvColumn("Members who voted")] public long Voted { get; set; }
    [CsvColumn("Turnout")] public string Turnout { get; set; } = "";
    [CsvColumn("Spoilt papers")] public long Spoilt { get; set; }
}
