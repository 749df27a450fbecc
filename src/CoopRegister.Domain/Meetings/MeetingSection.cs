namespace CoopRegister.Domain.Meetings;

/// <summary>
/// One sitting of a general meeting: PPPS holds its AGM as several regional sections on their own dates and places,
/// and a member attends and votes at one section only (domain rule 53).
/// </summary>
public sealed class MeetingSection
{
    public const int NameMax = 100;
    public const int PlaceMax = 300;

    private MeetingSection()
    {
    }

    public long Id { get; private set; }
    public long MeetingId { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string Place { get; private set; } = "";

    internal static MeetingSection Of(SectionPlan plan) => new() { Name = plan.Name.Trim(), Date = plan.Date, Place = plan.Place.Trim() };

    internal void Update(SectionPlan plan)
    {
        Name = plan.Name.Trim();
        Date = plan.Date;
        Place = plan.Place.Trim();
    }
}

/// <summary>A section as the form gives it: an existing section keeps its <see cref="Id"/>; a new one has none.</summary>
public sealed record SectionPlan(long? Id, string Name, DateOnly Date, string Place);
