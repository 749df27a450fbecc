using System.Buffers.Binary;
using System.Text;

namespace CoopRegister.Testing.Circuits;

/// <summary>The kinds of render-tree frame, numbered as Blazor numbers them on the wire.</summary>
public enum FrameKind
{
    None = 0,
    Element = 1,
    Text = 2,
    Attribute = 3,
    Component = 4,
    Region = 5,
    ElementReferenceCapture = 6,
    ComponentReferenceCapture = 7,
    Markup = 8,
    ComponentRenderMode = 9,
    NamedEvent = 10,
}

/// <summary>The kinds of edit a component's diff applies to the page, numbered as on the wire.</summary>
public enum EditKind
{
    None = 0,
    PrependFrame = 1,
    RemoveFrame = 2,
    SetAttribute = 3,
    RemoveAttribute = 4,
    UpdateText = 5,
    StepIn = 6,
    StepOut = 7,
    UpdateMarkup = 8,
    PermutationListEntry = 9,
    PermutationListEnd = 10,
}

/// <summary>
/// One frame as the server sends it: an element (with its subtree length and tag), an attribute (name, value and the
/// id of its event handler, 0 when it is not one), text or markup, a component or a region.
/// </summary>
public readonly record struct Frame(FrameKind Kind, int SubtreeLength, string? Name, string? Value, ulong EventHandlerId)
{
    /// <summary>How many frames this one covers, itself included.</summary>
    public int Length => Kind is FrameKind.Element or FrameKind.Component or FrameKind.Region ? Math.Max(1, SubtreeLength) : 1;
}

public readonly record struct Edit(EditKind Kind, int SiblingIndex, int ReferenceFrameIndex, string? RemovedAttributeName);

public sealed record ComponentDiff(int ComponentId, IReadOnlyList<Edit> Edits);

/// <summary>
/// A render batch read from the binary form the server sends to the browser (Blazor's RenderBatchWriter): the diffs of
/// the components that rendered, the frames they refer to, the components and event handlers disposed, and the
/// strings. Fixed-size records, with the offsets of each part in the last 20 bytes.
/// </summary>
public sealed class RenderBatch
{
    private const int FrameSize = 20;
    private const int EditSize = 16;

    private RenderBatch(long id, IReadOnlyList<ComponentDiff> diffs, IReadOnlyList<Frame> frames, IReadOnlyList<int> disposedComponents,
        IReadOnlyList<ulong> disposedEventHandlers, IReadOnlyList<string> strings)
    {
        Id = id;
        Diffs = diffs;
        ReferenceFrames = frames;
        DisposedComponentIds = disposedComponents;
        DisposedEventHandlerIds = disposedEventHandlers;
        Strings = strings;
    }

    public long Id { get; }

    public IReadOnlyList<ComponentDiff> Diffs { get; }

    public IReadOnlyList<Frame> ReferenceFrames { get; }

    public IReadOnlyList<int> DisposedComponentIds { get; }

    public IReadOnlyList<ulong> DisposedEventHandlerIds { get; }

    /// <summary>Every string the batch carries: text, attribute names and values, markup.</summary>
    public IReadOnlyList<string> Strings { get; }

    public static RenderBatch Read(long id, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var span = data.AsSpan();
        if (span.Length < 20)
        {
            throw new FormatException($"A render batch is at least 20 bytes; this one is {span.Length}.");
        }

        var tail = span[^20..];
        var updatedComponentsAt = Int(tail, 0);
        var referenceFramesAt = Int(tail, 4);
        var disposedComponentsAt = Int(tail, 8);
        var disposedHandlersAt = Int(tail, 12);
        var stringTableAt = Int(tail, 16);

        var strings = new string[(span.Length - 20 - stringTableAt) / 4];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = ReadString(span, Int(span, stringTableAt + (4 * i)));
        }

        string? S(int index) => index < 0 ? null : strings[index];

        var frameCount = Int(span, referenceFramesAt);
        var frames = new Frame[frameCount];
        for (var i = 0; i < frameCount; i++)
        {
            var at = referenceFramesAt + 4 + (i * FrameSize);
            var kind = (FrameKind)Int(span, at);
            frames[i] = kind switch
            {
                FrameKind.Attribute => new Frame(kind, 0, S(Int(span, at + 4)), S(Int(span, at + 8)), BinaryPrimitives.ReadUInt64LittleEndian(span[(at + 12)..])),
                FrameKind.Element => new Frame(kind, Int(span, at + 4), S(Int(span, at + 8)), null, 0),
                FrameKind.Component or FrameKind.Region => new Frame(kind, Int(span, at + 4), null, null, 0),
                FrameKind.Text or FrameKind.Markup or FrameKind.ElementReferenceCapture => new Frame(kind, 0, null, S(Int(span, at + 4)), 0),
                _ => new Frame(kind, 0, null, null, 0),
            };
        }

        var diffCount = Int(span, updatedComponentsAt);
        var diffs = new ComponentDiff[diffCount];
        for (var i = 0; i < diffCount; i++)
        {
            var at = Int(span, updatedComponentsAt + 4 + (4 * i));
            var editCount = Int(span, at + 4);
            var edits = new Edit[editCount];
            for (var e = 0; e < editCount; e++)
            {
                var editAt = at + 8 + (e * EditSize);
                edits[e] = new Edit((EditKind)Int(span, editAt), Int(span, editAt + 4), Int(span, editAt + 8), S(Int(span, editAt + 12)));
            }

            diffs[i] = new ComponentDiff(Int(span, at), edits);
        }

        var disposedComponents = new int[Int(span, disposedComponentsAt)];
        for (var i = 0; i < disposedComponents.Length; i++)
        {
            disposedComponents[i] = Int(span, disposedComponentsAt + 4 + (4 * i));
        }

        var disposedHandlers = new ulong[Int(span, disposedHandlersAt)];
        for (var i = 0; i < disposedHandlers.Length; i++)
        {
            disposedHandlers[i] = BinaryPrimitives.ReadUInt64LittleEndian(span[(disposedHandlersAt + 4 + (8 * i))..]);
        }

        return new RenderBatch(id, diffs, frames, disposedComponents, disposedHandlers, strings);
    }

    private static int Int(ReadOnlySpan<byte> span, int at) => BinaryPrimitives.ReadInt32LittleEndian(span[at..]);

    /// <summary>A string as .NET's BinaryWriter writes it: a 7-bit-encoded byte length, then UTF-8.</summary>
    private static string ReadString(ReadOnlySpan<byte> span, int at)
    {
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = span[at++];
            length |= (b & 0x7f) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        return Encoding.UTF8.GetString(span.Slice(at, length));
    }
}
