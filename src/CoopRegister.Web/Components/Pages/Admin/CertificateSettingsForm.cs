using CoopRegister.Domain.Certificates;
using CoopRegister.Features.Certificates;

namespace CoopRegister.Web.Components.Pages.Admin;

/// <summary>What the administrator types on the certificate settings page; the domain decides whether it may be saved.</summary>
public sealed class CertificateSettingsForm
{
    public bool IssueOnAllotment { get; set; }
    public CertificateMode Mode { get; set; }
    public string FirstSignatoryName { get; set; } = "";
    public string FirstSignatoryOffice { get; set; } = "";
    public string SecondSignatoryName { get; set; } = "";
    public string SecondSignatoryOffice { get; set; } = "";

    public static CertificateSettingsForm From(CertificateSettingsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new CertificateSettingsForm
        {
            IssueOnAllotment = view.IssueOnAllotment,
            Mode = view.Mode,
            FirstSignatoryName = view.FirstSignatoryName,
            FirstSignatoryOffice = view.FirstSignatoryOffice,
            SecondSignatoryName = view.SecondSignatoryName,
            SecondSignatoryOffice = view.SecondSignatoryOffice,
        };
    }

    /// <summary>
    /// Whether two readings of the settings agree on everything this form edits. An image upload changes the settings'
    /// version; when nothing the form edits changed meanwhile, the form may carry on from the newer version.
    /// </summary>
    public static bool SameText(CertificateSettingsView a, CertificateSettingsView b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.IssueOnAllotment == b.IssueOnAllotment && a.Mode == b.Mode
            && string.Equals(a.FirstSignatoryName, b.FirstSignatoryName, StringComparison.Ordinal)
            && string.Equals(a.FirstSignatoryOffice, b.FirstSignatoryOffice, StringComparison.Ordinal)
            && string.Equals(a.SecondSignatoryName, b.SecondSignatoryName, StringComparison.Ordinal)
            && string.Equals(a.SecondSignatoryOffice, b.SecondSignatoryOffice, StringComparison.Ordinal);
    }
}
