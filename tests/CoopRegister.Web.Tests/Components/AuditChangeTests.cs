using Bunit;
using CoopRegister.Web.Components.Pages.Register;

namespace CoopRegister.Web.Tests.Components;

public sealed class AuditChangeTests : BunitContext
{
    [Fact]
    public void A_change_lists_only_the_fields_that_changed_with_their_values_before_and_after()
    {
        var before = """{"MemberNumber":1,"Name":"Siân Llewellyn","Address":"Transport House\nCardiff","Postcode":"CF11 9SD","NoticesByEmail":true}""";
        var after = """{"MemberNumber":1,"Name":"Siân Llewellyn","Address":"3 Heol y Castell\nCaerdydd","Postcode":"CF10 1BJ","NoticesByEmail":false}""";

        var cut = Render<AuditChange>(p => p.Add(c => c.Before, before).Add(c => c.After, after));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(["Address", "Postcode", "Notices by e-mail"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal("Transport House\nCardiff", rows[0].QuerySelector(".audit-before")!.TextContent);
        Assert.Equal("3 Heol y Castell\nCaerdydd", rows[0].QuerySelector(".audit-after")!.TextContent);
        Assert.Equal("yes", rows[2].QuerySelector(".audit-before")!.TextContent);
        Assert.Equal("no", rows[2].QuerySelector(".audit-after")!.TextContent);
        Assert.Equal(3, cut.FindAll("thead th").Count);
    }

    [Fact]
    public void A_creation_lists_what_it_recorded_and_leaves_out_empty_fields()
    {
        var after = """{"MemberNumber":1234,"Name":"Zoë","Phone":null,"DateOfBirth":"1980-05-17","JointHolders":[],"AmountPaidPence":5000}""";

        var cut = Render<AuditChange>(p => p.Add(c => c.After, after));

        var rows = cut.FindAll("tbody tr").Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelector("td")!.TextContent)).ToList();
        Assert.Equal([("Member number", "1,234"), ("Name", "Zoë"), ("Date of birth", "17 May 1980"), ("Amount paid", "£50.00")], rows);
        Assert.Equal(["Field", "Value"], cut.FindAll("thead th").Select(h => h.TextContent));
    }

    [Fact]
    public void Markup_in_a_stored_value_is_shown_as_text_and_never_runs()
    {
        var after = """{"Name":"<script>alert('x')</script><b>Bold</b>"}""";

        var cut = Render<AuditChange>(p => p.Add(c => c.Before, """{"Name":"Plain"}""").Add(c => c.After, after));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("b"));
        Assert.Equal("<script>alert('x')</script><b>Bold</b>", cut.Find(".audit-after").TextContent);
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_with_no_snapshot_or_no_change_renders_nothing()
    {
        Assert.Empty(Render<AuditChange>().Markup.Trim());
        Assert.Empty(Render<AuditChange>(p => p.Add(c => c.Before, """{"A":1}""").Add(c => c.After, """{"A":1}""")).Markup.Trim());
    }

    [Fact]
    public void Nested_values_and_text_that_is_not_json_are_still_readable()
    {
        var fields = AuditFields.Compare(null, """{"JointHolders":[{"Name":"Ann","Email":"ann@example.org"},{"Name":"Bob","Email":null}]}""");
        Assert.Equal("Ann, ann@example.org; Bob", Assert.Single(fields).After);

        var raw = AuditFields.Compare("not json", null);
        Assert.Equal(new AuditField("Value", "not json", null), Assert.Single(raw));
    }

    [Theory]
    [InlineData("AmountPaidPence", "Amount paid")]
    [InlineData("DateOfBirth", "Date of birth")]
    [InlineData("Email", "E-mail")]
    [InlineData("NoticesByEmail", "Notices by e-mail")]
    [InlineData("Status", "Status")]
    public void Field_names_are_written_as_words(string name, string label) => Assert.Equal(label, AuditFields.Label(name));
}
