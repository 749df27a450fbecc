using System.Runtime.CompilerServices;

// The certificate tests render with the unmodified fonts to prove the glyph fix (PdfFontSet) and read the QR placement.
[assembly: InternalsVisibleTo("CoopRegister.Features.Tests")]
