namespace CoopRegister.Domain.Members;

/// <summary>How an attempt to reach a member failed.</summary>
public enum ContactFailureKind
{
    ReturnedMail,
    BouncedEmail,
}

/// <summary>
/// Returned post or a bounced e-mail, logged with its date (domain rule 35): the evidence on which the board may later
/// resolve that contact is lost. Nothing happens to the member automatically.
/// </summary>
public sealed class ContactFailure
{
    public const int NoteMax = 300;

    private ContactFailure()
    {
    }

    public long Id { get; private set; }
    public long MemberId { get; private set; }
    public DateOnly On { get; private set; }
    public ContactFailureKind Kind { get; private set; }
    public string? Note { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public static ContactFailure Record(long memberId, DateOnly on, ContactFailureKind kind, string? note, DateOnly today, DateTime nowUtc, string by)
    {
        if (on > today)
        {
            throw new DomainException("On", "The date of the returned mail or bounce is in the future.");
        }

        if (note is { Length: > NoteMax })
        {
            throw new DomainException("Note", $"The note may be at most {NoteMax} characters.");
        }

        return new ContactFailure
        {
            MemberId = memberId,
            On = on,
            Kind = kind,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            RecordedAt = nowUtc,
            RecordedBy = by.Length <= 256 ? by : by[..256],
        };
    }
}
