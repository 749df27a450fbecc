namespace CoopRegister.Features.Imports;

/// <summary>What a column of a register spreadsheet can hold: one member's details, and one holding of one share class.</summary>
public enum RegisterField
{
    MemberNumber,
    Name,
    GivenNames,
    FamilyName,
    Kind,
    ActingFor,
    Representative,
    RegistrationNumber,
    JointHolders,
    Address,
    AddressLine2,
    AddressLine3,
    Town,
    County,
    Postcode,
    Country,
    Email,
    NoticesByEmail,
    Phone,
    DateOfBirth,
    ShareClass,
    Shares,
    AmountPaid,
    DateEntered,
    DateCeased,
    ReasonCeased,
}

/// <summary>What a column of a history spreadsheet (one dated event in a member's holding per row) can hold.</summary>
public enum HistoryField
{
    MemberNumber,
    Date,
    Event,
    Shares,
    AmountPaid,
    ShareClass,
    Reference,
}

/// <summary>
/// One field the import reads: its key in a map file, its label on the page, whether a file must have it, and the
/// header names it is recognised by (compared without case, spaces or punctuation: "Member No." is "memberno").
/// </summary>
public sealed record ImportFieldInfo<TField>(TField Field, string Key, string Label, bool Required, string Help, IReadOnlyList<string> Headers)
    where TField : struct, Enum;

/// <summary>The fields of the two files, in the order the page lists them.</summary>
public static class ImportFields
{
    public static readonly IReadOnlyList<ImportFieldInfo<RegisterField>> Register =
    [
        new(RegisterField.MemberNumber, "member-number", "Member number", true,
            "The number in the society's register; kept as it is, and the key that makes importing the same file twice change nothing.",
            ["Member number", "Membership number", "Membership no", "Member no", "Member No.", "Mem no", "Member ID", "Membership ID", "Share account", "Account number", "Number", "No", "No."]),
        new(RegisterField.Name, "name", "Name", false,
            "The member's name as registered (a person, the first-named joint holder, a nominee or an organisation). Or map given names and family name.",
            ["Name", "Full name", "Member name", "Member", "Shareholder", "Shareholder name", "Holder", "Organisation", "Organisation name"]),
        new(RegisterField.GivenNames, "given-names", "Given names", false,
            "Used with the family name when there is no name column: \"Forenames Surname\".",
            ["Given names", "Given name", "Forenames", "Forename", "First name", "First names", "Firstname", "Christian name"]),
        new(RegisterField.FamilyName, "family-name", "Family name", false,
            "Used with the given names when there is no name column.",
            ["Family name", "Surname", "Last name", "Lastname"]),
        new(RegisterField.Kind, "kind", "Kind of member", false,
            "Individual, Joint holding, Organisation (body corporate), Nominee of an unincorporated body or Registered society; empty means Individual.",
            ["Kind", "Member kind", "Member type", "Type", "Membership type", "Category"]),
        new(RegisterField.ActingFor, "acting-for", "Acting for (nominee)", false,
            "The unincorporated body a nominee holds for.",
            ["Acting for", "Nominee of", "Nominee for", "On behalf of", "Represented body", "Body"]),
        new(RegisterField.Representative, "representative", "Representative", false,
            "The person who acts for an organisation.",
            ["Representative", "Representative name", "Contact", "Contact name", "Contact person"]),
        new(RegisterField.RegistrationNumber, "registration-number", "Registration number", false,
            "Company or society number of an organisation.",
            ["Registration number", "Registration no", "Reg no", "Company number", "Company no", "Society number", "Society no", "FCA number"]),
        new(RegisterField.JointHolders, "joint-holders", "Joint holders", false,
            "The other holders of a joint membership, separated by semicolons.",
            ["Joint holders", "Joint holder", "Other holders", "Joint names", "Joint with"]),
        new(RegisterField.Address, "address", "Address", true,
            "The postal address without the postcode: the whole address (one line per row), or its first line when the lines are in columns of their own.",
            ["Address", "Postal address", "Address 1", "Address line 1", "Address1", "Addr1", "Street", "Street address", "Line 1"]),
        new(RegisterField.AddressLine2, "address-2", "Address line 2", false, "Added to the address as a line of its own.",
            ["Address 2", "Address line 2", "Address2", "Addr2", "Line 2", "Locality"]),
        new(RegisterField.AddressLine3, "address-3", "Address line 3", false, "Added to the address as a line of its own.",
            ["Address 3", "Address line 3", "Address3", "Addr3", "Line 3", "District"]),
        new(RegisterField.Town, "town", "Town", false, "Added to the address as a line of its own.",
            ["Town", "City", "Post town", "Town/City", "Town or city"]),
        new(RegisterField.County, "county", "County", false, "Added to the address as a line of its own.",
            ["County", "Region", "State", "Province"]),
        new(RegisterField.Postcode, "postcode", "Postcode", true,
            "Required for a UK address, in its usual shape (SW1A 1AA).",
            ["Postcode", "Post code", "Postal code", "Postal zip code", "Zip", "Zip code"]),
        new(RegisterField.Country, "country", "Country", false, "Empty means the United Kingdom.", ["Country"]),
        new(RegisterField.Email, "email", "E-mail address", false,
            "The address the member notified for notices and documents.",
            ["E-mail for notices", "Email for notices", "E-mail", "Email", "Email address", "E-mail address", "Mail"]),
        new(RegisterField.NoticesByEmail, "notices-by-email", "Notices by e-mail", false,
            "Yes when the member gave the address for notices under the Act; empty or No otherwise.",
            ["Notices by e-mail", "Notices by email", "Email notices", "E-mail notices", "Notices", "Electronic notices", "Email consent"]),
        new(RegisterField.Phone, "phone", "Phone", false, "", ["Phone", "Telephone", "Tel", "Phone number", "Telephone number", "Mobile"]),
        new(RegisterField.DateOfBirth, "date-of-birth", "Date of birth", false, "Written in the file's date format.",
            ["Date of birth", "DOB", "Birth date", "Birthdate", "Born"]),
        new(RegisterField.ShareClass, "share-class", "Share class", false,
            "The class's name or code; empty means the ordinary shares. One row per member and class.",
            ["Share class", "Class", "Share type", "Class of share", "Class code"]),
        new(RegisterField.Shares, "shares", "Shares held", true,
            "The number of shares held (0 for a member who holds none now).",
            ["Shares held", "Shares", "Number of shares", "No of shares", "Num shares", "Share count", "Holding", "Shareholding"]),
        new(RegisterField.AmountPaid, "amount-paid", "Amount paid (£)", false,
            "Pounds paid on the shares, such as 250.00 or £1,250; empty means fully paid.",
            ["Amount paid (£)", "Amount paid", "Paid", "Paid up", "Amount paid up", "Capital", "Share capital", "Amount"]),
        new(RegisterField.DateEntered, "date-entered", "Date entered", true,
            "The date the member was entered on the register; shares without a history file are allotted on it.",
            ["Date entered", "Entered", "Date joined", "Joined", "Join date", "Joining date", "Date admitted", "Admitted", "Admission date", "Member since", "Start date"]),
        new(RegisterField.DateCeased, "date-ceased", "Date ceased", false,
            "The date the member ceased to be a member; empty while a member.",
            ["Date ceased", "Ceased", "Date left", "Left", "Leaving date", "End date", "Date resigned", "Resigned"]),
        new(RegisterField.ReasonCeased, "reason-ceased", "Reason ceased", false,
            "Why the member ceased; when empty the register says it was recorded in the earlier register.",
            ["Reason ceased", "Ceased reason", "Reason for leaving", "Leaving reason", "Reason"]),
    ];

