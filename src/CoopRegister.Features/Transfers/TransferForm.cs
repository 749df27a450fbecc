using CoopRegister.Features.Registration;

namespace CoopRegister.Features.Transfers;

/// <summary>
/// A transfer form as the registrar enters it from the signed paper (domain rule 18): who transfers, to whom (an
/// existing member, or a person admitted as a new member by this transfer), how many shares of which class, and the
/// committee's consent.
/// </summary>
public sealed class TransferForm
{
    /// <summary>The transferor's member number.</summary>
    public long? FromMemberNumber { get; set; }

    /// <summary>True when the transferee is not yet a member and is admitted by this transfer.</summary>
    public bool ToNewMember { get; set; }

    /// <summary>The transferee's member number, when they are already a member.</summary>
    public long? ToMemberNumber { get; set; }

    /// <summary>The new member's details, as on the join form (only the person's details are used).</summary>
    public ApplicationForm NewMember { get; } = new();

    /// <summary>The registrar has checked that the new member is not one of the likely matches shown.</summary>
    public bool NotAnExistingMember { get; set; }

    /// <summary>The class of the shares transferred; 0 for the ordinary class.</summary>
    public int ShareClassId { get; set; }

    public long Shares { get; set; }

    public DateOnly? FormSignedOn { get; set; }

    public DateOnly? ConsentedOn { get; set; }

    public string ConsentMinutes { get; set; } = "";

    public DateOnly? EffectiveDate { get; set; }
}
