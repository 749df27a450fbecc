using System.Globalization;

namespace CoopRegister.Features.Mail;

/// <summary>
/// Writes each message as an RFC 5322 <c>.eml</c> file that any mail program opens. The file is written under a
/// temporary name and then renamed, so a reader never sees half a message.
/// </summary>
public sealed class OutboxMailSender(MailOptions options, TimeProvider clock) : IMailSender
{
    public string Destination => options.Describe();

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        Directory.CreateDirectory(options.OutboxDirectory);
        var now = clock.GetUtcNow();
        var name = now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8] + ".eml";
        var path = Path.Combine(options.OutboxDirectory, name);
        var temp = path + ".part";
        var message = MailMessages.Build(options, mail, now);
        await using (var stream = File.Create(temp))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }

        File.Move(temp, path);
    }
}
