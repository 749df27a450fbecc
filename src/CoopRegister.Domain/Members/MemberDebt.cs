namespace CoopRegister.Domain.Members;

/// <summary>
/// Money the society owes a former member: withdrawable shares converted into a debt when the board ceases a member it
/// has lost contact with (domain rule 35), held until they come forward. It is "other property in the society held by
/// the member" that the register records (Act s.30(2)(d)).
/// </summary>
public sealed class MemberDebt
{
    public const int ReasonMax = 300;

    private MemberDebt()
    {
    }

    public long Id { get; private set; }
    public long MemberId { get; private set; }
    public long AmountPence { get; private set; }
    public DateOnly ArisenOn { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly? PaidOn { get; private set; }
    public string? PaymentReference { get; private set; }

    public Money Amount => new(AmountPence);

    public static MemberDebt Arise(long memberId, long amountPence, DateOnly on, string reason)
    {
        if (amountPence <= 0)
        {
            throw new DomainException("Amount", "A debt must be for more than £0.00.");
        }

        return new MemberDebt { MemberId = memberId, AmountPence = amountPence, ArisenOn = on, Reason = reason.Length <= ReasonMax ? reason : reason[..ReasonMax] };
    }

    public void Pay(DateOnly on, string reference)
    {
        if (PaidOn is not null)
        {
            throw new DomainException($"This debt was already paid on {PaidOn:yyyy-MM-dd}.");
        }

        if (on < ArisenOn)
        {
            throw new DomainException("PaidOn", "The debt cannot be paid before it arose.");
        }

        PaidOn = on;
        PaymentReference = reference.Trim().Length <= 100 ? reference.Trim() : reference.Trim()[..100];
    }
}