    public static readonly IReadOnlyList<ImportFieldInfo<HistoryField>> History =
    [
        new(HistoryField.MemberNumber, "member-number", "Member number", true, "The member the event belongs to, as numbered in the register file.",
            ["Member number", "Membership number", "Membership no", "Member no", "Member No.", "Member ID", "Share account", "Number", "No", "No."]),
        new(HistoryField.Date, "date", "Date", true, "The date the event took effect, in the file's date format.",
            ["Effective date", "Date", "Event date", "Transaction date", "Date of issue", "Issue date", "Allotment date"]),
        new(HistoryField.Event, "event", "Event", true,
            "Allotment or Withdrawal (also Transfer in, Transfer out, Transmission, Forfeiture); signs follow the event.",
            ["Event", "Type", "Transaction", "Transaction type", "Event type", "Kind", "Movement"]),
        new(HistoryField.Shares, "shares", "Shares", true, "The number of shares the event moves.",
            ["Shares", "Number of shares", "No of shares", "Shares moved", "Quantity"]),
        new(HistoryField.AmountPaid, "amount-paid", "Amount paid (£)", false, "Pounds paid or repaid; empty means the shares' nominal value.",
            ["Amount paid (£)", "Amount paid", "Amount", "Paid", "Value", "Amount (£)"]),
        new(HistoryField.ShareClass, "share-class", "Share class", false, "The class's name or code; empty means the ordinary shares.",
            ["Share class", "Class", "Share type", "Class code"]),
        new(HistoryField.Reference, "reference", "Reference", false, "What the event came from, kept in the ledger.",
            ["Reference", "Ref", "Note", "Description", "Details"]),
    ];

    public static ImportFieldInfo<RegisterField> Info(RegisterField field) => Register[(int)field];

    public static ImportFieldInfo<HistoryField> Info(HistoryField field) => History[(int)field];
}
