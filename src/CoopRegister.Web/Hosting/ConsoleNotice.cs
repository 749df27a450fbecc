namespace CoopRegister.Web.Hosting;

/// <summary>
/// Where the server prints what its operator must see whatever the log level: the address and the first-run setup
/// link. The console by default; tests give it a writer of their own to read the link from.
/// </summary>
public sealed class ConsoleNotice(TextWriter writer)
{
    private readonly Lock _gate = new();

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
