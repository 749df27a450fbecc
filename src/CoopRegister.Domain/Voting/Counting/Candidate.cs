namespace CoopRegister.Domain.Voting.Counting;

/// <summary>
/// A candidate as the ballot paper shows them. The party is kept only so that a BLT file read with one can be written
/// back with it; the count never looks at it.
/// </summary>
public sealed record Candidate
{
    public Candidate(string name, string? party = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Any(char.IsControl) || (party?.Any(char.IsControl) ?? false))
        {
            throw new ArgumentException("A candidate's name or party cannot contain line breaks or control characters.", nameof(name));
        }

        Name = name;
        Party = string.IsNullOrWhiteSpace(party) ? null : party;
    }

    public string Name { get; }

    public string? Party { get; }

    public override string ToString() => Name;
}
