namespace CoopRegister.Data;

/// <summary>The database engines CoopRegister runs on; the same model and the same migration names on both.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, nothing to install.</summary>
    Sqlite,

    /// <summary>For larger societies and several web servers.</summary>
    Postgres,
}
