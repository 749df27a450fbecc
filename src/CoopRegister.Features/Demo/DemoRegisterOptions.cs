namespace CoopRegister.Features.Demo;

/// <summary>
/// What <see cref="DemoRegisterGenerator"/> makes. The same options (seed and today included) and the same starting
/// keys give the same register, row for row, on either database engine and whatever the batch size.
/// </summary>
public sealed record DemoRegisterOptions
{
    /// <summary>How many members to admit.</summary>
    public required int Members { get; init; }

    /// <summary>The seed of the one random sequence everything is drawn from.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The register's "today": no date or instant in it is later, and ages, history and pending applications count back from it.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>How many years of history: members are entered from this many years before <see cref="Today"/>.</summary>
    public int Years { get; init; } = 30;

    /// <summary>
    /// No member is entered before this date. When adding to a register, its latest entry date: member numbers then
    /// keep following the order of entry.
    /// </summary>
    public DateOnly? EnteredFrom { get; init; }

    /// <summary>Organisations: union branches and other bodies through a nominee, companies and other registered societies.</summary>
    public double OrganisationShare { get; init; } = 0.05;

    public double JointShare { get; init; } = 0.03;

    /// <summary>Members who have ceased (died, resigned, lost contact, expelled); they stay on the register, end-dated.</summary>
    public double CeasedShare { get; init; } = 0.08;

    /// <summary>Applications not yet allotted (submitted, part paid or paid), per member generated.</summary>
    public double PendingApplicationShare { get; init; } = 0.005;

    /// <summary>Who the ledger and the payments name as having recorded them.</summary>
    public string RecordedBy { get; init; } = "coopreg demo-data";
}
