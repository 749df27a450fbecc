namespace CoopRegister.Data.Bulk;

/// <summary>
/// Where a bulk write starts: the next key of each register table and the next member number. Bulk rows carry
/// explicit keys (PostgreSQL's binary COPY cannot hand generated keys back), so a batch records the keys it was
/// numbered from and the writer refuses it if the register has moved on in the meantime: explicit keys can then never
/// collide with rows that another writer added.
/// </summary>
public sealed record RegisterKeys(
    long NextMemberId,
    long NextMemberNumber,
    long NextLedgerEntryId,
    long NextApplicationId,
    long NextApplicationPaymentId,
    long NextApplicationEventId,
    long NextAuditEventId);
