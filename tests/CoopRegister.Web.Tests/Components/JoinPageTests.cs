using Bunit;
using CoopRegister.Data;
using CoopRegister.Features.Registration;
using CoopRegister.Testing;
using CoopRegister.Web.Components.Pages.Join;
using Microsoft.AspNetCore.Components;

namespace CoopRegister.Web.Tests.Components;

/// <summary>The join page over the real application service and a fresh database: what each kind of applicant is asked, and a submission.</summary>
public sealed class JoinPageTests : BunitContext, IAsyncLifetime
{
    private RegisterTestHost? _host;

    public JoinPageTests()
    {
        // Resolved when the page first asks, after InitializeAsync has made the database.
        Services.AddSingleton(_ => (_host ?? throw new InvalidOperationException("Not initialised.")).Get<ApplicationService>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async ValueTask InitializeAsync()
    {
        _host = await RegisterTestHost.CreateAsync(DatabaseProvider.Sqlite);
        await _host.SetUpSocietyAsync();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private IRenderedComponent<Join> RenderJoin()
    {
        var cut = Render<Join>();
        cut.WaitForElement("#Kind-Individual");
        return cut;
    }

    [Fact]
    public void An_individual_is_asked_their_date_of_birth_and_nothing_about_an_organisation()
    {
        var cut = RenderJoin();

        Assert.Equal("Full name", cut.Find("label[for=Name]").TextContent);
        Assert.NotEmpty(cut.FindAll("#DateOfBirth-day"));
        Assert.Empty(cut.FindAll("#RepresentativeName"));
        Assert.Empty(cut.FindAll("#OrganisationNumber"));
        Assert.Empty(cut.FindAll("#RepresentedBody"));
        Assert.Empty(cut.FindAll("#JointHolders"));
        Assert.Empty(cut.FindAll("#declare-authority"));
        Assert.False(cut.Find("#MarketingConsent").HasAttribute("checked"));
    }

    [Fact]
    public void A_joint_application_asks_for_up_to_three_other_holders()
    {
        var cut = RenderJoin();

        cut.Find("#Kind-Joint").Change(true);

        Assert.NotEmpty(cut.FindAll("#JointHolders-0-Name"));
        Assert.Equal("First-named holder's full name", cut.Find("label[for=Name]").TextContent);
        cut.Find("#add-joint-holder").Click();
        cut.Find("#add-joint-holder").Click();
        Assert.NotEmpty(cut.FindAll("#JointHolders-2-Email"));
        Assert.Empty(cut.FindAll("#add-joint-holder"));

        cut.Find("button[aria-label='Remove holder 3']").Click();
        Assert.Empty(cut.FindAll("#JointHolders-2-Name"));
        Assert.NotEmpty(cut.FindAll("#add-joint-holder"));
    }

    [Fact]
    public void An_organisation_names_its_representative_and_its_applicant_declares_authority()
    {
        var cut = RenderJoin();

        cut.Find("#Kind-Corporate").Change(true);

        Assert.Equal("Organisation's name", cut.Find("label[for=Name]").TextContent);
        Assert.NotEmpty(cut.FindAll("#RepresentativeName"));
        Assert.Contains("(optional)", cut.Find("label[for=OrganisationNumber]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#DateOfBirth-day"));
        Assert.NotEmpty(cut.FindAll("#declare-authority"));

        cut.Find("#Kind-RegisteredSociety").Change(true);
        Assert.DoesNotContain("(optional)", cut.Find("label[for=OrganisationNumber]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nominee_names_the_body_they_act_for_and_its_address()
    {
        var cut = RenderJoin();

        cut.Find("#Kind-Nominee").Change(true);

        Assert.NotEmpty(cut.FindAll("#RepresentedBody"));
        Assert.NotEmpty(cut.FindAll("#RepresentedBodyAddress"));
        Assert.Empty(cut.FindAll("#RepresentativeName"));
        Assert.Contains("(optional)", cut.Find("#DateOfBirth legend").TextContent, StringComparison.Ordinal);
        Assert.Contains("the body I act for", cut.Find("label[for=declare-authority]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_application_lists_each_problem_at_the_top_and_beside_its_field()
    {
        var cut = RenderJoin();

        cut.Find("form").Submit();

        cut.WaitForElement("#error-summary");
        var summary = cut.Find("#error-summary").TextContent;
        Assert.Contains("Name is required", summary, StringComparison.Ordinal);
        Assert.Contains("Please confirm the declarations", summary, StringComparison.Ordinal);
        Assert.Contains("Name is required", cut.Find("#Name-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("#Name").GetAttribute("aria-invalid"));
        Assert.Contains("Please confirm", cut.Find("#Declarations-error").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("#error-summary a[href$='#Name']"));
    }

    [Fact]
    public void A_date_of_birth_that_is_not_a_date_is_refused_before_anything_is_sent()
    {
        var cut = RenderJoin();

        cut.Find("#DateOfBirth-day").Input("31");
        cut.Find("#DateOfBirth-month").Input("2");
        cut.Find("#DateOfBirth-year").Input("1990");
        cut.Find("form").Submit();

        cut.WaitForElement("#error-summary");
        Assert.Contains("31 2 1990 is not a real date", cut.Find("#DateOfBirth-error").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Name is required", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_application_shows_the_reference_the_amount_and_the_bank_details()
    {
        var cut = RenderJoin();

        cut.Find("#Name").Change("Zoë Ó Briain");
        cut.Find("#DateOfBirth-day").Input("17");
        cut.Find("#DateOfBirth-month").Input("5");
        cut.Find("#DateOfBirth-year").Input("1980");
        cut.Find("#Address").Change("12 Beachy Road\nLondon");
        cut.Find("#Postcode").Change("E3 2NS");
        cut.Find("#Email").Change("zoe@example.org");
        cut.Find("#SharesPounds").Input("40");
        cut.Find("#declare-rules").Change(true);
        cut.Find("#declare-true").Change(true);
        Assert.Contains("Apply for 40 shares (£40.00)", cut.Find("#submit-application").TextContent, StringComparison.Ordinal);

        cut.Find("form").Submit();

        cut.WaitForElement("#application-reference");
        Assert.Matches("^SH-[A-Z0-9]{6}$", cut.Find("#application-reference").TextContent);
        Assert.Contains("40 shares for £40.00", cut.Find("#application-amount").TextContent, StringComparison.Ordinal);
        Assert.Equal("08-92-99", cut.Find("#bank-sort-code").TextContent);
        Assert.Equal(cut.Find("#application-reference").TextContent, cut.Find("#bank-reference").TextContent);
        Assert.NotEmpty(cut.FindAll("#confirmation-mailed"));
        Assert.StartsWith("http://localhost/apply/status/", cut.Find("#status-link").GetAttribute("href"), StringComparison.Ordinal);
    }
}
