using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CoopRegister.Domain.Meetings;

/// <summary>
/// The SHA-256 of a voter roll, stored with the meeting so that anyone holding the roll can show it is the one the
/// result was counted on (design/voting.md: "the rule used and a hash of the snapshot are stored with the result").
/// The hashed text is: the rule in words, then one line per member in member-number order, "number" LF. The same
/// members under the same rule give the same hash, whenever and wherever it is computed.
/// </summary>
public sealed class VoterRollHash : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _last = long.MinValue;

    public VoterRollHash(EligibilityRule rule, DateOnly noticeDate, DateOnly meetingDate)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Append(string.Create(CultureInfo.InvariantCulture, $"voter roll; notice {noticeDate:yyyy-MM-dd}; meeting {meetingDate:yyyy-MM-dd}; {rule.Describe()}\n"));
    }

    public long Count { get; private set; }

    /// <summary>Adds the next member; numbers must come in increasing order.</summary>
    public void Add(long memberNumber)
    {
        if (memberNumber <= _last)
        {
            throw new InvalidOperationException("Members are hashed in increasing member-number order.");
        }

        _last = memberNumber;
        Count++;
        Append(memberNumber.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    /// <summary>The hash in lower-case hex (64 characters).</summary>
    public string Finish() => Convert.ToHexStringLower(_sha.GetHashAndReset());

    public void Dispose() => _sha.Dispose();

    private void Append(string text) => _sha.AppendData(Encoding.UTF8.GetBytes(text));
}
