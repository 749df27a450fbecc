namespace CoopRegister.Features.Mail;

/// <summary>One message to one person. Plain text always; HTML optional.</summary>
public sealed record OutgoingMail(string ToAddress, string ToName, string Subject, string TextBody, string? HtmlBody = null);
