namespace CoopRegister.Features.Officers;

/// <summary>
/// An appointment as the registrar enters it. With a member number, the name, address and date of birth default to the
/// member's entry in the register; the officer need not be a member (a secretary may be an employee), so they can be
/// typed instead.
/// </summary>
public sealed class OfficerForm
{
    public long? MemberNumber { get; set; }
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Office { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public DateOnly? AppointedOn { get; set; }
}

/// <summary>An entry in the register of officers (Act s.30(3)), as the registrar sees it.</summary>
public sealed record OfficerRow(long Id, string Name, string Address, string Office, long? MemberId, long? MemberNumber, DateOnly AppointedOn, DateOnly? CeasedOn,
    string? CeasedReason, long Version);

/// <summary>A serving officer, as members see the list: name, office and since when; no address or date of birth.</summary>
public sealed record ServingOfficer(string Name, string Office, DateOnly AppointedOn);
