using System.Text;
using CoopRegister.Domain.Voting.Blt;
using CoopRegister.Domain.Voting.Counting;

namespace CoopRegister.Domain.Tests.Voting;

public sealed class BltReaderTests
{
    [Fact]
    public void A_plain_file_gives_the_candidates_seats_ballots_and_title()
    {
        var contest = BltReader.Parse("3 2\n4 1 2 0\n1 3 0\n0\n\"Ann Ó Briain\"\n\"Bob\"\n\"Cath\"\n\"Board election 2026\"\n").Contest;

        Assert.Equal(["Ann Ó Briain", "Bob", "Cath"], contest.Candidates.Select(c => c.Name));
        Assert.Equal(2, contest.Seats);
        Assert.Equal("Board election 2026", contest.Title);
        Assert.Equal(5, contest.Papers);
        Assert.Equal([0, 1], contest.Ballots[0].Candidates);
        Assert.Equal(4, contest.Ballots[0].Weight);
        Assert.Empty(contest.Withdrawn);
    }

    [Fact]
    public void Withdrawn_candidates_are_read_from_the_line_of_negative_numbers()
    {
        var contest = BltReader.Parse("3 1\n-2 -3\n1 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n").Contest;

        Assert.Equal([1, 2], contest.Withdrawn.Order());
    }

    [Fact]
    public void A_candidate_withdrawn_in_the_file_is_passed_over_by_the_count()
    {
        var contest = BltReader.Parse("3 1\n-1\n4 1 2 0\n3 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cath\"\n\"T\"\n").Contest;

        var result = ScottishStvCount.Count(contest);

        Assert.Equal(["Bob"], result.ElectedNames);
        Assert.Equal(Fixed5.FromWhole(4), result.Stages[0].Votes[1]);
        Assert.Equal(CandidateStatus.Withdrawn, result.FinalStatuses[0]);
    }

    [Fact]
    public void Names_without_quotes_are_read_as_the_whole_line()
    {
        var contest = BltReader.Parse("2 1\n1 1 0\n0\nAnn O'Neill\n  Bob Smith  \nElection\n").Contest;

        Assert.Equal(["Ann O'Neill", "Bob Smith"], contest.Candidates.Select(c => c.Name));
        Assert.Equal("Election", contest.Title);
    }

    [Fact]
    public void Names_given_only_in_alternative_name_comments_are_used()
    {
        var text = "# ALTERNATIVE NAME 1: Ann Jones\n# ALTERNATIVE NAME 2: \"Bob \"\"Bobby\"\" Smith\"\n2 1\n1 2 0\n0\n";

        var contest = BltReader.Parse(text).Contest;

        Assert.Equal(["Ann Jones", "Bob \"Bobby\" Smith"], contest.Candidates.Select(c => c.Name));
        Assert.Equal("", contest.Title);
    }

    [Fact]
    public void Hash_and_c_style_comments_are_ignored_but_not_inside_quoted_names()
    {
        var text = "# ward 7\n2 1 // two candidates, one seat\n/* a comment\n over lines */ 3 1 2 0 # three papers\n0\n\"Ann #1 // best\" /* party */\n\"Bob\"\n\"T\"\n";

        var contest = BltReader.Parse(text).Contest;

        Assert.Equal(["Ann #1 // best", "Bob"], contest.Candidates.Select(c => c.Name));
        Assert.Equal(3, contest.Ballots.Single().Weight);
    }

    [Fact]
    public void Doubled_quotes_inside_a_name_stand_for_one_quote()
    {
        var contest = BltReader.Parse("1 1\n1 1 0\n0\n\"Jo \"\"JJ\"\" Jones\"\n\"T\"\n").Contest;

        Assert.Equal("Jo \"JJ\" Jones", contest.Candidates[0].Name);
    }

    [Fact]
    public void A_second_quoted_string_on_a_name_line_is_the_party()
    {
        var contest = BltReader.Parse("2 1\n1 1 0\n0\n\"Ann\" \"Green Party\"\n\"Bob\"\n\"T\"\n").Contest;

        Assert.Equal(new Candidate("Ann", "Green Party"), contest.Candidates[0]);
        Assert.Null(contest.Candidates[1].Party);
    }

    [Fact]
    public void Numbers_may_be_separated_by_commas()
    {
        var contest = BltReader.Parse("3,1\n2,1,3,0\n1, 2, 0\n0\nA\nB\nC\nT\n").Contest;

        Assert.Equal([0, 2], contest.Ballots[0].Candidates);
        Assert.Equal(2, contest.Ballots[0].Weight);
        Assert.Equal([1], contest.Ballots[1].Candidates);
    }

    [Fact]
    public void Equal_preferences_are_kept_as_one_level()
    {
        var ballot = BltReader.Parse("3 1\n1 2=3 1 0\n0\nA\nB\nC\nT\n").Contest.Ballots.Single();

        Assert.True(ballot.HasSharedPreferences);
        Assert.Equal(2, ballot.LevelCount);
        Assert.Equal([1, 2], ballot.Level(0).ToArray());
        Assert.Equal([0], ballot.Level(1).ToArray());
    }

