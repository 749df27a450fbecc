namespace CoopRegister.Data.Bulk;

/// <summary>How a <see cref="RegisterBulkWriter"/> uses transactions.</summary>
public enum RegisterBulkMode
{
    /// <summary>Each batch is its own transaction, written with the indexes in place: stopping keeps the batches written.</summary>
    TransactionPerBatch,

    /// <summary>
    /// One transaction for every batch, with the large tables' secondary indexes dropped for the load and rebuilt at
    /// the end: fastest into an empty register; stopping leaves the register as it was.
    /// </summary>
    SingleTransaction,
}
