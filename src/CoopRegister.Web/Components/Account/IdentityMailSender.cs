using System.Net;
using CoopRegister.Data.Identity;
using CoopRegister.Features.Mail;
using Microsoft.AspNetCore.Identity;

namespace CoopRegister.Web.Components.Account;

/// <summary>
/// Identity's account mails (password reset, change of sign-in address) through the register's mail sender. The
/// template's pages HTML-encode their links; these mails are plain text, so the links are decoded back.
/// </summary>
internal sealed class IdentityMailSender(IMailSender mail) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        mail.SendAsync(new OutgoingMail(email, user.DisplayName, "Confirm your e-mail address",
            $"Dear {user.DisplayName},\n\nPlease confirm this e-mail address for your login by opening this link:\n{WebUtility.HtmlDecode(confirmationLink)}\n"));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        mail.SendAsync(new OutgoingMail(email, user.DisplayName, "Reset your password",
            $"Dear {user.DisplayName},\n\nSomeone asked to reset the password of your login. If it was you, open this link:\n{WebUtility.HtmlDecode(resetLink)}\n\nIf it was not you, ignore this message: your password stays as it is.\n"));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        mail.SendAsync(new OutgoingMail(email, user.DisplayName, "Your password reset code",
            $"Dear {user.DisplayName},\n\nYour password reset code is: {resetCode}\n"));
}
