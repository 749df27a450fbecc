using Microsoft.Extensions.Configuration;

namespace CoopRegister.Features.Mail;

/// <summary>
/// How mail leaves CoopRegister. With <c>Mail:Smtp:Host</c> set it goes by SMTP; otherwise every message is written
/// as an <c>.eml</c> file into the outbox folder (<c>data/outbox</c> by default), so a fresh machine needs no mail server.
/// </summary>
public sealed record MailOptions
{
    public string FromAddress { get; init; } = "register@localhost";
    public string? FromName { get; init; }
    public string OutboxDirectory { get; init; } = "";
    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 587;
    public string? SmtpUsername { get; init; }
    public string? SmtpPassword { get; init; }

    /// <summary>Auto, StartTls, SslOnConnect or None.</summary>
    public string SmtpSecurity { get; init; } = "Auto";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    public static MailOptions FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Mail");
        var outbox = section["OutboxDirectory"];
        return new MailOptions
        {
            FromAddress = section["FromAddress"] is { Length: > 0 } from ? from : "register@localhost",
            FromName = section["FromName"],
            OutboxDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(outbox)
                ? Path.Combine(contentRoot, "data", "outbox")
                : Path.Combine(contentRoot, outbox)),
            SmtpHost = section["Smtp:Host"],
            SmtpPort = int.TryParse(section["Smtp:Port"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 587,
            SmtpUsername = section["Smtp:Username"],
            SmtpPassword = section["Smtp:Password"],
            SmtpSecurity = section["Smtp:Security"] is { Length: > 0 } s ? s : "Auto",
        };
    }

    /// <summary>Where mail goes, said for an administrator.</summary>
    public string Describe() => UsesSmtp
        ? $"SMTP server {SmtpHost}:{SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : $"outbox folder {OutboxDirectory}";
}
