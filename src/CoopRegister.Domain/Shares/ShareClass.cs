using CoopRegister.Domain.Members;
using CoopRegister.Domain.Society;

namespace CoopRegister.Domain.Shares;

/// <summary>
/// A kind of share the society's rules create (domain rule 12): its nominal value, whether it is withdrawable or
/// transferable, the minimum and maximum holding, and who may hold it. The ordinary class is defined by the society's
/// settings and kept in step with them; further classes are added by an administrator.
/// </summary>
/// <summary>The rules' choice for the shares of a member ceased after lost contact (domain rule 35).</summary>
public enum LostContactTreatment
{
    /// <summary>The shares are forfeited to the society.</summary>
    Forfeit,

    /// <summary>The shares are cancelled and their paid-up value becomes a debt owed to the former member.</summary>
    ConvertToDebt,
}

public sealed class ShareClass
{
    public const string OrdinaryCode = "ORD";
    public const int CodeMax = 12;
    public const int NameMax = 100;

    private ShareClass()
    {
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public long NominalValuePence { get; private set; }
    public bool Withdrawable { get; private set; }
    public bool Transferable { get; private set; }

    /// <summary>Whether holding the minimum of this class makes a person a member (the ordinary class does).</summary>
    public bool ConfersMembership { get; private set; }

    public int MinimumHoldingShares { get; private set; }
    public long MaximumHoldingPence { get; private set; }

    /// <summary>Which kinds of member may hold this class, as a set of <see cref="MemberKind"/> flags (bit = 1 &lt;&lt; kind).</summary>
    public int AllowedKinds { get; private set; }

    public bool Active { get; private set; } = true;

    /// <summary>What the rules do with this class when the board ceases a member it has lost contact with (domain rule 35).</summary>
    public LostContactTreatment OnLostContact { get; private set; } = LostContactTreatment.ConvertToDebt;

    /// <summary>Sets the rules' choice for members ceased after lost contact.</summary>
    public void SetLostContactTreatment(LostContactTreatment treatment) => OnLostContact = treatment;

    public Money NominalValue => new(NominalValuePence);
    public Money MaximumHolding => new(MaximumHoldingPence);

    public static int AllKinds => MemberKinds.All.Aggregate(0, (acc, k) => acc | (1 << (int)k));

    public bool AllowsKind(MemberKind kind) => (AllowedKinds & (1 << (int)kind)) != 0;

    /// <summary>The ordinary class as the society's settings define it.</summary>
    public static ShareClass Ordinary(SocietyDetails society)
    {
        var c = new ShareClass { Code = OrdinaryCode, ConfersMembership = true, AllowedKinds = AllKinds };
        c.SyncWith(society);
        return c;
    }

    /// <summary>Keeps the ordinary class equal to the society's settings, which are where an administrator edits it.</summary>
    public void SyncWith(SocietyDetails society)
    {
        ArgumentNullException.ThrowIfNull(society);
        Name = "Ordinary shares";
        NominalValuePence = society.ShareNominalValuePence;
        Withdrawable = society.SharesWithdrawable;
        Transferable = society.SharesTransferable;
        MinimumHoldingShares = society.MinimumHoldingShares;
        MaximumHoldingPence = society.MaximumHoldingPence;
    }

    /// <summary>An additional class; its figures are checked against the Act like the ordinary class's.</summary>
    public static ShareClass Create(string code, string name, long nominalValuePence, bool withdrawable, bool transferable,
        int minimumHoldingShares, long maximumHoldingPence, int allowedKinds, SocietyDetails society)
    {
        ArgumentNullException.ThrowIfNull(society);
        var c = new ShareClass
        {
            Code = code.Trim().ToUpperInvariant(),
            Name = name.Trim(),
            NominalValuePence = nominalValuePence,
            Withdrawable = withdrawable,
            Transferable = transferable,
            MinimumHoldingShares = minimumHoldingShares,
            MaximumHoldingPence = maximumHoldingPence,
            AllowedKinds = allowedKinds,
        };
        var errors = c.Validate(society);
        return errors.Count > 0 ? throw new DomainException(errors) : c;
    }

    /// <summary>
    /// Changes an additional class, or who may hold the ordinary class (its figures are the society's settings). Shares
    /// stay at par, so the nominal value cannot change once shares of the class exist (domain rule 13).
    /// </summary>
    public void Change(string name, long nominalValuePence, bool withdrawable, bool transferable, int minimumHoldingShares, long maximumHoldingPence,
        int allowedKinds, bool active, bool sharesIssued, SocietyDetails society)
    {
        ArgumentNullException.ThrowIfNull(society);
        if (Code == OrdinaryCode)
        {
            if (!active)
            {
                throw new DomainException(nameof(Active), "The ordinary class is always on offer; it is what makes a person a member.");
            }

            AllowedKinds = allowedKinds;
            var ordinaryErrors = Validate(society);
            if (ordinaryErrors.Count > 0)
            {
                throw new DomainException(ordinaryErrors);
            }

            return;
        }

        if (sharesIssued && nominalValuePence != NominalValuePence)
        {
            throw new DomainException(nameof(NominalValuePence), $"{Name} have been issued at {NominalValue.Format()}; shares stay at par, so the nominal value cannot change.");
        }

        var previous = (Name, NominalValuePence, Withdrawable, Transferable, MinimumHoldingShares, MaximumHoldingPence, AllowedKinds, Active);
        Name = name.Trim();
        NominalValuePence = nominalValuePence;
        Withdrawable = withdrawable;
        Transferable = transferable;
        MinimumHoldingShares = minimumHoldingShares;
        MaximumHoldingPence = maximumHoldingPence;
        AllowedKinds = allowedKinds;
        Active = active;
        var errors = Validate(society);
        if (errors.Count > 0)
        {
            (Name, NominalValuePence, Withdrawable, Transferable, MinimumHoldingShares, MaximumHoldingPence, AllowedKinds, Active) = previous;
            throw new DomainException(errors);
        }
    }

    public IReadOnlyList<RuleViolation> Validate(SocietyDetails society)
    {
        var errors = new List<RuleViolation>();
        if (Code.Length is 0 or > CodeMax || !Code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
        {
            errors.Add(new(nameof(Code), $"Class code must be 1–{CodeMax} letters, digits or '-'."));
        }

        if (Name.Length is 0 or > NameMax)
        {
            errors.Add(new(nameof(Name), $"Class name is required, at most {NameMax} characters."));
        }

        if (NominalValuePence < 1)
        {
            errors.Add(new(nameof(NominalValuePence), "Nominal value must be at least 1p."));
        }

        if (MinimumHoldingShares < 0)
        {
            errors.Add(new(nameof(MinimumHoldingShares), "Minimum holding cannot be negative."));
        }

        var cap = StatutoryLimits.WithdrawableCap(society.Jurisdiction);
        if (Withdrawable && MaximumHoldingPence > cap.Pence)
        {
            errors.Add(new(nameof(MaximumHoldingPence),
                $"Maximum holding of withdrawable shares may be at most {cap.Format(true)} for an individual ({StatutoryLimits.WithdrawableCapCitation(society.Jurisdiction)}); it is {MaximumHolding.Format()}."));
        }

        if (AllowedKinds == 0)
        {
            errors.Add(new(nameof(AllowedKinds), "Choose at least one kind of member who may hold this class."));
        }

        return errors;
    }
}
