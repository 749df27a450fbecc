namespace CoopRegister.Domain.Applications;

/// <summary>Where an application to buy shares has got to. Each step is dated and kept in the application's history.</summary>
public enum ApplicationStatus
{
    /// <summary>Received; no money yet.</summary>
    Submitted,

    /// <summary>Some money received, not yet the whole amount (or, for a standing order, not yet the minimum holding).</summary>
    PartPaid,

    /// <summary>Enough money received to allot; waiting for the committee's allotment.</summary>
    Paid,

    /// <summary>Some shares allotted; instalments still coming (standing order).</summary>
    PartAllotted,

    /// <summary>Every share applied for has been allotted.</summary>
    Allotted,

    /// <summary>Refused by the committee, with a reason; any money is to be returned.</summary>
    Refused,

    /// <summary>Withdrawn by the applicant or cancelled by the registrar before allotment.</summary>
    Cancelled,
}

/// <summary>How the applicant pays.</summary>
public enum PaymentMethod
{
    BankTransfer,
    Cheque,

    /// <summary>Monthly instalments; membership rights start when the minimum holding is fully paid (domain rule 19).</summary>
    StandingOrder,

    Card,
    Cash,
}

/// <summary>The registrar's decision when an applicant looks like an existing member (same e-mail, or name with date of birth or postcode).</summary>
public enum MatchDecision
{
    /// <summary>No likely match was found, or none has been decided yet.</summary>
    Undecided,

    /// <summary>Allot to the existing member as a top-up.</summary>
    TopUpExisting,

    /// <summary>The applicant is someone else: admit a new member.</summary>
    NewMember,
}

public static class ApplicationStatuses
{
    public static bool IsOpen(this ApplicationStatus s) => s is ApplicationStatus.Submitted or ApplicationStatus.PartPaid or ApplicationStatus.Paid or ApplicationStatus.PartAllotted;

    public static string Describe(this ApplicationStatus s) => s switch
    {
        ApplicationStatus.Submitted => "Waiting for payment",
        ApplicationStatus.PartPaid => "Part paid",
        ApplicationStatus.Paid => "Paid, waiting for allotment",
        ApplicationStatus.PartAllotted => "Part allotted (instalments continue)",
        ApplicationStatus.Allotted => "Allotted",
        ApplicationStatus.Refused => "Refused",
        ApplicationStatus.Cancelled => "Cancelled",
        _ => s.ToString(),
    };

    public static string Describe(this PaymentMethod m) => m switch
    {
        PaymentMethod.BankTransfer => "Bank transfer",
        PaymentMethod.Cheque => "Cheque",
        PaymentMethod.StandingOrder => "Monthly standing order",
        PaymentMethod.Card => "Card",
        PaymentMethod.Cash => "Cash",
        _ => m.ToString(),
    };
}
