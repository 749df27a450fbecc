using CsvHelper;

namespace CoopRegister.Features.Exports;

// The columns of every export. Names are stable (README lists them): a registrar's spreadsheet formulas refer to them.
// Money is in pounds with two decimals in columns named "(£)", written as numbers, never as text.

/// <summary>The statutory register (Act s.30), one row per member and share class, as at a date.</summary>
[CsvRecord]
public sealed partial class RegisterRow
{
    [CsvColumn("Member number")] public long MemberNumber { get; set; }
    [CsvColumn("Name")] public string Name { get; set; } = "";
    [CsvColumn("Kind")] public string Kind { get; set; } = "";
    [CsvColumn("Acting for")] public string? RepresentedBody { get; set; }
    [CsvColumn("Representative")] public string? Representative { get; set; }
    [CsvColumn("Joint holders")] public string? JointHolders { get; set; }
    [CsvColumn("Address")] public string Address { get; set; } = "";
    [CsvColumn("Postcode")] public string Postcode { get; set; } = "";
    [CsvColumn("Country")] public string Country { get; set; } = "";
    [CsvColumn("E-mail for notices")] public string? Email { get; set; }
    [CsvColumn("Notices by e-mail")] public bool NoticesByEmail { get; set; }
    [CsvColumn("Share class")] public string ShareClass { get; set; } = "";
    [CsvColumn("Shares held")] public long Shares { get; set; }
    [CsvColumn("Amount paid (£)")] public decimal AmountPaidPounds { get; set; }
    [CsvColumn("Date entered")] public DateOnly DateEntered { get; set; }
    [CsvColumn("Date ceased")] public DateOnly? DateCeased { get; set; }
}

/// <summary>The duplicate register members may inspect (Act s.103): no holdings, no loans, no e-mail addresses.</summary>
[CsvRecord]
public sealed partial class DuplicateRegisterRow
{
    [CsvColumn("Member number")] public long MemberNumber { get; set; }
    [CsvColumn("Name")] public string Name { get; set; } = "";
    [CsvColumn("Kind")] public string Kind { get; set; } = "";
    [CsvColumn("Acting for")] public string? RepresentedBody { get; set; }
    [CsvColumn("Address")] public string Address { get; set; } = "";
    [CsvColumn("Postcode")] public string Postcode { get; set; } = "";
    [CsvColumn("Country")] public string Country { get; set; } = "";
    [CsvColumn("Date entered")] public DateOnly DateEntered { get; set; }
    [CsvColumn("Date ceased")] public DateOnly? DateCeased { get; set; }
}

/// <summary>Every ledger event in a date range.</summary>
[CsvRecord]
public sealed partial class LedgerRowCsv
{
    [CsvColumn("Entry")] public long Id { get; set; }
    [CsvColumn("Effective date")] public DateOnly EffectiveDate { get; set; }
    [CsvColumn("Member number")] public long MemberNumber { get; set; }
    [CsvColumn("Name")] public string Name { get; set; } = "";
    [CsvColumn("Share class")] public string ShareClass { get; set; } = "";
    [CsvColumn("Event")] public string Kind { get; set; } = "";
    [CsvColumn("Shares")] public long Shares { get; set; }
    [CsvColumn("Amount paid (£)")] public decimal AmountPaidPounds { get; set; }
    [CsvColumn("Reference")] public string? Reference { get; set; }
    [CsvColumn("Reverses entry")] public long? ReversesEntryId { get; set; }
    [CsvColumn("Note")] public string? Note { get; set; }
    [CsvColumn("Recorded at (UTC)")] public string RecordedAt { get; set; } = "";
    [CsvColumn("Recorded by")] public string RecordedBy { get; set; } = "";
}

