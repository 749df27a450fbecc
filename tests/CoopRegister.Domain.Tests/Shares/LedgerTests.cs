using CoopRegister.Domain.Shares;

namespace CoopRegister.Domain.Tests.Shares;

public sealed class LedgerTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Day = new(2026, 11, 26);

    [Fact]
    public void A_reversal_cancels_an_entry_exactly_and_names_it()
    {
        var entry = LedgerEntry.Allotment(1, 1, Day, 40, 40_00, "SH-AAAAAA", 7, Now, "reg");
        var reversal = entry.Reverse(Day, "Cheque bounced", Now, "reg");
        Assert.Equal(LedgerEntryKind.Reversal, reversal.Kind);
        Assert.Equal(-40, reversal.Shares);
        Assert.Equal(-40_00, reversal.AmountPaidPence);
        Assert.Equal(entry.Id, reversal.ReversesEntryId);
        Assert.Equal("Cheque bounced", reversal.Note);
    }

    [Fact]
    public void A_reversal_needs_a_reason_cannot_be_dated_earlier_and_cannot_itself_be_reversed()
    {
        var entry = LedgerEntry.Allotment(1, 1, Day, 40, 40_00, "SH-AAAAAA", 7, Now, "reg");
        Assert.Throws<DomainException>(() => entry.Reverse(Day, " ", Now, "reg"));
        Assert.Throws<DomainException>(() => entry.Reverse(Day.AddDays(-1), "why", Now, "reg"));
        var reversal = entry.Reverse(Day, "why", Now, "reg");
        Assert.Throws<DomainException>(() => reversal.Reverse(Day, "again", Now, "reg"));
    }

    [Fact]
    public void A_holding_cannot_go_below_zero()
    {
        var holding = Holding.Empty(1, 1);
        holding.Apply(LedgerEntry.Allotment(1, 1, Day, 10, 10_00, "r", null, Now, "reg"));
        var ex = Assert.Throws<DomainException>(() => holding.Apply(LedgerEntry.Movement(LedgerEntryKind.Withdrawal, 1, 1, Day, -11, -11_00, null, null, Now, "reg")));
        Assert.Contains("below zero", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, holding.Shares);
    }

    [Fact]
    public void Movements_must_have_the_sign_of_their_kind()
    {
        Assert.Throws<DomainException>(() => LedgerEntry.Movement(LedgerEntryKind.Withdrawal, 1, 1, Day, 5, 5_00, null, null, Now, "reg"));
        Assert.Throws<DomainException>(() => LedgerEntry.Movement(LedgerEntryKind.TransferIn, 1, 1, Day, -5, -5_00, null, null, Now, "reg"));
        Assert.Throws<DomainException>(() => LedgerEntry.Allotment(1, 1, Day, 0, 0, "r", null, Now, "reg"));
    }
}
