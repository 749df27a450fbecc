using CoopRegister.Domain.Audit;

namespace CoopRegister.Domain.Tests.Audit;

public sealed class AuditChainHashTests
{
    private static readonly AuditChainEntry Sample = new(
        Id: 7,
        Sequence: 1,
        OccurredAt: new DateTime(2026, 11, 26, 9, 30, 0, DateTimeKind.Utc).AddTicks(1_234_567),
        ActorUserId: null,
        ActorName: "coopreg (command line, user zoë)",
        Action: "member.details-changed",
        SubjectType: "Member",
        SubjectId: "42",
        MemberId: 42,
        Summary: "Changed the address of Zoë Ó Briain.",
        Before: """{"Postcode":"E3 2NS"}""",
        After: null);

    [Fact]
    public void The_hash_matches_the_READMEs_recipe_computed_by_another_tool()
    {
        // Computed independently (Python's hashlib over the README's netstrings), the time truncated to the microsecond.
        Assert.Equal("1f31af736fda29de236a407f6c548acff0a58ccd68c21b9168b0484500a8ffa0", new AuditChainHash().Compute(AuditChainHash.Genesis, Sample));
    }

    [Fact]
    public void Every_field_and_the_previous_hash_change_the_hash_and_null_differs_from_empty()
    {
        var hasher = new AuditChainHash();
        var original = hasher.Compute(AuditChainHash.Genesis, Sample);
        AuditChainEntry[] changed =
        [
            Sample with { Id = 8 }, Sample with { Sequence = 2 }, Sample with { OccurredAt = Sample.OccurredAt.AddTicks(10) },
            Sample with { ActorUserId = "" }, Sample with { ActorName = "someone else" }, Sample with { Action = "member.ceased" },
            Sample with { SubjectType = "Society" }, Sample with { SubjectId = "43" }, Sample with { MemberId = null },
            Sample with { Summary = "Changed the address of Zoë Ó Briain" }, Sample with { Before = null }, Sample with { After = "" },
            // Moving text from one field to the next keeps the concatenation but not the netstrings.
            Sample with { SubjectType = "Member4", SubjectId = "2" },
        ];
        var hashes = changed.Select(c => hasher.Compute(AuditChainHash.Genesis, c)).Append(hasher.Compute(original, Sample)).ToList();
        Assert.DoesNotContain(original, hashes);
        Assert.Equal(hashes.Count, hashes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(original, hasher.Compute(AuditChainHash.Genesis, Sample with { OccurredAt = Sample.OccurredAt.AddTicks(2) }));
    }
}
