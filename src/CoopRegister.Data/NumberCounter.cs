namespace CoopRegister.Data;

/// <summary>
/// A gap-free number series (member numbers, certificate numbers). Neither engine's sequences are used: a sequence
/// leaves gaps when a transaction rolls back, and a register's numbers must not. The next number is taken inside the
/// transaction that uses it; two writers at once collide on the row's concurrency token and one retries.
/// </summary>
public sealed class NumberCounter
{
    public const string MemberNumbers = "member";
    public const string CertificateNumbers = "certificate";

    public string Name { get; set; } = "";
    public long Next { get; set; } = 1;
}
