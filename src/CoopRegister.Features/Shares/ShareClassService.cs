using System.Globalization;
using CoopRegister.Data;
using CoopRegister.Domain;
using CoopRegister.Domain.Accounts;
using CoopRegister.Domain.Members;
using CoopRegister.Domain.Shares;
using CoopRegister.Features.Access;
using CoopRegister.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Shares;

/// <summary>A share class as the administrator's page shows it.</summary>
public sealed record ShareClassRow(int Id, string Code, string Name, Money NominalValue, bool Withdrawable, bool Transferable, bool ConfersMembership,
    int MinimumHoldingShares, Money MaximumHolding, int AllowedKinds, bool Active, long SharesIssued, long Version)
{
    public bool IsOrdinary => Code == ShareClass.OrdinaryCode;

    public IReadOnlyList<MemberKind> Kinds => MemberKinds.All.Where(k => (AllowedKinds & (1 << (int)k)) != 0).ToList();
}

/// <summary>The class form as typed: amounts in pounds.</summary>
public sealed class ShareClassForm
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string NominalValuePounds { get; set; } = "1.00";
    public bool Withdrawable { get; set; } = true;
    public bool Transferable { get; set; }
    public string MinimumHoldingShares { get; set; } = "0";
    public string MaximumHoldingPounds { get; set; } = "100000.00";
    public HashSet<MemberKind> Kinds { get; } = [.. MemberKinds.All];
    public bool Active { get; set; } = true;

    public static ShareClassForm From(ShareClassRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var form = new ShareClassForm
        {
            Code = row.Code,
            Name = row.Name,
            NominalValuePounds = row.NominalValue.ToPoundsString(),
            Withdrawable = row.Withdrawable,
            Transferable = row.Transferable,
            MinimumHoldingShares = row.MinimumHoldingShares.ToString(CultureInfo.InvariantCulture),
            MaximumHoldingPounds = row.MaximumHolding.ToPoundsString(),
            Active = row.Active,
        };
        form.Kinds.Clear();
        form.Kinds.UnionWith(row.Kinds);
        return form;
    }

    internal (long Nominal, int Minimum, long Maximum, int Kinds) Read()
    {
        var errors = new List<RuleViolation>();
        if (!Money.TryParsePounds(NominalValuePounds, out var nominal))
        {
            errors.Add(new(nameof(ShareClass.NominalValuePence), $"Nominal value: '{NominalValuePounds}' is not an amount in pounds (for example 1.00)."));
        }

        if (!int.TryParse(MinimumHoldingShares, NumberStyles.None, CultureInfo.InvariantCulture, out var minimum))
        {
            errors.Add(new(nameof(ShareClass.MinimumHoldingShares), $"Minimum holding: '{MinimumHoldingShares}' is not a whole number of shares."));
        }

        if (!Money.TryParsePounds(MaximumHoldingPounds, out var maximum))
        {
            errors.Add(new(nameof(ShareClass.MaximumHoldingPence), $"Maximum holding: '{MaximumHoldingPounds}' is not an amount in pounds."));
        }

        return errors.Count > 0 ? throw new DomainException(errors) : (nominal.Pence, minimum, maximum.Pence, Kinds.Aggregate(0, (acc, k) => acc | (1 << (int)k)));
    }
}

/// <summary>
/// Share classes (domain rule 12): the ordinary class follows the society's settings; an administrator adds further
/// classes (say, a class for trade-union holdings) and says who may hold each.
/// </summary>
public sealed class ShareClassService(IDbContextFactory<RegisterDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<ShareClassRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        return await db.ShareClasses.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new ShareClassRow(c.Id, c.Code, c.Name, new Money(c.NominalValuePence), c.Withdrawable, c.Transferable, c.ConfersMembership,
                c.MinimumHoldingShares, new Money(c.MaximumHoldingPence), c.AllowedKinds, c.Active,
                db.Holdings.Where(h => h.ShareClassId == c.Id).Sum(h => (long?)h.Shares) ?? 0,
                EF.Property<long>(c, RegisterDbContext.VersionProperty)))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CreateAsync(Actor actor, ShareClassForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var society = await db.Societies.AsNoTracking().SingleAsync(cancellationToken);
        var (nominal, minimum, maximum, kinds) = form.Read();
        var code = form.Code.Trim().ToUpperInvariant();
        if (await db.ShareClasses.AnyAsync(c => c.Code == code, cancellationToken))
        {
            throw new DomainException(nameof(ShareClass.Code), $"There is already a class with the code {code}.");
        }

        var shareClass = ShareClass.Create(code, form.Name, nominal, form.Withdrawable, form.Transferable, minimum, maximum, kinds, society.Details);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ShareClasses.Add(shareClass);
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Add(db, actor, Now, "share-class.created", "ShareClass", shareClass.Id.ToString(CultureInfo.InvariantCulture),
            $"Share class {shareClass.Code} ({shareClass.Name}) created.", null, Snapshot(shareClass));
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return shareClass.Id;
    }

    public async Task UpdateAsync(Actor actor, int id, ShareClassForm form, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await AccessGuard.RequireAsync(db, actor, Permissions.ManageSociety, Now, cancellationToken);
        var society = await db.Societies.AsNoTracking().SingleAsync(cancellationToken);
        var shareClass = await db.ShareClasses.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new DomainException("This share class no longer exists.");
        db.Entry(shareClass).Property(RegisterDbContext.VersionProperty).OriginalValue = expectedVersion;
        var before = Snapshot(shareClass);
        var (nominal, minimum, maximum, kinds) = form.Read();
        var issued = await db.LedgerEntries.AnyAsync(e => e.ShareClassId == id, cancellationToken);
        shareClass.Change(form.Name, nominal, form.Withdrawable, form.Transferable, minimum, maximum, kinds, form.Active, issued, society.Details);
        AuditTrail.Add(db, actor, Now, "share-class.changed", "ShareClass", id.ToString(CultureInfo.InvariantCulture),
            $"Share class {shareClass.Code} changed.", before, Snapshot(shareClass));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException($"Share class {shareClass.Code} was changed by someone else. Reload to see the change.", ex);
        }
    }

    private static object Snapshot(ShareClass c) => new
    {
        c.Code, c.Name, c.NominalValuePence, c.Withdrawable, c.Transferable, c.MinimumHoldingShares, c.MaximumHoldingPence,
        Kinds = MemberKinds.All.Where(c.AllowsKind).Select(k => k.ToString()).ToList(), c.Active,
    };
}
