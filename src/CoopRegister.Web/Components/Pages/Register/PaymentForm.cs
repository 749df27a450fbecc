using CoopRegister.Domain;
using CoopRegister.Domain.Applications;
using CoopRegister.Features.Registration;

namespace CoopRegister.Web.Components.Pages.Register;

/// <summary>The "Record a payment" form as typed: the amount in pounds, the day the money arrived, how, and its reference.</summary>
public sealed class PaymentForm
{
    public string Pounds { get; set; } = "";
    public DateOnly ReceivedOn { get; set; }
    public PaymentMethod Method { get; set; }
    public string? Reference { get; set; }

    /// <summary>Starts from what is most often received: the amount still owed (or one instalment), today, by the method applied for.</summary>
    public static PaymentForm For(ApplicationDetails application, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(application);
        var outstanding = Math.Max(0, application.Amount.Pence - application.Paid.Pence);
        var expected = application.Instalment is { } i && i.Pence > 0 ? Math.Min(i.Pence, outstanding) : outstanding;
        return new PaymentForm
        {
            Pounds = expected > 0 ? new Money(expected).ToPoundsString() : "",
            ReceivedOn = today,
            Method = application.Method,
        };
    }

    /// <summary>The amount in pence; a typing mistake is reported against the amount field.</summary>
    public long AmountPence() => Money.TryParsePounds(Pounds, out var money)
        ? money.Pence
        : throw new DomainException("Amount", string.IsNullOrWhiteSpace(Pounds)
            ? "Enter the amount received, in pounds (for example 25.00)."
            : $"'{Pounds.Trim()}' is not an amount in pounds (for example 25.00).");
}
