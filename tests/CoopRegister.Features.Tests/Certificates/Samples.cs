using CoopRegister.Features.Certificates;
using CoopRegister.Testing;

namespace CoopRegister.Features.Tests.Certificates;

/// <summary>Shorthands over <see cref="SampleDocuments"/> for the certificate tests.</summary>
internal static class Samples
{
    public const string Url = SampleDocuments.VerificationUrl;

    public static CertificateDocument Certificate(string memberName = "Zoë Ó Briain") => SampleDocuments.Certificate(memberName);

    public static byte[] SignaturePng(int width = 300, int height = 90, int seed = 1) => SampleDocuments.SignaturePng(width, height, seed);
}
