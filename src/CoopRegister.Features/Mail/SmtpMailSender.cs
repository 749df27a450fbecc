using MailKit.Net.Smtp;
using MailKit.Security;

namespace CoopRegister.Features.Mail;

/// <summary>Sends through the configured SMTP server with MailKit, one connection per message.</summary>
public sealed class SmtpMailSender(MailOptions options, TimeProvider clock) : IMailSender
{
    public string Destination => options.Describe();

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = MailMessages.Build(options, mail, clock.GetUtcNow());
        var security = options.SmtpSecurity.ToUpperInvariant() switch
        {
            "STARTTLS" => SecureSocketOptions.StartTls,
            "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
            "NONE" => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        };
        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), options.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUsername))
        {
            await client.AuthenticateAsync(options.SmtpUsername, options.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
