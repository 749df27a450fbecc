using System.Text;
using CoopRegister.Data.Identity;
using CoopRegister.Features.Accounts;
using CoopRegister.Features.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace CoopRegister.Features.Members;

/// <summary>The invitation a new member receives to create the login that shows their holding.</summary>
internal static class MemberInvitations
{
    public static async Task<string> LinkAsync(UserManager<ApplicationUser> users, ApplicationUser user, Uri siteBase)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return new Uri(siteBase, $"{StaffService.AcceptPath}?userId={Uri.EscapeDataString(user.Id)}&code={code}").ToString();
    }

    public static OutgoingMail Mail(string email, string name, long memberNumber, string society, string link) => new(email, name,
        $"Welcome to {society}: create your login",
        $"""
        Dear {name},

        Your shares in {society} have been allotted and you are now member number {memberNumber}. Welcome!

        Create your login to see your holding, your certificates and your history, and to buy more shares
        (the link works once, for seven days):
        {link}

        If the link has expired, ask the registrar to send a new one.
        """);
}
