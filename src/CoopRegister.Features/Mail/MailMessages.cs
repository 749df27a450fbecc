using MimeKit;

namespace CoopRegister.Features.Mail;

internal static class MailMessages
{
    public static MimeMessage Build(MailOptions options, OutgoingMail mail, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName ?? "", options.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        message.Date = now;
        var body = new BodyBuilder { TextBody = mail.TextBody };
        if (mail.HtmlBody is not null)
        {
            body.HtmlBody = mail.HtmlBody;
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
