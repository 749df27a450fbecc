namespace CoopRegister.Domain;

/// <summary>
/// A rule of the society or of the Act was broken. The message is written for a registrar: it names
/// the field, the rule and the limit ("Holding would be £120,000; the cap for an individual is £100,000 (Act s.24)").
/// </summary>
public class DomainException : Exception
{
    public DomainException(string message)
        : this([new RuleViolation(null, message)])
    {
    }

    public DomainException(string? field, string message)
        : this([new RuleViolation(field, message)])
    {
    }

    public DomainException(IReadOnlyList<RuleViolation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    public DomainException()
        : this("The operation was refused.")
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [new RuleViolation(null, message)];
    }

    /// <summary>Every rule that was broken, each with the field it concerns (null when it concerns the whole form).</summary>
    public IReadOnlyList<RuleViolation> Violations { get; } = [];

    private static string Describe(IReadOnlyList<RuleViolation> violations) =>
        violations.Count == 0 ? "The operation was refused." : string.Join(" ", violations.Select(v => v.Message));
}

/// <summary>One broken rule: the field (as the form names it) and a message that states the rule and the limit.</summary>
public sealed record RuleViolation(string? Field, string Message);
