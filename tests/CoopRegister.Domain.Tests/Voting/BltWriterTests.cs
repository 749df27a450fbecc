using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Tests.Voting;

public sealed class BltWriterTests
{
    [Fact]
    public void A_contest_is_written_in_the_plain_form_other_counters_read()
    {
        var contest = new Contest(
            "Board \"2026\"",
            [new Candidate("Ann \"AJ\" Jones", "Green"), new Candidate("Bob"), new Candidate("Zoë")],
            2,
            [new Ballot(3, 0, 2), Ballot.WithLevels(1, [[1, 2], [0]]), new Ballot(2)],
            withdrawn: [1]);

        var text = BltWriter.ToText(contest);

        Assert.Equal(
            "3 2\n-2\n3 1 3 0\n1 2=3 1 0\n2 0\n0\n\"Ann \"\"AJ\"\" Jones\" \"Green\"\n\"Bob\"\n\"Zoë\"\n\"Board \"\"2026\"\"\"\n",
            text);
    }

    [Fact]
    public void A_file_written_and_read_again_is_the_same_contest()
    {
        var contest = new Contest(
            "Ward 7",
            [new Candidate("A"), new Candidate("B", "Indep."), new Candidate("C")],
            1,
            [new Ballot(5, 2, 0, 1), Ballot.WithLevels(2, [[0], [1, 2]]), new Ballot(1)],
            withdrawn: [2]);

        var again = BltReader.Parse(BltWriter.ToText(contest)).Contest;

        Assert.Equal(BltWriter.ToText(contest), BltWriter.ToText(again));
        Assert.Equal(contest.Candidates, again.Candidates);
        Assert.Equal(contest.Withdrawn.Order(), again.Withdrawn.Order());
        Assert.Equal(contest.Papers, again.Papers);
    }

    [Fact]
    public void A_line_break_in_the_title_cannot_break_the_file()
    {
        var contest = new Contest("Two\nlines", [new Candidate("A")], 1, []);

        var again = BltReader.Parse(BltWriter.ToText(contest)).Contest;

        Assert.Equal("Two lines", again.Title);
    }
}
