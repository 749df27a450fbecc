using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// Renders a share certificate (domain rules 36–38) as one A4 landscape page that prints well: a border, the
/// society's identity at the top (Act s.10), the certifying words, the holding, the shares' withdrawable and
/// transferable status as the rules set it (rule 12), the date, two officers' signatures, and a QR code with the
/// address of the public verification page.
/// Stateless and thread-safe: bulk issue may render on every core at once. The same record always gives the same
/// bytes (see <see cref="PdfIdentity"/>).
/// </summary>
public static class CertificatePdf
{
    internal const double PageWidth = 841.89;
    internal const double PageHeight = 595.28;
    internal const double QrModule = 2.4;
    private const double QrMaxSize = 100;
    private const double Left = 50;
    private const double Right = PageWidth - 50;
    private const double Width = Right - Left;
    private const double CentreLeft = 150;
    private const double CentreWidth = PageWidth - (2 * CentreLeft);
    private const double SignatureWidth = 200;
    private const double SignatureLine = 505;
    private const double QrTop = 440;

    private static readonly XColor Ink = XColor.FromArgb(28, 52, 94);
    private static readonly XBrush InkBrush = new XSolidBrush(Ink);
    private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(90, 90, 90));
    private static readonly XColor Red = XColor.FromArgb(178, 34, 34);
    private static readonly XBrush RedBrush = new XSolidBrush(Red);
    private static readonly XBrush Watermark = new XSolidBrush(XColor.FromArgb(246, 222, 222));
    private static readonly XPen OuterBorder = new(Ink, 2.5);
    private static readonly XPen InnerBorder = new(Ink, 0.75);
    private static readonly XPen Rule = new(Ink, 0.5);
    private static readonly XPen StampPen = new(Red, 1.5);
    private static readonly XPen SignatureRule = new(XColors.Black, 0.6);

    /// <summary>The certificate as PDF bytes.</summary>
    public static byte[] Render(CertificateDocument certificate)
    {
        using var output = new MemoryStream(48 * 1024);
        Render(certificate, output, PdfFontSet.Production);
        return output.ToArray();
    }

    /// <summary>Writes the certificate as PDF to <paramref name="output"/>, which is left open.</summary>
    public static void Render(CertificateDocument certificate, Stream output) => Render(certificate, output, PdfFontSet.Production);

    /// <summary>
    /// The characters of a name (or any text) that no shipped font can print and that would therefore show as "�"
    /// (see <see cref="PdfText"/>): lets the issuing screen warn before a certificate is printed.
    /// </summary>
    public static IReadOnlyList<string> FindUnprintableCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PdfText.Unprintable(text);
    }

    /// <summary>A file name for the certificate, safe on every file system: "certificate-000123.pdf", "…-duplicate.pdf".</summary>
    public static string FileName(CertificateDocument certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var safe = new string([.. certificate.CertificateNumber.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return $"certificate-{safe}{(certificate.IsDuplicate ? "-duplicate" : "")}.pdf";
    }

    internal static void Render(CertificateDocument certificate, Stream output, PdfFontSet fonts)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate(certificate);
        PdfFonts.EnsureRegistered();

        using var identity = Identify(certificate);
        var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Options.UseFlateDecoderForJpegImages = PdfUseFlateDecoderForJpegImages.Never;
        document.Info.Title = PdfText.Normalise($"Share certificate {certificate.CertificateNumber}{(certificate.IsDuplicate ? " (duplicate)" : "")}");
        document.Info.Author = PdfText.Normalise(certificate.SocietyRegisteredName);
        document.Info.Subject = PdfText.Normalise($"Shares held by {certificate.MemberName}, member number {certificate.MemberNumber}");
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);

        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var canvas = new Canvas(graphics, fonts);
            if (certificate.IsDuplicate)
            {
                DrawWatermark(canvas);
            }

            DrawBorder(graphics);
            DrawHeader(canvas, certificate);
            DrawBody(canvas, certificate);
            DrawSignature(canvas, certificate.FirstSignatory, Left + 10);
            DrawSignature(canvas, certificate.SecondSignatory, Left + 40 + SignatureWidth);
            DrawVerification(canvas, page, certificate.VerificationUrl);
        }

        identity.Stamp(document, certificate.IssuedOn);
        identity.Save(document, output);
    }

    /// <summary>Where the QR code goes for <paramref name="url"/>, its module size, and the modules drawn there.</summary>
    internal static (XRect Box, double Module, bool[,] Matrix) QrPlacement(string url)
    {
        var matrix = QrCode.Matrix(url);
        var count = matrix.GetLength(0);
        var module = Math.Min(QrModule, QrMaxSize / count);
        var size = count * module;
        return (new XRect(Right - size, QrTop, size, size), module, matrix);
    }

    private static void Validate(CertificateDocument c)
    {
        ArgumentNullException.ThrowIfNull(c);
        Required(c.SocietyRegisteredName, nameof(c.SocietyRegisteredName));
        Required(c.RegistrationNumber, nameof(c.RegistrationNumber));
        Required(c.RegisteredOffice, nameof(c.RegisteredOffice));
        Required(c.CertificateNumber, nameof(c.CertificateNumber));
        Required(c.MemberName, nameof(c.MemberName));
        Required(c.MemberNumber, nameof(c.MemberNumber));
        Required(c.ShareClassName, nameof(c.ShareClassName));
        foreach (var (signatory, name) in new[] { (c.FirstSignatory, nameof(c.FirstSignatory)), (c.SecondSignatory, nameof(c.SecondSignatory)) })
        {
            ArgumentNullException.ThrowIfNull(signatory, name);
            Required(signatory.Name, name + ".Name");
            Required(signatory.Office, name + ".Office");
            RequireImage(signatory.SignatureImage, name + ".SignatureImage");
        }

        RequireImage(c.Logo, nameof(c.Logo));
        if (c.NumberOfShares <= 0)
        {
            throw new ArgumentException($"A certificate is for at least one share; it says {c.NumberOfShares}.", nameof(c.NumberOfShares));
        }

        if (c.NominalValuePerSharePence <= 0)
        {
            throw new ArgumentException("Shares have a positive nominal value (rule 13).", nameof(c.NominalValuePerSharePence));
        }

        if (c.NominalValuePerSharePence > long.MaxValue / c.NumberOfShares)
        {
            throw new ArgumentException("The holding's nominal value is too large to print.", nameof(c.NumberOfShares));
        }

        if (c.AmountPaidPence < 0 || c.AmountPaidPence > c.TotalNominalValuePence)
        {
            throw new ArgumentException(
                $"Amount paid must be between £0.00 and the total nominal value {DocumentText.Pounds(c.TotalNominalValuePence)}: shares stay at par (rule 13).",
                nameof(c.AmountPaidPence));
        }

        Required(c.VerificationUrl, nameof(c.VerificationUrl));
        if (!Uri.TryCreate(c.VerificationUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || c.VerificationUrl.Length > 500)
        {
            throw new ArgumentException("The verification address must be an absolute http or https URL of at most 500 characters.", nameof(c.VerificationUrl));
        }
    }

    private static void Required(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} must be printed on the certificate and is empty.", name);
        }
    }

    private static void RequireImage(byte[]? image, string name)
    {
        if (image is not null && !Images.IsPngOrJpeg(image))
        {
            throw new ArgumentException("Images on a certificate must be PNG or JPEG files.", name);
        }
    }

    private static PdfIdentity Identify(CertificateDocument c)
    {
        var identity = new PdfIdentity();
        identity.Add("certificate");
        identity.Add(c.SocietyRegisteredName);
        identity.Add(c.RegistrationNumber);
        identity.Add(c.RegisteredOffice);
        identity.Add(c.CertificateNumber);
        identity.Add(c.IsDuplicate);
        identity.Add(c.MemberName);
        identity.Add(c.MemberNumber);
        identity.Add(c.ShareClassName);
        identity.Add(c.NumberOfShares);
        identity.Add(c.NominalValuePerSharePence);
        identity.Add(c.AmountPaidPence);
        identity.Add(c.Withdrawable);
        identity.Add(c.Transferable);
        identity.Add(c.IssuedOn.DayNumber);
        foreach (var s in new[] { c.FirstSignatory, c.SecondSignatory })
        {
            identity.Add(s.Name);
            identity.Add(s.Office);
            identity.Add(s.SignatureImage);
        }

        identity.Add(c.Logo);
        identity.Add(c.VerificationUrl);
        return identity;
    }

    private static void DrawWatermark(Canvas canvas)
    {
        var graphics = canvas.Graphics;
        var state = graphics.Save();
        graphics.RotateAtTransform(-18, new XPoint(PageWidth / 2, PageHeight / 2));
        PdfText.DrawLine(graphics, canvas.Fonts, "DUPLICATE", PdfTypeface.SerifBold, 110, PageWidth / 2, (PageHeight / 2) + 40, TextAlign.Centre, Watermark);
        graphics.Restore(state);
    }

    private static void DrawBorder(XGraphics graphics)
    {
        graphics.DrawRectangle(OuterBorder, 18, 18, PageWidth - 36, PageHeight - 36);
        graphics.DrawRectangle(InnerBorder, 25, 25, PageWidth - 50, PageHeight - 50);
    }

    private static void DrawHeader(Canvas canvas, CertificateDocument c)
    {
        if (c.Logo is { } logo)
        {
            canvas.Image(logo, new XRect(Left, 38, 85, 85), bottom: false);
        }

        canvas.Line("Certificate No.", PdfTypeface.Serif, 9, Right, 50, TextAlign.Right, Grey);
        canvas.Fit(c.CertificateNumber, PdfTypeface.SerifBold, 16, new XRect(Right - 92, 54, 92, 22), TextAlign.Right, InkBrush);
        canvas.Fit(c.SocietyRegisteredName, PdfTypeface.SerifBold, 22, new XRect(CentreLeft, 36, CentreWidth, 54), TextAlign.Centre, InkBrush, maxLines: 2);
        canvas.Fit($"Registration number {c.RegistrationNumber}", PdfTypeface.Serif, 9.5, new XRect(CentreLeft, 90, CentreWidth, 13), TextAlign.Centre, Grey);
        canvas.Fit($"Registered office: {DocumentText.OneLine(c.RegisteredOffice)}", PdfTypeface.Serif, 9, new XRect(CentreLeft, 103, CentreWidth, 24), TextAlign.Centre, Grey, maxLines: 2);
        canvas.Fit("Share Certificate", PdfTypeface.SerifBold, 34, new XRect(CentreLeft, 130, CentreWidth, 46), TextAlign.Centre, InkBrush);

        if (c.IsDuplicate)
        {
            var stamp = new XRect(Right - 150, 136, 150, 38);
            canvas.Graphics.DrawRectangle(StampPen, stamp);
            canvas.Fit("DUPLICATE", PdfTypeface.SerifBold, 16, new XRect(stamp.X, stamp.Y + 2, stamp.Width, 20), TextAlign.Centre, RedBrush);
            canvas.Fit("replaces a lost certificate", PdfTypeface.Serif, 7.5, new XRect(stamp.X, stamp.Y + 22, stamp.Width, 12), TextAlign.Centre, RedBrush);
        }
    }

    private static void DrawBody(Canvas canvas, CertificateDocument c)
    {
        canvas.Fit("This is to certify that", PdfTypeface.Serif, 13, new XRect(Left, 182, Width, 20), TextAlign.Centre, XBrushes.Black);
        canvas.Fit(c.MemberName, PdfTypeface.SerifBold, 28, new XRect(Left + 20, 203, Width - 40, 64), TextAlign.Centre, XBrushes.Black, maxLines: 3);
        canvas.Fit($"Member number {c.MemberNumber}", PdfTypeface.Serif, 11, new XRect(Left, 268, Width, 16), TextAlign.Centre, XBrushes.Black);
        canvas.Fit(
            "is the registered holder of the shares described below, held subject to the registered rules of the society.",
            PdfTypeface.Serif, 12, new XRect(Left, 287, Width, 18), TextAlign.Centre, XBrushes.Black);

        var graphics = canvas.Graphics;
        graphics.DrawLine(Rule, Left, 314, Right, 314);
        graphics.DrawLine(Rule, Left, 366, Right, 366);
        string[] labels = ["Class of shares", "Number of shares", "Nominal value each", "Total nominal value", "Amount paid"];
        string[] values =
        [
            c.ShareClassName,
            DocumentText.Count(c.NumberOfShares),
            DocumentText.Pounds(c.NominalValuePerSharePence),
            DocumentText.Pounds(c.TotalNominalValuePence),
            DocumentText.Pounds(c.AmountPaidPence),
        ];
        var column = Width / labels.Length;
        for (var i = 0; i < labels.Length; i++)
        {
            var x = Left + (i * column);
            canvas.Fit(labels[i], PdfTypeface.Serif, 8.5, new XRect(x + 4, 318, column - 8, 12), TextAlign.Centre, Grey);
            canvas.Fit(values[i], PdfTypeface.SerifBold, 14, new XRect(x + 4, 333, column - 8, 30), TextAlign.Centre, XBrushes.Black, maxLines: 2);
        }

        canvas.Fit(Status(c.Withdrawable, c.Transferable), PdfTypeface.Serif, 11, new XRect(Left, 374, Width, 18), TextAlign.Centre, XBrushes.Black);
        canvas.Fit($"Date of issue: {DocumentText.Date(c.IssuedOn)}", PdfTypeface.Serif, 12, new XRect(Left, 396, Width, 18), TextAlign.Centre, XBrushes.Black);
    }

    /// <summary>Rule 12: what the registered rules say about withdrawal and transfer, in one sentence.</summary>
    internal static string Status(bool withdrawable, bool transferable) => (withdrawable, transferable) switch
    {
        (true, false) => "These shares are withdrawable and are not transferable, as the registered rules of the society provide.",
        (true, true) => "These shares are withdrawable and transferable, as the registered rules of the society provide.",
        (false, true) => "These shares are transferable and are not withdrawable, as the registered rules of the society provide.",
        (false, false) => "These shares are neither withdrawable nor transferable, as the registered rules of the society provide.",
    };

    private static void DrawSignature(Canvas canvas, CertificateSignatory signatory, double left)
    {
        if (signatory.SignatureImage is { } image)
        {
            canvas.Image(image, new XRect(left, SignatureLine - 62, SignatureWidth, 58), bottom: true);
            canvas.Graphics.DrawLine(SignatureRule, left, SignatureLine, left + SignatureWidth, SignatureLine);
            canvas.Fit(signatory.Name, PdfTypeface.Serif, 10, new XRect(left, SignatureLine + 3, SignatureWidth, 14), TextAlign.Left, XBrushes.Black);
            canvas.Fit(signatory.Office, PdfTypeface.Serif, 9, new XRect(left, SignatureLine + 17, SignatureWidth, 13), TextAlign.Left, Grey);
        }
        else
        {
            canvas.Fit(signatory.Name, PdfTypeface.SerifBold, 16, new XRect(left, SignatureLine - 30, SignatureWidth, 28), TextAlign.Left, InkBrush);
            canvas.Graphics.DrawLine(SignatureRule, left, SignatureLine, left + SignatureWidth, SignatureLine);
            canvas.Fit(signatory.Office, PdfTypeface.Serif, 9, new XRect(left, SignatureLine + 3, SignatureWidth, 13), TextAlign.Left, Grey);
        }
    }

    private static void DrawVerification(Canvas canvas, PdfPage page, string url)
    {
        var (box, module, matrix) = QrPlacement(url);
        QrCode.Draw(canvas.Graphics, matrix, box.X, box.Y, module);
        var caption = new XRect(Right - 300, box.Bottom + 2, 300, 11);
        canvas.Fit("Check this certificate at", PdfTypeface.Serif, 7.5, caption, TextAlign.Right, Grey);
        var address = new XRect(Right - 300, caption.Bottom, 300, 20);
        canvas.Fit(url, PdfTypeface.Serif, 8, address, TextAlign.Right, XBrushes.Black, maxLines: 2);

        // A link for those who open the PDF on screen. PDF rectangles count from the bottom of the page.
        var link = new XRect(Math.Min(box.X, address.X), box.Y, Right - Math.Min(box.X, address.X), address.Bottom - box.Y);
        page.AddWebLink(new PdfRectangle(new XPoint(link.Left, PageHeight - link.Bottom), new XPoint(link.Right, PageHeight - link.Top)), url);
    }

    /// <summary>The graphics of one page with the font set chosen for it.</summary>
    private sealed class Canvas(XGraphics graphics, PdfFontSet fonts)
    {
        public XGraphics Graphics { get; } = graphics;

        public PdfFontSet Fonts { get; } = fonts;

        public void Fit(string text, PdfTypeface face, double size, XRect box, TextAlign align, XBrush brush, int maxLines = 1) =>
            PdfText.DrawFitted(Graphics, Fonts, text, face, size, box, align, brush, maxLines);

        public void Line(string text, PdfTypeface face, double size, double x, double baseline, TextAlign align, XBrush brush) =>
            PdfText.DrawLine(Graphics, Fonts, text, face, size, x, baseline, align, brush);

        /// <summary>The image scaled to fit the box, keeping its proportions: centred, or standing on the box's bottom edge.</summary>
        public void Image(byte[] bytes, XRect box, bool bottom)
        {
            var image = Images.Get(bytes);
            var scale = Math.Min(box.Width / image.PointWidth, box.Height / image.PointHeight);
            var width = image.PointWidth * scale;
            var height = image.PointHeight * scale;
            var x = bottom ? box.X : box.X + ((box.Width - width) / 2);
            var y = bottom ? box.Bottom - height : box.Y + ((box.Height - height) / 2);
            Graphics.DrawImage(image, x, y, width, height);
        }
    }
}
