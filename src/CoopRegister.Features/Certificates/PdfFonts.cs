using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CoopRegister.Features.Certificates;

/// <summary>The four faces the society's documents are set in.</summary>
internal enum PdfTypeface
{
    Serif,
    SerifBold,
    Sans,
    SansBold,
}

/// <summary>
/// Which bytes stand behind a face. Production is the flattened font, subset into each PDF. The unmodified set
/// embeds the shipped file whole; it exists so that tests can compare a certificate against the font exactly as
/// its designers made it.
/// </summary>
internal enum PdfFontSet
{
    Production,
    UnmodifiedComplete,
}

/// <summary>
/// The fonts every PDF of CoopRegister is set in, shipped inside the assembly (with their licence,
/// Fonts/LICENSE-DejaVu.txt) so that a certificate never depends on the fonts of the machine that prints it, and
/// registered with PDFsharp, which on Linux finds no fonts by itself.
/// PDFsharp keeps one font resolver per process and allows it to be set once; <see cref="EnsureRegistered"/> may be
/// called any number of times from any thread.
/// </summary>
public static class PdfFonts
{
    /// <summary>Family of the serif faces (regular and bold): titles, the member's name, the certifying words.</summary>
    public const string SerifFamily = "DejaVu Serif";

    /// <summary>Family of the sans-serif faces (regular and bold): small print, tables, and letters the serif lacks.</summary>
    public const string SansFamily = "DejaVu Sans";

    private const string UnmodifiedSuffix = " Unmodified";
    private const double CoverageProbeSize = 10;

    private static readonly Lock Gate = new();
    private static readonly EmbeddedFontResolver Resolver = new();
    private static readonly ConcurrentDictionary<(PdfTypeface Face, PdfFontSet Set, int CentiPoints), XFont> Fonts = new();
    private static readonly ConcurrentDictionary<(PdfTypeface Face, int CodePoint), bool> Coverage = new();
    private static readonly XPdfFontOptions SubsetOptions = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
    private static readonly XPdfFontOptions CompleteOptions = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);
    private static volatile bool _registered;

    /// <summary>
    /// Registers the embedded fonts with PDFsharp once per process. Throws if some other font resolver was
    /// registered first, because PDFsharp would then set certificates in fonts we did not ship.
    /// </summary>
    public static void EnsureRegistered()
    {
        if (_registered)
        {
            return;
        }

        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            var current = GlobalFontSettings.FontResolver;
            if (current is null)
            {
                GlobalFontSettings.FontResolver = Resolver;
            }
            else if (!ReferenceEquals(current, Resolver))
            {
                throw new InvalidOperationException(
                    $"Another PDF font resolver ({current.GetType().Name}) is registered; CoopRegister's documents need {nameof(PdfFonts)}.");
            }

            _registered = true;
        }
    }

    /// <summary>
    /// A font of the given face and size, shared by every document and thread. Sizes are rounded to a hundredth of
    /// a point so that the cache stays small however many sizes shrink-to-fit asks for.
    /// </summary>
    internal static XFont Get(PdfTypeface face, double size, PdfFontSet set = PdfFontSet.Production)
    {
        EnsureRegistered();
        var key = (face, set, (int)Math.Round(size * 100));
        return Fonts.GetOrAdd(key, static k =>
        {
            var family = k.Face is PdfTypeface.Serif or PdfTypeface.SerifBold ? SerifFamily : SansFamily;
            if (k.Set == PdfFontSet.UnmodifiedComplete)
            {
                family += UnmodifiedSuffix;
            }

            var style = k.Face is PdfTypeface.SerifBold or PdfTypeface.SansBold ? XFontStyleEx.Bold : XFontStyleEx.Regular;
            return new XFont(family, k.CentiPoints / 100.0, style, k.Set == PdfFontSet.Production ? SubsetOptions : CompleteOptions);
        });
    }

    /// <summary>Whether the face has a glyph for the character (printable ASCII is in all four).</summary>
    internal static bool Covers(PdfTypeface face, Rune rune)
    {
        if (rune.Value is >= 0x20 and < 0x7F)
        {
            return true;
        }

        return Coverage.GetOrAdd((face, rune.Value), static k => GlyphHelper.GlyphIndexFromCodePoint(k.CodePoint, Get(k.Face, CoverageProbeSize)) != 0);
    }

    /// <summary>The shipped font file's bytes, as a stream of the assembly's resources.</summary>
    internal static byte[] LoadShipped(string fileName)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("Fonts." + fileName)
            ?? throw new InvalidOperationException($"The font {fileName} is not embedded in {typeof(PdfFonts).Assembly.GetName().Name}.");
        using var copy = new MemoryStream((int)stream.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Maps the two families (and their unmodified twins) to the shipped files. Production faces are flattened
    /// once per process by <see cref="CompositeGlyphFlattener"/>; the twins return the files as shipped. Any other
    /// family falls back to DejaVu Sans rather than failing.
    /// </summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private const string UnmodifiedFace = "|unmodified";

        private readonly ConcurrentDictionary<string, Lazy<byte[]>> _faces = new(StringComparer.Ordinal);

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            var unmodified = familyName.EndsWith(UnmodifiedSuffix, StringComparison.OrdinalIgnoreCase);
            var family = unmodified ? familyName[..^UnmodifiedSuffix.Length] : familyName;
            var file = string.Equals(family, SerifFamily, StringComparison.OrdinalIgnoreCase)
                ? (bold ? "DejaVuSerif-Bold" : "DejaVuSerif")
                : (bold ? "DejaVuSans-Bold" : "DejaVuSans");
            return new FontResolverInfo(unmodified ? file + UnmodifiedFace : file, false, italic);
        }

        public byte[]? GetFont(string faceName) =>
            _faces.GetOrAdd(faceName, static name => new Lazy<byte[]>(() =>
            {
                var unmodified = name.EndsWith(UnmodifiedFace, StringComparison.Ordinal);
                var shipped = LoadShipped((unmodified ? name[..^UnmodifiedFace.Length] : name) + ".ttf");
                return unmodified ? shipped : CompositeGlyphFlattener.Flatten(shipped);
            })).Value;
    }
}
