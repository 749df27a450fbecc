using CoopRegister.Features.Certificates;
using UglyToad.PdfPig;

namespace CoopRegister.Features.Tests.Certificates;

public sealed class CertificatePdfTests
{
    [Fact]
    public void The_certificate_prints_every_particular_of_the_holding()
    {
        var text = PdfInspection.Text(CertificatePdf.Render(Samples.Certificate()));

        string[] expected =
        [
            "The People's Press Printing Society Limited",
            "Registration number 12750R",
            "Registered office: William Rust House, 52 Beachy Road, London, E3 2NS",
            "Share Certificate",
            "Certificate No.",
            "C-000123",
            "This is to certify that",
            "Zoë Ó Briain",
            "Member number M-4711",
            "Class of shares", "Ordinary",
            "Number of shares", "250",
            "Nominal value each", "£1.00",
            "Total nominal value", "£250.00",
            "Amount paid",
            "These shares are withdrawable and are not transferable, as the registered rules of the society provide.",
            "Date of issue: 26 November 2026",
            "Ruth Chambers", "Chair",
            "Gwilym Ŵyn Evans", "Secretary",
            Samples.Url,
        ];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_page_is_A4_landscape()
    {
        using var document = PdfDocument.Open(CertificatePdf.Render(Samples.Certificate()));

        Assert.Equal(1, document.NumberOfPages);
        var page = document.GetPage(1);
        Assert.Equal(841.89, page.Width, 1.0);
        Assert.Equal(595.28, page.Height, 1.0);
    }

    [Fact]
    public void Every_letter_is_set_in_an_embedded_subset_of_the_shipped_DejaVu_fonts()
    {
        var pdf = CertificatePdf.Render(Samples.Certificate("Ngozi Ọkọnkwọ"));

        using var document = PdfDocument.Open(pdf);
        var fonts = document.GetPage(1).Letters.Select(l => l.FontName).Distinct().ToList();
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+DejaVu Serif Flattened", f));
        var programs = PdfInspection.FontProgramLengths(pdf);
        Assert.Equal(fonts.Count, programs.Count);
        Assert.All(programs, length => Assert.InRange(length, 1_000, 60_000));
    }

    [Fact]
    public void The_same_certificate_renders_to_the_same_bytes()
    {
        var certificate = Samples.Certificate() with
        {
            FirstSignatory = new CertificateSignatory("Ruth Chambers", "Chair", Samples.SignaturePng()),
            Logo = Samples.SignaturePng(120, 120, 5),
        };

        var first = CertificatePdf.Render(certificate);
        var second = CertificatePdf.Render(certificate with { });

        Assert.Equal(first, second);
        Assert.Contains("/CreationDate(D:20261126000000", PdfInspection.Latin1(first), StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_certificate_gets_a_different_document_identity()
    {
        var a = PdfInspection.Latin1(CertificatePdf.Render(Samples.Certificate()));
        var b = PdfInspection.Latin1(CertificatePdf.Render(Samples.Certificate() with { NumberOfShares = 251, AmountPaidPence = 25_100 }));

        static string Id(string pdf) => pdf[pdf.LastIndexOf("/ID[", StringComparison.Ordinal)..][..70];
        Assert.NotEqual(Id(a), Id(b));
    }

    [Fact]
    public void Certificates_rendered_in_parallel_are_the_same_as_rendered_one_by_one()
    {
        var certificates = Testing.SampleDocuments.Certificates(40).ToList();
        var sequential = certificates.Select(CertificatePdf.Render).ToList();

        var parallel = new byte[certificates.Count][];
        Parallel.For(0, certificates.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = CertificatePdf.Render(certificates[i]));

        for (var i = 0; i < certificates.Count; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }
    }

    [Fact]
    public void A_duplicate_is_clearly_marked_and_keeps_the_original_number()
    {
        var original = PdfInspection.Text(CertificatePdf.Render(Samples.Certificate()));
        var duplicate = PdfInspection.Text(CertificatePdf.Render(Samples.Certificate() with { IsDuplicate = true }));

        Assert.DoesNotContain("DUPLICATE", original, StringComparison.Ordinal);
        Assert.Contains("DUPLICATE", duplicate, StringComparison.Ordinal);
        Assert.Contains("replaces a lost certificate", duplicate, StringComparison.Ordinal);
        Assert.Contains("C-000123", duplicate, StringComparison.Ordinal);
        Assert.Equal("certificate-C-000123-duplicate.pdf", CertificatePdf.FileName(Samples.Certificate() with { IsDuplicate = true }));
    }

    [Fact]
    public void Uploaded_signatures_and_logo_are_printed_as_images_with_the_names_beneath()
    {
        var certificate = Samples.Certificate() with
        {
            FirstSignatory = new CertificateSignatory("Ruth Chambers", "Chair", Samples.SignaturePng(seed: 1)),
            SecondSignatory = new CertificateSignatory("Gwilym Ŵyn Evans", "Secretary", Samples.SignaturePng(seed: 2)),
            Logo = Samples.SignaturePng(100, 100, 3),
        };

        var pdf = CertificatePdf.Render(certificate);

        Assert.Equal(3, PdfInspection.ImageObjects(pdf));
        var text = PdfInspection.Text(pdf);
        Assert.Contains("Ruth Chambers", text, StringComparison.Ordinal);
        Assert.Contains("Gwilym Ŵyn Evans", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_uploaded_signatures_the_officers_names_and_offices_are_typeset()
    {
        var pdf = CertificatePdf.Render(Samples.Certificate());

        Assert.Equal(0, PdfInspection.ImageObjects(pdf));
        var text = PdfInspection.Text(pdf);
        Assert.Contains("Ruth Chambers", text, StringComparison.Ordinal);
        Assert.Contains("Gwilym Ŵyn Evans", text, StringComparison.Ordinal);
        Assert.Contains("Chair", text, StringComparison.Ordinal);
        Assert.Contains("Secretary", text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_signature_image_and_one_typeset_name_can_share_a_certificate()
    {
        var pdf = CertificatePdf.Render(Samples.Certificate() with
        {
            SecondSignatory = new CertificateSignatory("Gwilym Ŵyn Evans", "Secretary", Samples.SignaturePng()),
        });

        Assert.Equal(1, PdfInspection.ImageObjects(pdf));
        Assert.Contains("Ruth Chambers", PdfInspection.Text(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_image_on_many_certificates_is_compressed_once_and_copied()
    {
        var signature = Samples.SignaturePng(1500, 500, 9);
        var first = CertificatePdf.Render(Samples.Certificate() with { FirstSignatory = new("Ruth Chambers", "Chair", signature) });
        var second = CertificatePdf.Render(Samples.Certificate("Łukasz Żółkiewski") with { FirstSignatory = new("Ruth Chambers", "Chair", signature) });

        static string ImageStream(string pdf)
        {
            var at = pdf.IndexOf("/Subtype/Image", StringComparison.Ordinal);
            var start = pdf.IndexOf("stream", at, StringComparison.Ordinal);
            return pdf[start..pdf.IndexOf("endstream", start, StringComparison.Ordinal)];
        }

        Assert.Equal(ImageStream(PdfInspection.Latin1(first)), ImageStream(PdfInspection.Latin1(second)));
    }

    [Theory]
    [InlineData(true, false, "These shares are withdrawable and are not transferable")]
    [InlineData(true, true, "These shares are withdrawable and transferable")]
    [InlineData(false, true, "These shares are transferable and are not withdrawable")]
    [InlineData(false, false, "These shares are neither withdrawable nor transferable")]
    public void The_certificate_says_whether_the_shares_are_withdrawable_and_transferable(bool withdrawable, bool transferable, string expected)
    {
        var text = PdfInspection.Text(CertificatePdf.Render(Samples.Certificate() with { Withdrawable = withdrawable, Transferable = transferable }));

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partly_paid_holding_shows_the_amount_paid_beside_the_nominal_value()
    {
        var text = PdfInspection.Text(CertificatePdf.Render(Samples.Certificate() with
        {
            NumberOfShares = 1_200,
            NominalValuePerSharePence = 2_500,
            AmountPaidPence = 1_234_567,
        }));

        Assert.Contains("1,200", text, StringComparison.Ordinal);
        Assert.Contains("£25.00", text, StringComparison.Ordinal);
        Assert.Contains("£30,000.00", text, StringComparison.Ordinal);
        Assert.Contains("£12,345.67", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_a_combining_diaeresis_is_printed_as_the_single_letter()
    {
        var text = PdfInspection.Text(CertificatePdf.Render(Samples.Certificate("Zoe\u0308 Ó Briain")));

        Assert.Contains("Zoë Ó Briain", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0308", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("=HYPERLINK(\"http://example.com\",\"x\")")]
    [InlineData("Robert'); DROP TABLE Members;--")]
    [InlineData("%PDF-1.7 endobj ) ( \\ /Name")]
    public void A_name_that_looks_like_markup_or_code_is_printed_literally(string name)
    {
        var text = PdfInspection.Text(CertificatePdf.Render(Samples.Certificate(name)));

        Assert.Contains(name, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_300_character_name_is_printed_whole_inside_the_border()
    {
        var name = string.Concat(Enumerable.Repeat("Wolverhampton Community Energy Co-operative ", 7)).Trim();
        Assert.True(name.Length > 300);

        using var document = PdfDocument.Open(CertificatePdf.Render(Samples.Certificate(name)));
        var page = document.GetPage(1);

        Assert.Contains(PdfInspection.WithoutSpaces(name), PdfInspection.WithoutSpaces(page.Text), StringComparison.Ordinal);
        AssertInsideBorder(page);
    }

    [Fact]
    public void A_300_character_name_without_spaces_is_broken_between_letters_and_stays_inside_the_border()
    {
        var name = new string('Ж', 300);

        using var document = PdfDocument.Open(CertificatePdf.Render(Samples.Certificate(name)));
        var page = document.GetPage(1);

        Assert.Equal(300, page.Letters.Count(l => l.Value == "Ж"));
        AssertInsideBorder(page);
    }

    [Fact]
    public void A_long_organisation_name_is_shrunk_to_fit_rather_than_running_over()
    {
        const string Name = "The Wolverhampton and District Community Energy and Housing Co-operative Society Limited";

        using var document = PdfDocument.Open(CertificatePdf.Render(Samples.Certificate(Name)));
        var page = document.GetPage(1);

        Assert.Contains(PdfInspection.WithoutSpaces(Name), PdfInspection.WithoutSpaces(page.Text), StringComparison.Ordinal);
        Assert.True(page.Letters.Where(l => l.Value == "W").Max(l => l.PointSize) >= 14, "The name is shrunk no more than it needs.");
        AssertInsideBorder(page);
    }

    [Fact]
    public void A_long_society_name_and_office_stay_clear_of_the_certificate_number()
    {
        var certificate = Samples.Certificate() with
        {
            SocietyRegisteredName = "The Greater Manchester and North West Community Renewable Energy and Sustainable Housing Co-operative Society Limited",
            RegisteredOffice = "Unit 14, The Old Cotton Exchange Business Centre\nHigh Street West\nStalybridge\nGreater Manchester\nSK15 1AB",
            CertificateNumber = "C-2026-000123456",
        };

        using var document = PdfDocument.Open(CertificatePdf.Render(certificate));
        var page = document.GetPage(1);

        var words = page.GetWords().ToList();
        var numberLeft = words.Single(w => w.Text == "C-2026-000123456").BoundingBox.Left;
        var nameWords = certificate.SocietyRegisteredName.Split(' ').ToHashSet(StringComparer.Ordinal);
        var header = words.Where(w => w.BoundingBox.Bottom > page.Height - 130 && nameWords.Contains(w.Text)).ToList();
        Assert.True(header.Count >= nameWords.Count - 1, "The society's name is printed in the header.");
        Assert.All(header, w => Assert.True(w.BoundingBox.Right < numberLeft, $"'{w.Text}' runs into the certificate number."));
        AssertInsideBorder(page);
    }

    [Fact]
    public void Letters_the_fonts_lack_and_right_to_left_scripts_print_as_replacement_characters_without_failing()
    {
        var certificate = Samples.Certificate("Zoë 😀 محمد דוד 山田 Łukasz\u202Eevil");

        var text = PdfInspection.Text(CertificatePdf.Render(certificate));

        Assert.Contains("Zoë", text, StringComparison.Ordinal);
        Assert.Contains("Łukasz", text, StringComparison.Ordinal);
        Assert.Contains("\uFFFD", text, StringComparison.Ordinal);
        Assert.DoesNotContain("😀", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", text, StringComparison.Ordinal);
        Assert.Equal<string>(["😀", "م", "ح", "د", "ד", "ו", "山", "田", "\u202E"], CertificatePdf.FindUnprintableCharacters("Zoë 😀 محمد דוד 山田 Łukasz\u202Eevil"));
    }

    [Fact]
    public void Letters_the_serif_lacks_are_set_in_the_sans_serif_rather_than_replaced()
    {
        const string Armenian = "Արմեն Սարգսյան";

        var text = PdfInspection.Text(CertificatePdf.Render(Samples.Certificate(Armenian)));

        Assert.Contains(Armenian, text, StringComparison.Ordinal);
        Assert.Empty(CertificatePdf.FindUnprintableCharacters(Armenian));
    }

    [Fact]
    public void The_QR_code_drawn_is_the_one_QRCoder_made_for_the_verification_address()
    {
        Poppler.SkipUnlessInstalled();
        const int Dpi = 150;
        var (box, module, matrix) = CertificatePdf.QrPlacement(Samples.Url);
        var page = Poppler.Rasterise(CertificatePdf.Render(Samples.Certificate()), Dpi)[0];

        var size = matrix.GetLength(0);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var px = (int)((box.X + ((x + 0.5) * module)) * Dpi / 72);
                var py = (int)((box.Y + ((y + 0.5) * module)) * Dpi / 72);
                Assert.True(matrix[y, x] == page[px, py] < 128, $"Module ({x}, {y}) should be {(matrix[y, x] ? "dark" : "light")}.");
            }
        }
    }

    [Fact]
    public void The_verification_address_is_printed_and_linked()
    {
        var pdf = CertificatePdf.Render(Samples.Certificate());

        Assert.Contains(Samples.Url, PdfInspection.Text(pdf), StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        Assert.Contains(document.GetPage(1).GetHyperlinks(), h => h.Uri == Samples.Url);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("register.example.coop/verify/1")]
    [InlineData("ftp://example.coop/x")]
    public void A_verification_address_that_is_not_an_absolute_web_address_is_refused(string url)
    {
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(Samples.Certificate() with { VerificationUrl = url }));
    }

    [Fact]
    public void A_certificate_that_contradicts_the_rules_is_refused_with_the_reason()
    {
        var overpaid = Assert.Throws<ArgumentException>(() => CertificatePdf.Render(Samples.Certificate() with { AmountPaidPence = 25_001 }));
        Assert.Contains("£250.00", overpaid.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(Samples.Certificate() with { NumberOfShares = 0 }));
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(Samples.Certificate() with { MemberName = "  " }));
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(Samples.Certificate() with { SocietyRegisteredName = "" }));
    }

    [Fact]
    public void An_upload_that_is_not_a_PNG_or_JPEG_is_refused()
    {
        var text = "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray();

        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(Samples.Certificate() with { Logo = text }));
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(Samples.Certificate() with
        {
            FirstSignatory = new CertificateSignatory("Ruth Chambers", "Chair", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]),
        }));
    }

    [Theory]
    [InlineData("C-000123", false, "certificate-C-000123.pdf")]
    [InlineData("../../etc/passwd", false, "certificate-______etc_passwd.pdf")]
    [InlineData("12 345", true, "certificate-12_345-duplicate.pdf")]
    public void The_file_name_is_safe_on_every_file_system(string number, bool duplicate, string expected)
    {
        Assert.Equal(expected, CertificatePdf.FileName(Samples.Certificate() with { CertificateNumber = number, IsDuplicate = duplicate }));
    }

    /// <summary>Every letter lies inside the inner border (25 pt from each edge).</summary>
    private static void AssertInsideBorder(UglyToad.PdfPig.Content.Page page) =>
        Assert.All(page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)), l =>
        {
            Assert.InRange(l.BoundingBox.Left, 25, page.Width - 25);
            Assert.InRange(l.BoundingBox.Right, 25, page.Width - 25);
            Assert.InRange(l.BoundingBox.Bottom, 25, page.Height - 25);
            Assert.InRange(l.BoundingBox.Top, 25, page.Height - 25);
        });
}
