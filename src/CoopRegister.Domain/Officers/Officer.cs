namespace CoopRegister.Domain.Officers;

/// <summary>
/// An entry in the register of officers (Act s.30(3); domain rule 2): name, address, the office held and the dates
/// appointed and ceased. No person under 16 may be an officer (domain rule 9). Entries are end-dated, never deleted.
/// </summary>
public sealed class Officer
{
    public const int TextMax = 200;
    public const int AddressMax = 500;

    private Officer()
    {
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string Office { get; private set; } = "";
    public DateOnly? DateOfBirth { get; private set; }
    public long? MemberId { get; private set; }
    public DateOnly AppointedOn { get; private set; }
    public DateOnly? CeasedOn { get; private set; }
    public string? CeasedReason { get; private set; }
    public DateTime RecordedAt { get; private set; }

    public bool IsServingOn(DateOnly date) => AppointedOn <= date && (CeasedOn is null || CeasedOn > date);

    public static Officer Appoint(string name, string address, string office, DateOnly? dateOfBirth, long? memberId, DateOnly appointedOn, DateOnly today, DateTime nowUtc)
    {
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > TextMax)
        {
            errors.Add(new("Name", $"The officer's name is required, at most {TextMax} characters."));
        }

        if (string.IsNullOrWhiteSpace(address) || address.Trim().Length > AddressMax)
        {
            errors.Add(new("Address", $"The officer's address is required (Act s.30), at most {AddressMax} characters."));
        }

        if (string.IsNullOrWhiteSpace(office) || office.Trim().Length > 100)
        {
            errors.Add(new("Office", "Give the office held (for example Secretary, Treasurer, Committee member), at most 100 characters."));
        }

        if (appointedOn > today)
        {
            errors.Add(new("AppointedOn", "The appointment date is in the future."));
        }

        if (dateOfBirth is null)
        {
            errors.Add(new("DateOfBirth", "Give the date of birth: no one under 16 may be an officer."));
        }
        else if (Members.PersonDetails.AgeOn(dateOfBirth.Value, appointedOn) < Society.StatutoryLimits.MinimumAgeForOfficersAndWithdrawal)
        {
            errors.Add(new("DateOfBirth", $"No person under 16 may be an officer; on {appointedOn:yyyy-MM-dd} they were {Members.PersonDetails.AgeOn(dateOfBirth.Value, appointedOn)}."));
        }

        return errors.Count > 0
            ? throw new DomainException(errors)
            : new Officer
            {
                Name = name.Trim(),
                Address = address.Trim(),
                Office = office.Trim(),
                DateOfBirth = dateOfBirth,
                MemberId = memberId,
                AppointedOn = appointedOn,
                RecordedAt = nowUtc,
            };
    }

    public void Cease(DateOnly on, string reason)
    {
        if (CeasedOn is not null)
        {
            throw new DomainException($"{Name} already ceased as {Office} on {CeasedOn:yyyy-MM-dd}.");
        }

        if (on < AppointedOn)
        {
            throw new DomainException("CeasedOn", $"{Name} cannot cease before being appointed ({AppointedOn:yyyy-MM-dd}).");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > TextMax)
        {
            throw new DomainException("Reason", "Give the reason (resigned, not re-elected, died…).");
        }

        CeasedOn = on;
        CeasedReason = reason.Trim();
    }
}
