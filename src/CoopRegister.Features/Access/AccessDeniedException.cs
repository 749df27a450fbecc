namespace CoopRegister.Features.Access;

/// <summary>The actor may not do this. The message says which role is needed.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException()
        : base("You do not have permission to do this.")
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
