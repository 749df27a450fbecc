using System.Globalization;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Shares;

/// <summary>
/// The limits every event that adds shares must respect: the class's maximum holding, never above the statutory cap
/// on withdrawable shares for anyone but a registered society (Act s.24; domain rule 14), the minimum holding that
/// makes a new member (rule 15), and who may hold the class.
/// </summary>
public static class HoldingRules
{
    /// <summary>The most this member may hold of the class, in pence, or null when nothing caps it.</summary>
    public static Money? CapFor(MemberKind kind, ShareClass shareClass, SocietyDetails society)
    {
        ArgumentNullException.ThrowIfNull(shareClass);
        ArgumentNullException.ThrowIfNull(society);
        var classCap = shareClass.MaximumHolding;
        if (kind == MemberKind.RegisteredSociety)
        {
            // Act s.24: the statutory cap does not apply to a member that is itself a registered society; the rules' own maximum still does.
            return classCap;
        }

        if (!shareClass.Withdrawable)
        {
            return classCap;
        }

        var statutory = StatutoryLimits.WithdrawableCap(society.Jurisdiction);
        return classCap < statutory ? classCap : statutory;
    }

    /// <summary>
    /// Every limit broken by adding <paramref name="adding"/> shares to a holding of <paramref name="current"/> shares.
    /// <paramref name="becomingMember"/> is true when this addition is what admits the member.
    /// </summary>
    public static IReadOnlyList<RuleViolation> CheckAddition(MemberKind kind, ShareClass shareClass, SocietyDetails society,
        long current, long adding, bool becomingMember, string field = "Shares")
    {
        ArgumentNullException.ThrowIfNull(shareClass);
        var errors = new List<RuleViolation>();
        if (adding <= 0)
        {
            errors.Add(new(field, $"The number of shares must be at least 1; it is {adding.ToString(CultureInfo.InvariantCulture)}."));
            return errors;
        }

        if (!shareClass.AllowsKind(kind))
        {
            errors.Add(new(field, $"{shareClass.Name} may not be held by a member of kind '{kind.Describe()}' under the society's rules."));
        }

        var nominal = shareClass.NominalValue;
        var after = nominal * checked(current + adding);
        var cap = CapFor(kind, shareClass, society);
        if (cap is { } c && after > c)
        {
            var why = kind != MemberKind.RegisteredSociety && shareClass.Withdrawable && c == StatutoryLimits.WithdrawableCap(society.Jurisdiction)
                ? $"the cap on withdrawable shares for {(kind.IsOrganisation() ? "a member that is not a registered society" : "an individual")} is {c.Format(true)} ({StatutoryLimits.WithdrawableCapCitation(society.Jurisdiction)})"
                : $"the maximum holding of {shareClass.Name.ToLowerInvariant()} under the society's rules is {c.Format(true)}";
            var room = (c.Pence / nominal.Pence) - current;
            errors.Add(new(field, $"Holding would be {after.Format()}; {why}. At most {Math.Max(0, room).ToString("#,##0", CultureInfo.InvariantCulture)} more shares may be added."));
        }

        if (becomingMember && shareClass.ConfersMembership && current + adding < shareClass.MinimumHoldingShares)
        {
            var min = nominal * shareClass.MinimumHoldingShares;
            errors.Add(new(field, $"Membership needs at least {shareClass.MinimumHoldingShares.ToString("#,##0", CultureInfo.InvariantCulture)} shares ({min.Format(true)}) under the society's rules; this is {(current + adding).ToString("#,##0", CultureInfo.InvariantCulture)}."));
        }

        return errors;
    }
}
