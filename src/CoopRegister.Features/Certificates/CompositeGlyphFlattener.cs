using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace CoopRegister.Features.Certificates;

/// <summary>
/// Rewrites a TrueType font so that no composite glyph refers to another composite glyph.
/// Why: when PDFsharp 6.2.4 subsets a font it adds the components of the glyphs that were drawn, but not the
/// components of those components. DejaVu builds many accented letters in two or more levels (Ọ is O plus a
/// dot-below glyph that is itself a composite; so are Greek ό and έ, Czech š in the bold sans, Cyrillic Ё), and
/// those letters printed without their accents although the text layer was right. After this rewrite one level of
/// closure is complete, so the subset is correct for every letter, and certificates stay small (a complete font
/// costs about 200–700 KB per PDF).
/// The outlines do not change: DejaVu places every component by whole x/y offsets, which add up exactly; a
/// component that is scaled or anchored by point numbers is left nested, as it was.
/// </summary>
internal static class CompositeGlyphFlattener
{
    private const ushort Arg1And2AreWords = 0x0001;
    private const ushort ArgsAreXyValues = 0x0002;
    private const ushort RoundXyToGrid = 0x0004;
    private const ushort WeHaveAScale = 0x0008;
    private const ushort MoreComponents = 0x0020;
    private const ushort WeHaveAnXAndYScale = 0x0040;
    private const ushort WeHaveATwoByTwo = 0x0080;
    private const ushort WeHaveInstructions = 0x0100;
    private const ushort UseMyMetrics = 0x0200;
    private const ushort OverlapCompound = 0x0400;
    private const ushort ScaledComponentOffset = 0x0800;
    private const ushort UnscaledComponentOffset = 0x1000;
    private const ushort AnyTransform = WeHaveAScale | WeHaveAnXAndYScale | WeHaveATwoByTwo;
    private const ushort KeptFlags = RoundXyToGrid | OverlapCompound | ScaledComponentOffset | UnscaledComponentOffset;
    private const int MaxDepth = 16;

    /// <summary>Added to the rewritten font's full name, after the family.</summary>
    internal const string NameMark = " Flattened";

    /// <summary>One component of a composite glyph: which glyph, where, and its flags.</summary>
    internal readonly record struct Component(ushort Flags, ushort Glyph, int Dx, int Dy)
    {
        public bool IsPlainOffset => (Flags & ArgsAreXyValues) != 0 && (Flags & AnyTransform) == 0;
    }

    /// <summary>The font with every composite glyph expressed in simple glyphs only (where its components allow it).</summary>
    public static byte[] Flatten(ReadOnlySpan<byte> font)
    {
        var reader = new Font(font);
        var glyphCount = reader.GlyphCount;
        var memo = new Component[glyphCount][];
        var glyf = new MemoryStream(font.Length);
        var loca = new byte[(glyphCount + 1) * 4];
        var maxElements = 0;
        var maxDepth = 0;
        for (var g = 0; g < glyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(g * 4), checked((uint)glyf.Length));
            var data = reader.Glyph(g);
            if (data.Length == 0)
            {
                continue;
            }

            if (!Font.IsComposite(data))
            {
                glyf.Write(data);
            }
            else
            {
                var original = Font.ReadComposite(data, out var instructions);
                var flat = Flattened(reader, g, memo, 0);
                maxElements = Math.Max(maxElements, flat.Length);
                maxDepth = Math.Max(maxDepth, 1 + flat.Max(c => reader.Depth(c.Glyph, 0)));
                if (flat.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(original)))
                {
                    glyf.Write(data);
                }
                else
                {
                    WriteComposite(glyf, data[2..10], flat, instructions);
                }
            }

