namespace CoopRegister.Features;

/// <summary>Someone else changed the same thing first. The message tells the person to reload and look again.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException()
        : base("Someone else changed this while you were working on it. Reload to see their change, then try again.")
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
