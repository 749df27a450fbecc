using CoopRegister.Features.Exports;

namespace CoopRegister.Features.Tests.Exports;

/// <summary>
/// The read-ahead that lets a large export read the database while it writes the file: every row arrives once and in
/// order, a failure while reading reaches the writer as itself, and a writer that stops early stops the reading.
/// </summary>
public sealed class ReadAheadTests
{
    [Fact]
    public async Task Every_row_arrives_once_in_order_across_block_boundaries()
    {
        var counted = 0;
        var seen = new List<int>();
        await foreach (var row in ReadAhead.Of(Numbers(2_500), () => counted++, TestContext.Current.CancellationToken))
        {
            seen.Add(row);
        }

        Assert.Equal(Enumerable.Range(0, 2_500), seen);
        Assert.Equal(2_500, counted);
    }

    [Fact]
    public async Task A_failure_while_reading_reaches_the_writer_unchanged()
    {
        var seen = 0;
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in ReadAhead.Of(Failing(after: 3_000), null, TestContext.Current.CancellationToken))
            {
                seen++;
            }
        });

        Assert.Equal("the database went away", ex.Message);
        Assert.True(seen <= 3_000);
    }

    [Fact]
    public async Task A_writer_that_stops_early_stops_the_reading_and_waits_for_it()
    {
        var source = new Endless();
        await foreach (var row in ReadAhead.Of(source.RowsAsync(TestContext.Current.CancellationToken), null, TestContext.Current.CancellationToken))
        {
            if (row == 10)
            {
                break;
            }
        }

        // The enumeration has ended: the reader has been told to stop and has finished (its connection closed).
        Assert.True(source.Finished);
    }

    private static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 700 == 0)
            {
                await Task.Yield();
            }

            yield return i;
        }
    }

    private static async IAsyncEnumerable<int> Failing(int after)
    {
        for (var i = 0; i < after; i++)
        {
            yield return i;
        }

        await Task.Yield();
        throw new InvalidOperationException("the database went away");
    }

    private sealed class Endless
    {
        public bool Finished { get; private set; }

        public async IAsyncEnumerable<int> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (i % 100 == 0)
                    {
                        await Task.Yield();
                    }

                    yield return i;
                }
            }
            finally
            {
                Finished = true;
            }
        }
    }
}