            while (glyf.Length % 4 != 0)
            {
                glyf.WriteByte(0);
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(glyphCount * 4), checked((uint)glyf.Length));
        return reader.Rebuild(glyf.ToArray(), loca, maxElements, maxDepth);
    }

    /// <summary>The components of <paramref name="glyph"/> with every nested composite replaced by its own components.</summary>
    private static Component[] Flattened(Font font, int glyph, Component[][] memo, int depth)
    {
        if (memo[glyph] is { } done)
        {
            return done;
        }

        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"Composite glyph {glyph} nests more than {MaxDepth} levels deep.");
        }

        var original = Font.ReadComposite(font.Glyph(glyph), out _);
        if (original.Exists(c => !c.IsPlainOffset))
        {
            return memo[glyph] = [.. original];
        }

        var result = new List<Component>();
        foreach (var component in original)
        {
            var inner = font.Glyph(component.Glyph);
            if (inner.Length == 0 || !Font.IsComposite(inner))
            {
                result.Add(component);
                continue;
            }

            var leaves = Flattened(font, component.Glyph, memo, depth + 1);
            if (Array.Exists(leaves, c => !c.IsPlainOffset || IsCompositeGlyph(font, c.Glyph)))
            {
                // A scaled or point-anchored part cannot be moved up by adding offsets: keep this glyph as it is.
                return memo[glyph] = [.. original];
            }

            foreach (var leaf in leaves)
            {
                var metrics = (component.Flags & leaf.Flags & UseMyMetrics) != 0 ? UseMyMetrics : (ushort)0;
                result.Add(new Component(
                    (ushort)(ArgsAreXyValues | (leaf.Flags & KeptFlags) | metrics),
                    leaf.Glyph,
                    component.Dx + leaf.Dx,
                    component.Dy + leaf.Dy));
            }
        }

        return memo[glyph] = [.. result];
    }

    private static bool IsCompositeGlyph(Font font, int glyph)
    {
        var data = font.Glyph(glyph);
        return data.Length > 0 && Font.IsComposite(data);
    }

    private static void WriteComposite(Stream output, ReadOnlySpan<byte> boundingBox, Component[] components, ReadOnlySpan<byte> instructions)
    {
        Span<byte> buffer = stackalloc byte[10];
        BinaryPrimitives.WriteInt16BigEndian(buffer, -1);
        boundingBox.CopyTo(buffer[2..]);
        output.Write(buffer);
        for (var i = 0; i < components.Length; i++)
        {
            var c = components[i];
            var words = c.Dx is < sbyte.MinValue or > sbyte.MaxValue || c.Dy is < sbyte.MinValue or > sbyte.MaxValue;
            var flags = (ushort)(c.Flags & ~(Arg1And2AreWords | MoreComponents | WeHaveInstructions));
            if (words)
            {
                flags |= Arg1And2AreWords;
            }

            if (i < components.Length - 1)
            {
                flags |= MoreComponents;
            }
            else if (instructions.Length > 0)
            {
                flags |= WeHaveInstructions;
            }

            BinaryPrimitives.WriteUInt16BigEndian(buffer, flags);
            BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], c.Glyph);
            output.Write(buffer[..4]);
            if (words)
            {
                BinaryPrimitives.WriteInt16BigEndian(buffer, checked((short)c.Dx));
                BinaryPrimitives.WriteInt16BigEndian(buffer[2..], checked((short)c.Dy));
                output.Write(buffer[..4]);
            }
            else
            {
                output.WriteByte(unchecked((byte)(sbyte)c.Dx));
                output.WriteByte(unchecked((byte)(sbyte)c.Dy));
            }
        }

        if (instructions.Length > 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer, checked((ushort)instructions.Length));
            output.Write(buffer[..2]);
            output.Write(instructions);
        }
    }

    /// <summary>Reads the tables of one TrueType font (the parts this rewrite needs) and writes the rewritten font.</summary>
    internal sealed class Font
    {
        private readonly byte[] _bytes;
        private readonly List<(uint Tag, int Offset, int Length)> _tables = [];
        private readonly int[] _loca;
        private readonly int _glyfOffset;

        public Font(ReadOnlySpan<byte> font)
        {
            _bytes = font.ToArray();
            var count = U16(4);
            for (var i = 0; i < count; i++)
            {
                var entry = 12 + (16 * i);
                _tables.Add((BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(entry)), (int)U32(entry + 8), (int)U32(entry + 12)));
            }

            var head = Table("head");
            var maxp = Table("maxp");
            var loca = Table("loca");
            _glyfOffset = Table("glyf").Offset;
            GlyphCount = U16(maxp.Offset + 4);
            var longOffsets = BinaryPrimitives.ReadInt16BigEndian(_bytes.AsSpan(head.Offset + 50)) == 1;
            _loca = new int[GlyphCount + 1];
            for (var g = 0; g <= GlyphCount; g++)
            {
                _loca[g] = longOffsets ? (int)U32(loca.Offset + (4 * g)) : U16(loca.Offset + (2 * g)) * 2;
            }
        }

        public int GlyphCount { get; }

        public ReadOnlySpan<byte> Glyph(int glyph)
        {
            if ((uint)glyph >= (uint)GlyphCount)
            {
                throw new InvalidDataException($"Glyph {glyph} is outside the font's {GlyphCount} glyphs.");
            }

            return _bytes.AsSpan(_glyfOffset + _loca[glyph], _loca[glyph + 1] - _loca[glyph]);
        }

        /// <summary>0 for a simple or empty glyph, else how many levels of components lie beneath it.</summary>
        public int Depth(int glyph, int level)
        {
            var data = Glyph(glyph);
            if (data.Length == 0 || !IsComposite(data))
            {
                return 0;
            }

            if (level > MaxDepth)
            {
                throw new InvalidDataException($"Composite glyph {glyph} nests more than {MaxDepth} levels deep.");
            }

            var deepest = 0;
            foreach (var c in ReadComposite(data, out _))
            {
                deepest = Math.Max(deepest, Depth(c.Glyph, level + 1));
            }

            return 1 + deepest;
        }

        public static bool IsComposite(ReadOnlySpan<byte> glyph) => BinaryPrimitives.ReadInt16BigEndian(glyph) < 0;

        public static List<Component> ReadComposite(ReadOnlySpan<byte> glyph, out ReadOnlySpan<byte> instructions)
        {
            var components = new List<Component>();
            var p = 10;
            ushort flags;
            do
            {
                flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[p..]);
                var index = BinaryPrimitives.ReadUInt16BigEndian(glyph[(p + 2)..]);
                p += 4;
                int dx, dy;
                var signed = (flags & ArgsAreXyValues) != 0;
                if ((flags & Arg1And2AreWords) != 0)
                {
                    dx = signed ? BinaryPrimitives.ReadInt16BigEndian(glyph[p..]) : BinaryPrimitives.ReadUInt16BigEndian(glyph[p..]);
                    dy = signed ? BinaryPrimitives.ReadInt16BigEndian(glyph[(p + 2)..]) : BinaryPrimitives.ReadUInt16BigEndian(glyph[(p + 2)..]);
                    p += 4;
                }
                else
                {
                    dx = signed ? (sbyte)glyph[p] : glyph[p];
                    dy = signed ? (sbyte)glyph[p + 1] : glyph[p + 1];
                    p += 2;
                }

                p += (flags & WeHaveAScale) != 0 ? 2 : (flags & WeHaveAnXAndYScale) != 0 ? 4 : (flags & WeHaveATwoByTwo) != 0 ? 8 : 0;
                components.Add(new Component(flags, index, dx, dy));
            }
            while ((flags & MoreComponents) != 0);

            instructions = (flags & WeHaveInstructions) != 0
                ? glyph.Slice(p + 2, BinaryPrimitives.ReadUInt16BigEndian(glyph[p..]))
                : [];
            return components;
        }

        /// <summary>The same font with new glyf and loca tables (long offsets), maxp's component limits and head's checksum updated.</summary>
        public byte[] Rebuild(byte[] glyf, byte[] loca, int maxElements, int maxDepth)
        {
            var head = Slice("head");
            BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
            BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
            var maxp = Slice("maxp");
            if (maxp.Length >= 32 && BinaryPrimitives.ReadUInt32BigEndian(maxp) == 0x00010000)
            {
                BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(28), checked((ushort)maxElements));
                BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(30), checked((ushort)maxDepth));
            }

            var data = _tables.Select(t => TagName(t.Tag) switch
            {
                "glyf" => glyf,
                "loca" => loca,
                "head" => head,
                "maxp" => maxp,
                "name" => Renamed(Slice("name")),
                _ => _bytes.AsSpan(t.Offset, t.Length).ToArray(),
            }).ToList();

            var directoryEnd = 12 + (16 * _tables.Count);
            var size = directoryEnd + data.Sum(d => Padded(d.Length));
            var output = new byte[size];
            _bytes.AsSpan(0, 12).CopyTo(output);
            var offset = directoryEnd;
            var headOffset = -1;
            for (var i = 0; i < _tables.Count; i++)
            {
                var entry = 12 + (16 * i);
                BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(entry), _tables[i].Tag);
                data[i].CopyTo(output.AsSpan(offset));
                BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(entry + 4), Checksum(output.AsSpan(offset, Padded(data[i].Length))));
                BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(entry + 8), (uint)offset);
                BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(entry + 12), (uint)data[i].Length);
                if (TagName(_tables[i].Tag) == "head")
                {
                    headOffset = offset;
                }

                offset += Padded(data[i].Length);
            }

            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - Checksum(output)));
            return output;
        }

        /// <summary>
        /// The name table with <see cref="NameMark"/> after the family in the full name and the unique identifier
        /// (name IDs 4 and 3: "DejaVu Serif Flattened Bold"), so the rewritten font is not taken for the shipped one:
        /// PDFsharp caches faces by full name and refuses a second face of that name with other bytes. The new
        /// strings go after the old ones; nothing else in the table moves.
        /// </summary>
        private static byte[] Renamed(byte[] table)
        {
            var count = BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(2));
            var storage = BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(4));
            var records = Enumerable.Range(0, count).Select(i => 6 + (12 * i)).ToList();
            string Text(int record)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(record + 8));
                var offset = BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(record + 10));
                var bytes = table.AsSpan(storage + offset, length);
                return Platform(record) == 1 ? Encoding.ASCII.GetString(bytes) : Encoding.BigEndianUnicode.GetString(bytes);
            }

            ushort Field(int record, int at) => BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(record + at));
            ushort Platform(int record) => Field(record, 0);

            var patched = table.ToArray();
            var additions = new MemoryStream();
            foreach (var record in records)
            {
                if (Field(record, 6) is not (3 or 4) || Platform(record) is not (0 or 1 or 3))
                {
                    continue;
                }

                var family = records.FirstOrDefault(r => Field(r, 6) == 1 && Field(r, 0) == Field(record, 0) && Field(r, 2) == Field(record, 2) && Field(r, 4) == Field(record, 4));
                var name = Text(record);
                var at = family != 0 && name.Contains(Text(family), StringComparison.Ordinal)
                    ? name.IndexOf(Text(family), StringComparison.Ordinal) + Text(family).Length
                    : name.Length;
                var renamed = name.Insert(at, NameMark);
                var bytes = Platform(record) == 1 ? Encoding.ASCII.GetBytes(renamed) : Encoding.BigEndianUnicode.GetBytes(renamed);
                BinaryPrimitives.WriteUInt16BigEndian(patched.AsSpan(record + 8), checked((ushort)bytes.Length));
                BinaryPrimitives.WriteUInt16BigEndian(patched.AsSpan(record + 10), checked((ushort)(table.Length - storage + additions.Length)));
                additions.Write(bytes);
            }

            return [.. patched, .. additions.ToArray()];
        }

        private static int Padded(int length) => (length + 3) & ~3;

        private static uint Checksum(ReadOnlySpan<byte> data)
        {
            uint sum = 0;
            for (var i = 0; i + 4 <= data.Length; i += 4)
            {
                sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
            }

            return sum;
        }

        private static string TagName(uint tag) => string.Create(4, tag, static (span, t) =>
        {
            for (var i = 0; i < 4; i++)
            {
                span[i] = (char)((t >> (24 - (8 * i))) & 0xFF);
            }
        });

        private (int Offset, int Length) Table(string tag)
        {
            foreach (var t in _tables)
            {
                if (TagName(t.Tag) == tag)
                {
                    return (t.Offset, t.Length);
                }
            }

            throw new InvalidDataException($"The font has no '{tag}' table.");
        }

        private byte[] Slice(string tag)
        {
            var (offset, length) = Table(tag);
            return _bytes.AsSpan(offset, length).ToArray();
        }

        private int U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(offset));

        private uint U32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(offset));
    }
}
