using System.Reflection;
using CoopRegister.Domain.Applications;
using CoopRegister.Domain.Audit;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CoopRegister.Data.Bulk;

/// <summary>
/// Gives new entities the keys the database would have given them, in order from a <see cref="RegisterKeys"/>, and
/// takes member numbers from the same starting point. EF sets a store-generated key on the entity after an insert;
/// bulk rows are written with their keys, so this sets them first, through the same private setters EF uses, which
/// lets a ledger entry or an application name its member before anything is written. Not thread-safe: one generator
/// numbers one stream of entities.
/// </summary>
public sealed class BulkKeyAssigner
{
    private readonly Action<Member, long> _memberId;
    private readonly Action<LedgerEntry, long> _entryId;
    private readonly Action<ShareApplication, long> _applicationId;
    private readonly Action<ApplicationPayment, long> _paymentId;
    private readonly Action<ApplicationPayment, long> _paymentApplicationId;
    private readonly Action<ApplicationEvent, long> _eventId;
    private readonly Action<ApplicationEvent, long> _eventApplicationId;
    private readonly Action<AuditEvent, long> _auditId;

    private long _nextMemberId;
    private long _nextMemberNumber;
    private long _nextEntryId;
    private long _nextApplicationId;
    private long _nextPaymentId;
    private long _nextEventId;
    private long _nextAuditId;

    public BulkKeyAssigner(IModel model, RegisterKeys start)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(start);
        _memberId = KeySetter<Member>(model);
        _entryId = KeySetter<LedgerEntry>(model);
        _applicationId = KeySetter<ShareApplication>(model);
        _paymentId = KeySetter<ApplicationPayment>(model);
        _paymentApplicationId = ForeignKeySetter<ApplicationPayment, ShareApplication>(model);
        _eventId = KeySetter<ApplicationEvent>(model);
        _eventApplicationId = ForeignKeySetter<ApplicationEvent, ShareApplication>(model);
        _auditId = KeySetter<AuditEvent>(model);
        _nextMemberId = start.NextMemberId;
        _nextMemberNumber = start.NextMemberNumber;
        _nextEntryId = start.NextLedgerEntryId;
        _nextApplicationId = start.NextApplicationId;
        _nextPaymentId = start.NextApplicationPaymentId;
        _nextEventId = start.NextApplicationEventId;
        _nextAuditId = start.NextAuditEventId;
    }

    /// <summary>The keys the next entities will get: after a batch, where the next batch starts.</summary>
    public RegisterKeys Next => new(_nextMemberId, _nextMemberNumber, _nextEntryId, _nextApplicationId, _nextPaymentId, _nextEventId, _nextAuditId);

    /// <summary>The next member number: consecutive, with no gaps (the register's numbering, not a database sequence).</summary>
    public long TakeMemberNumber() => _nextMemberNumber++;

    /// <summary>
    /// Keeps a member number given from outside (an earlier register's own number, for an import) instead of taking
    /// the next one: numbers taken afterwards follow the largest kept. Uniqueness is the register's unique index's to
    /// enforce; a batch of kept numbers says so (<see cref="RegisterBatch.KeepsMemberNumbers"/>).
    /// </summary>
    public long UseMemberNumber(long number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (number >= _nextMemberNumber)
        {
            _nextMemberNumber = number + 1;
        }

        return number;
    }

    /// <summary>Gives a member its key; returns it, for the entries that belong to the member.</summary>
    public long AssignKey(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var id = _nextMemberId++;
        _memberId(member, id);
        return id;
    }

    public long AssignKey(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var id = _nextEntryId++;
        _entryId(entry, id);
        return id;
    }

    /// <summary>Gives an application its key, and each of its payments and events a key and the application's key.</summary>
    public long AssignKeys(ShareApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var id = _nextApplicationId++;
        _applicationId(application, id);
        foreach (var payment in application.Payments)
        {
            _paymentId(payment, _nextPaymentId++);
            _paymentApplicationId(payment, id);
        }

        foreach (var e in application.Events)
        {
            _eventId(e, _nextEventId++);
            _eventApplicationId(e, id);
        }

        return id;
    }

    public long AssignKey(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var id = _nextAuditId++;
        _auditId(auditEvent, id);
        return id;
    }

    private static Action<T, long> KeySetter<T>(IModel model)
    {
        var key = (model.FindEntityType(typeof(T))?.FindPrimaryKey()?.Properties)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no key in the register's model.");
        if (key.Count != 1)
        {
            throw new InvalidOperationException($"{typeof(T).Name} has a composite key; it is not numbered.");
        }

        return Setter<T>(key[0].PropertyInfo);
    }

    private static Action<T, long> ForeignKeySetter<T, TPrincipal>(IModel model)
    {
        var foreignKey = model.FindEntityType(typeof(T))?.GetForeignKeys().SingleOrDefault(fk => fk.PrincipalEntityType.ClrType == typeof(TPrincipal))
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no single foreign key to {typeof(TPrincipal).Name}.");
        return Setter<T>(foreignKey.Properties.Single().PropertyInfo);
    }

    private static Action<T, long> Setter<T>(PropertyInfo? property)
    {
        var setter = property?.SetMethod;
        if (setter is null || setter.GetParameters()[0].ParameterType != typeof(long))
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{property?.Name} has no setter of a long that the bulk writer can use.");
        }

        return setter.CreateDelegate<Action<T, long>>();
    }
}
