using System.Text.Json;
using CoopRegister.Domain.Members;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoopRegister.Data.Conversions;

/// <summary>
/// The other holders of a joint membership, kept as a short JSON array in one column: at most three names and
/// addresses that are always read and written with the member, on both engines alike.
/// </summary>
public sealed class JointHoldersConverter() : ValueConverter<IReadOnlyList<JointHolder>, string>(
    v => Serialize(v),
    v => Deserialize(v))
{
    public const int MaxLength = 2000;

    public static readonly ValueComparer<IReadOnlyList<JointHolder>> Comparer = new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x.GetHashCode())),
        v => v.ToList());

    private static string Serialize(IReadOnlyList<JointHolder> holders) => holders.Count == 0 ? "" : JsonSerializer.Serialize(holders);

    private static IReadOnlyList<JointHolder> Deserialize(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<JointHolder>>(json) ?? [];
}
