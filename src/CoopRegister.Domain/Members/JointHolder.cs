namespace CoopRegister.Domain.Members;

/// <summary>A holder of a joint membership other than the first-named: receives notices, does not vote.</summary>
public sealed record JointHolder(string Name, string? Email);
