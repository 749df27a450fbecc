namespace CoopRegister.Domain.Members;

/// <summary>Who a member is in law (domain rules 10–11).</summary>
public enum MemberKind
{
    /// <summary>A natural person.</summary>
    Individual,

    /// <summary>
    /// One membership held jointly: the first-named holder is the member who votes; the others receive notices
    /// (domain rule 10: a joint holding is one member with one vote).
    /// </summary>
    Joint,

    /// <summary>A body corporate holding shares in its own name, acting through a named representative (rule 11).</summary>
    Corporate,

    /// <summary>
    /// A person holding as nominee of an unincorporated body (a union branch, a trades council): the register shows the
    /// nominee's name and address and that they act for the named body (rule 11).
    /// </summary>
    Nominee,

    /// <summary>Another registered society, exempt from the individual cap on withdrawable shares (Act s.24).</summary>
    RegisteredSociety,
}

public static class MemberKinds
{
    public static readonly IReadOnlyList<MemberKind> All = Enum.GetValues<MemberKind>();

    public static bool IsPerson(this MemberKind kind) => kind is MemberKind.Individual or MemberKind.Joint or MemberKind.Nominee;

    public static bool IsOrganisation(this MemberKind kind) => kind is MemberKind.Corporate or MemberKind.RegisteredSociety;

    public static string Describe(this MemberKind kind) => kind switch
    {
        MemberKind.Individual => "Individual",
        MemberKind.Joint => "Joint holding",
        MemberKind.Corporate => "Organisation (body corporate)",
        MemberKind.Nominee => "Nominee of an unincorporated body",
        MemberKind.RegisteredSociety => "Registered society",
        _ => kind.ToString(),
    };
}
