namespace CoopRegister.Features.Mail;

/// <summary>Sends mail by SMTP or into the outbox folder, whichever the configuration chooses.</summary>
public interface IMailSender
{
    /// <summary>Where mail goes, for the administrator's page.</summary>
    string Destination { get; }

    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
