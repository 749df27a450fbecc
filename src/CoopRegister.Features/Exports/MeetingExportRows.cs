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
/// The anonymised ballots: one row per ballot and motion, ordered by the ballot's random identifier, so that the rows
/// keep no trace of the order in which members voted.
/// </summary>
[CsvRecord]
public sealed partial class BallotRowCsv
{
    [CsvColumn("Ballot")] public string Ballot { get; set; } = "";
    [CsvColumn("Receipt")] public string Receipt { get; set; } = "";
    [CsvColumn("Channel")] public string Channel { get; set; } = "";
    [CsvColumn("Motion")] public int Motion { get; set; }
    [CsvColumn("Choice")] public string Choice { get; set; } = "";
}