    [Fact]
    public void An_empty_ballot_is_read_and_left_to_the_count_to_reject()
    {
        var contest = BltReader.Parse("1 1\n2 0\n0\nA\nT\n").Contest;

        Assert.Empty(contest.Ballots.Single().Candidates);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_read_as_windows_1252_with_a_warning()
    {
        var bytes = Encoding.Latin1.GetBytes("1 1\n1 1 0\n0\n\"Zoë Müller\"\n\"T\"\n");

        var import = BltReader.Read(new MemoryStream(bytes));

        Assert.Equal("Zoë Müller", import.Contest.Candidates[0].Name);
        var warning = Assert.Single(import.Warnings);
        Assert.Contains("not valid UTF-8 (line 4", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_encoded_to_utf8_twice_is_repaired_with_a_warning()
    {
        var contest = BltReader.Parse("1 1\n1 1 0\n0\n\"ZoÃ« MÃ¼ller\"\n\"T\"\n");

        Assert.Equal("Zoë Müller", contest.Contest.Candidates[0].Name);
        Assert.Contains("encoded twice", Assert.Single(contest.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_reads_cleanly()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("1 1\n1 1 0\n0\n\"Zoë\"\n\"T\"\n")).ToArray();

        var import = BltReader.Read(new MemoryStream(bytes));

        Assert.Equal("Zoë", import.Contest.Candidates[0].Name);
        Assert.Empty(import.Warnings);
    }

    [Fact]
    public void Markup_in_a_name_is_kept_as_text()
    {
        var contest = BltReader.Parse("1 1\n1 1 0\n0\n\"<script>alert(1)</script>\"\n\"=HYPERLINK(\"\"x\"\")\"\n").Contest;

        Assert.Equal("<script>alert(1)</script>", contest.Candidates[0].Name);
        Assert.Equal("=HYPERLINK(\"x\")", contest.Title);
    }

    [Theory]
    [InlineData("3\n", 1, 1, "two numbers")]
    [InlineData("2 1\n1 3 0\n0\nA\nB\nT\n", 2, 3, "out of range for a candidate number")]
    [InlineData("2 1\n1 1 2\n0\nA\nB\nT\n", 2, 6, "must end with 0")]
    [InlineData("2 1\n1 1 0 2\n0\nA\nB\nT\n", 2, 7, "nothing may follow")]
    [InlineData("2 1\nx 1 0\n0\nA\nB\nT\n", 2, 1, "'x' is not a whole number")]
    [InlineData("2 1\n1 -2 0\n0\nA\nB\nT\n", 2, 3, "'-2' is not a whole number")]
    [InlineData("2 1\n1 1=\n0\nA\nB\nT\n", 2, 5, "'' is not a whole number")]
    [InlineData("2 1\n1.5 1 0\n0\nA\nB\nT\n", 2, 1, "not a whole number")]
    [InlineData("2 1\n0 1 0\n0\nA\nB\nT\n", 2, 1, "out of range for a ballot's weight")]
    [InlineData("2 1\n1 1 2=1 0\n0\nA\nB\nT\n", 2, 7, "candidate 1 is marked more than once")]
    [InlineData("2 1\n-3\n1 1 0\n0\nA\nB\nT\n", 2, 2, "out of range for a withdrawn candidate")]
    [InlineData("2 1\n1 1 0\n", 2, 6, "the file ends where the 0 that ends the ballots should be")]
    [InlineData("2 1\n1 1 0\n0\n\"A\"\n", 4, 4, "expected the names of 2 candidates")]
    [InlineData("2 1\n1 1 0\n0\n\"A\n\"B\"\n\"T\"\n", 4, 1, "no closing quote")]
    [InlineData("2 1\n1 1 0\n0\n\"A\" junk\n\"B\"\n\"T\"\n", 4, 5, "unexpected text after the quoted name")]
    [InlineData("2 1\n1 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n\"extra\"\n", 7, 1, "unexpected text after the title")]
    [InlineData("2 1\n1 1 0 /* never closed\n0\nA\nB\n", 2, 7, "never closed")]
    [InlineData("2 1\n1 1 0\n0\n\"\"\n\"B\"\n\"T\"\n", 4, 1, "name is empty")]
    [InlineData("0 1\n0\n", 1, 1, "out of range for the number of candidates")]
    [InlineData("2 0\n0\nA\nB\n", 1, 3, "out of range for the number of seats")]
    public void A_malformed_file_is_rejected_with_the_line_and_column_of_the_problem(string text, int line, int column, string problem)
    {
        var ex = Assert.Throws<BltFormatException>(() => BltReader.Parse(text));

        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"BLT file, line {line}, column {column}: ", ex.Message, StringComparison.Ordinal);
    }
}
