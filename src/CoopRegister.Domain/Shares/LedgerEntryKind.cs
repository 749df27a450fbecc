namespace CoopRegister.Domain.Shares;

/// <summary>What a share-ledger event records. Shares are never edited in place: every change is one of these.</summary>
public enum LedgerEntryKind
{
    /// <summary>Shares issued against payment (positive).</summary>
    Allotment,

    /// <summary>Shares repaid by the society (negative).</summary>
    Withdrawal,

    /// <summary>Shares transferred to another member (negative).</summary>
    TransferOut,

    /// <summary>Shares received from another member (positive).</summary>
    TransferIn,

    /// <summary>Shares passing on death to the estate or a beneficiary (either sign).</summary>
    Transmission,

    /// <summary>Shares forfeited under the rules (negative).</summary>
    Forfeiture,

    /// <summary>Cancels one earlier entry exactly, naming it; the only way a mistake is corrected.</summary>
    Reversal,
}
