using CoopRegister.Data.Identity;
using CoopRegister.Domain;
using Microsoft.AspNetCore.Identity;

namespace CoopRegister.Features.Accounts;

/// <summary>Checks on what people type into account forms, with messages that name the field, the rule and the limit.</summary>
public static class AccountRules
{
    public const int EmailMax = 256;

    public static IEnumerable<RuleViolation> CheckEmail(string email, string field)
    {
        if (email.Length == 0)
        {
            yield return new RuleViolation(field, "E-mail address is required.");
        }
        else if (email.Length > EmailMax)
        {
            yield return new RuleViolation(field, $"E-mail address may be at most {EmailMax} characters; it has {email.Length}.");
        }
        else if (!IsEmail(email))
        {
            yield return new RuleViolation(field, $"'{email}' is not an e-mail address (expected name@example.org).");
        }
    }

    public static IEnumerable<RuleViolation> CheckDisplayName(string name, string field)
    {
        if (name.Length == 0)
        {
            yield return new RuleViolation(field, "Name is required.");
        }
        else if (name.Length > ApplicationUser.DisplayNameMax)
        {
            yield return new RuleViolation(field, $"Name may be at most {ApplicationUser.DisplayNameMax} characters; it has {name.Length}.");
        }
        else if (name.Any(char.IsControl))
        {
            yield return new RuleViolation(field, "Name may not contain control characters.");
        }
    }

    public static IEnumerable<RuleViolation> CheckPassword(string password, string field)
    {
        if (password.Length < PasswordRules.MinimumLength)
        {
            yield return new RuleViolation(field, $"Password must be at least {PasswordRules.MinimumLength} characters; it has {password.Length}.");
        }
        else if (password.Length > PasswordRules.MaximumLength)
        {
            yield return new RuleViolation(field, $"Password may be at most {PasswordRules.MaximumLength} characters.");
        }
    }

    /// <summary>A plain syntactic check: one @, something on each side, a dot in the domain, no spaces or angle brackets.</summary>
    public static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';' or '(' or ')');
    }

    internal static void ThrowOnFailure(IdentityResult result, string? field)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(result.Errors.Select(e => new RuleViolation(field, e.Description)).ToList());
        }
    }
}
