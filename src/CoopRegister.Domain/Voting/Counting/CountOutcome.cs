namespace CoopRegister.Domain.Voting.Counting;

/// <summary>Whether the count reached its end or stopped for a lot the returning officer must draw.</summary>
public enum CountOutcome
{
    Complete,
    LotRequired,
}
