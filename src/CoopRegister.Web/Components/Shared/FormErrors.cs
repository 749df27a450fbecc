using CoopRegister.Domain;
using CoopRegister.Features;
using CoopRegister.Features.Access;

namespace CoopRegister.Web.Components.Shared;

/// <summary>
/// View state for a form's errors: runs a service call and turns a refusal (a broken rule, a conflict with another
/// person's change, a missing permission) into messages placed by field. No rule is decided here.
/// </summary>
public sealed class FormErrors
{
    private readonly List<RuleViolation> _violations = [];

    public IReadOnlyList<RuleViolation> All => _violations;

    public bool Any => _violations.Count > 0;

    /// <summary>Messages that belong to no single field (or to a field the form does not show).</summary>
    public IEnumerable<string> General(params string[] shownFields) =>
        _violations.Where(v => v.Field is null || !shownFields.Contains(v.Field, StringComparer.Ordinal)).Select(v => v.Message);

    public IEnumerable<string> For(string field) =>
        _violations.Where(v => string.Equals(v.Field, field, StringComparison.Ordinal)).Select(v => v.Message);

    public bool Has(string field) => _violations.Any(v => string.Equals(v.Field, field, StringComparison.Ordinal));

    public void Clear() => _violations.Clear();

    public void Add(string? field, string message) => _violations.Add(new RuleViolation(field, message));

    /// <summary>Runs <paramref name="action"/>; returns true when it succeeded, otherwise records why not.</summary>
    public async Task<bool> RunAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _violations.Clear();
        try
        {
            await action();
            return true;
        }
        catch (DomainException ex)
        {
            _violations.AddRange(ex.Violations);
        }
        catch (ConflictException ex)
        {
            _violations.Add(new RuleViolation(null, ex.Message));
        }
        catch (AccessDeniedException ex)
        {
            _violations.Add(new RuleViolation(null, ex.Message));
        }

        return false;
    }
}
