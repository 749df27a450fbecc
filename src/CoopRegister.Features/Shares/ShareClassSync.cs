using CoopRegister.Data;
using CoopRegister.Domain.Shares;
using CoopRegister.Domain.Society;
using Microsoft.EntityFrameworkCore;

namespace CoopRegister.Features.Shares;

/// <summary>
/// The ordinary share class is edited on the society settings page (its nominal value, limits and whether it is
/// withdrawable or transferable are society settings); this keeps its row equal to them, in the same transaction.
/// </summary>
internal static class ShareClassSync
{
    public static async Task SyncOrdinaryAsync(RegisterDbContext db, SocietyDetails society, CancellationToken cancellationToken)
    {
        var ordinary = await db.ShareClasses.SingleOrDefaultAsync(c => c.Code == ShareClass.OrdinaryCode, cancellationToken);
        if (ordinary is null)
        {
            db.ShareClasses.Add(ShareClass.Ordinary(society));
        }
        else
        {
            ordinary.SyncWith(society);
        }
    }
}
