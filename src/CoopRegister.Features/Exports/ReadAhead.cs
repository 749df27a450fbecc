using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CoopRegister.Features.Exports;

/// <summary>
/// Reads an export's rows on another thread while the CSV writer formats the rows already read, so that reading the
/// database and writing the file overlap (quality.md: the million-member register exports in under 3 s on two cores).
/// Rows travel in blocks to keep the hand-over cheap; the bounded channel keeps memory flat however large the export.
/// </summary>
internal static class ReadAhead
{
    private const int BlockSize = 1024;
    private const int BlocksAhead = 8;

    public static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> rows, Action? counted, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<T[]>(new BoundedChannelOptions(BlocksAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(
            async () =>
            {
                try
                {
                    var block = new List<T>(BlockSize);
                    await foreach (var row in rows.WithCancellation(stop.Token))
                    {
                        block.Add(row);
                        if (block.Count == BlockSize)
                        {
                            await channel.Writer.WriteAsync([.. block], stop.Token);
                            block.Clear();
                        }
                    }

                    if (block.Count > 0)
                    {
                        await channel.Writer.WriteAsync([.. block], stop.Token);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    // The writer sees the failure (or the cancellation) when it next reads.
                    channel.Writer.Complete(ex);
                }
            },
            CancellationToken.None);

        try
        {
            await foreach (var block in channel.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var row in block)
                {
                    counted?.Invoke();
                    yield return row;
                }
            }
        }
        finally
        {
            // Stop the reading when the writing ends early (a failure, a cancelled download) and wait for it, so that its
            // database connection is closed before the export returns.
            await stop.CancelAsync();
            await reader;
        }
    }
}