/// <summary>Applications and their payments in a date range, with their status.</summary>
[CsvRecord]
public sealed partial class ApplicationRowCsv
{
    [CsvColumn("Reference")] public string Reference { get; set; } = "";
    [CsvColumn("Submitted")] public DateOnly Submitted { get; set; }
    [CsvColumn("Applicant")] public string Applicant { get; set; } = "";
    [CsvColumn("Kind")] public string Kind { get; set; } = "";
    [CsvColumn("Member number")] public long? MemberNumber { get; set; }
    [CsvColumn("Share class")] public string ShareClass { get; set; } = "";
    [CsvColumn("Shares applied for")] public long Shares { get; set; }
    [CsvColumn("Amount (£)")] public decimal AmountPounds { get; set; }
    [CsvColumn("Paid (£)")] public decimal PaidPounds { get; set; }
    [CsvColumn("Payments")] public int Payments { get; set; }
    [CsvColumn("Last payment")] public DateOnly? LastPayment { get; set; }
    [CsvColumn("Method")] public string Method { get; set; } = "";
    [CsvColumn("Status")] public string Status { get; set; } = "";
    [CsvColumn("Shares allotted")] public long SharesAllotted { get; set; }
    [CsvColumn("Reason closed")] public string? ClosedReason { get; set; }
}

/// <summary>Whom to send notices to, and how each chose to receive them (e-mail only where they gave it for notices).</summary>
[CsvRecord]
public sealed partial class NoticeRow
{
    [CsvColumn("Member number")] public long MemberNumber { get; set; }
    [CsvColumn("Name")] public string Name { get; set; } = "";
    [CsvColumn("Role")] public string Role { get; set; } = "";
    [CsvColumn("Send by")] public string SendBy { get; set; } = "";
    [CsvColumn("E-mail")] public string? Email { get; set; }
    [CsvColumn("Address")] public string Address { get; set; } = "";
    [CsvColumn("Postcode")] public string Postcode { get; set; } = "";
    [CsvColumn("Country")] public string Country { get; set; } = "";
}

/// <summary>Certificates issued, superseded and cancelled, with their status as at the date.</summary>
[CsvRecord]
public sealed partial class CertificateRowCsv
{
    [CsvColumn("Certificate number")] public long Number { get; set; }
    [CsvColumn("Duplicate")] public bool Duplicate { get; set; }
    [CsvColumn("Member number")] public long MemberNumber { get; set; }
    [CsvColumn("Name")] public string Name { get; set; } = "";
    [CsvColumn("Share class")] public string ShareClass { get; set; } = "";
    [CsvColumn("Shares")] public long Shares { get; set; }
    [CsvColumn("Nominal value (£)")] public decimal NominalPounds { get; set; }
    [CsvColumn("Amount paid (£)")] public decimal AmountPaidPounds { get; set; }
    [CsvColumn("Issued on")] public DateOnly IssuedOn { get; set; }
    [CsvColumn("Status")] public string Status { get; set; } = "";
    [CsvColumn("Replaced by")] public long? ReplacedBy { get; set; }
    [CsvColumn("Ended on")] public DateOnly? EndedOn { get; set; }
    [CsvColumn("Reason")] public string? Reason { get; set; }
}

/// <summary>The figures for a period, per share class: what an auditor and the annual return ask for.</summary>
[CsvRecord]
public sealed partial class MovementRow
{
    [CsvColumn("Share class")] public string ShareClass { get; set; } = "";
    [CsvColumn("Figure")] public string Figure { get; set; } = "";
    [CsvColumn("Value")] public decimal Value { get; set; }
    [CsvColumn("Unit")] public string Unit { get; set; } = "";
}

/// <summary>The register of officers (Act s.30(3)), as at a date. No date of birth: it is kept only to check the age limit.</summary>
[CsvRecord]
public sealed partial class OfficerRowCsv
{
    [CsvColumn("Name")] public string Name { get; set; } = "";
    [CsvColumn("Office")] public string Office { get; set; } = "";
    [CsvColumn("Address")] public string Address { get; set; } = "";
    [CsvColumn("Member number")] public long? MemberNumber { get; set; }
    [CsvColumn("Date appointed")] public DateOnly AppointedOn { get; set; }
    [CsvColumn("Date ceased")] public DateOnly? CeasedOn { get; set; }
    [CsvColumn("Reason ceased")] public string? CeasedReason { get; set; }
}
