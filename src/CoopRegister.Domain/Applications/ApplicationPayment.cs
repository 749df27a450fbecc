namespace CoopRegister.Domain.Applications;

/// <summary>Money received against an application (one of possibly several parts).</summary>
public sealed class ApplicationPayment
{
    public const int ReferenceMax = 64;

    private ApplicationPayment()
    {
    }

    public long Id { get; private set; }
    public long ApplicationId { get; private set; }
    public long AmountPence { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public PaymentMethod Method { get; private set; }
    public string? Reference { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    internal static ApplicationPayment Create(long amountPence, DateOnly receivedOn, PaymentMethod method, string? reference, DateTime nowUtc, string by) =>
        new()
        {
            AmountPence = amountPence,
            ReceivedOn = receivedOn,
            Method = method,
            Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(),
            RecordedAt = nowUtc,
            RecordedBy = by.Length <= 256 ? by : by[..256],
        };
}
