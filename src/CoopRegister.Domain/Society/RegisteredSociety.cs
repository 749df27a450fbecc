namespace CoopRegister.Domain.Society;

/// <summary>
/// The society whose register this is. There is exactly one, created by first-run setup; its details change only
/// through <see cref="Update"/>, which enforces the statute.
/// </summary>
public sealed class RegisteredSociety
{
    /// <summary>The single row's key.</summary>
    public const int SingletonId = 1;

    private RegisteredSociety()
    {
    }

    public int Id { get; private set; } = SingletonId;
    public SocietyDetails Details { get; private set; } = new();
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static RegisteredSociety Create(SocietyDetails details, DateTime nowUtc)
    {
        var normalised = details.Normalised();
        Check(normalised);
        return new RegisteredSociety { Details = normalised, CreatedAt = nowUtc, UpdatedAt = nowUtc };
    }

    public void Update(SocietyDetails details, DateTime nowUtc)
    {
        var normalised = details.Normalised();
        Check(normalised);
        Details = normalised;
        UpdatedAt = nowUtc;
    }

    private static void Check(SocietyDetails details)
    {
        var errors = details.Validate();
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }
    }
}
