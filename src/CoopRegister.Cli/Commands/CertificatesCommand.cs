using System.CommandLine;
using System.Globalization;
using CoopRegister.Features.Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace CoopRegister.Cli.Commands;

/// <summary><c>coopreg certificates</c>: the current certificates of a selection, as one ZIP or as PDF files in a folder.</summary>
internal static class CertificatesCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "A .zip file to write, or a folder to write one PDF per certificate into.", Required = true };
        var batch = new Option<DateOnly?>("--batch") { Description = "Only certificates issued on this allotment date (yyyy-MM-dd)." };
        var from = new Option<DateOnly?>("--from") { Description = "Only certificates issued on or after this date." };
        var to = new Option<DateOnly?>("--to") { Description = "Only certificates issued on or before this date." };
        var member = new Option<long?>("--member") { Description = "Only this member's certificates." };
        var url = new Option<string>("--url")
        {
            Description = "The web address printed on certificates for verification.",
            DefaultValueFactory = _ => "http://localhost:5080",
        };
        var command = new Command("certificates", "Write the current share certificates of a selection (all, an allotment batch, a date range, a member) as PDFs.")
        {
            output, batch, from, to, member, url,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse);
            await MigrateCommand.EnsureMigratedAsync(host.Services, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var certificates = scope.ServiceProvider.GetRequiredService<CertificateService>();
            var day = parse.GetValue(batch);
            var selection = new CertificateSelection(day ?? parse.GetValue(from), day ?? parse.GetValue(to), parse.GetValue(member));
            var siteBase = new Uri(parse.GetValue(url)!.TrimEnd('/') + "/");
            var total = await certificates.CountAsync(CliHost.Actor, selection, cancellationToken);
            var target = parse.GetValue(output)!;
            var console = parse.InvocationConfiguration.Output;
            var progress = new ConsoleProgress(console, total);
            int written;
            if (target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                var partial = target + ".part";
                await using (var file = File.Create(partial))
                {
                    written = await certificates.WriteZipAsync(CliHost.Actor, selection, file, siteBase, progress, cancellationToken);
                }

                File.Move(partial, target, overwrite: true);
            }
            else
            {
                Directory.CreateDirectory(target);
                written = await WriteFolderAsync(certificates, selection, target, siteBase, progress, cancellationToken);
            }

            console.WriteLine($"Wrote {written.ToString("#,##0", CultureInfo.InvariantCulture)} certificates ({selection.Describe()}) to {target}.");
            return 0;
        });
        return command;
    }

    /// <summary>Unpacks the same archive into a folder, so that both outputs hold exactly the same files.</summary>
    private static async Task<int> WriteFolderAsync(CertificateService certificates, CertificateSelection selection, string folder, Uri siteBase, IProgress<int> progress,
        CancellationToken cancellationToken)
    {
        var temp = Path.Combine(folder, $".certificates-{Environment.ProcessId}.zip");
        try
        {
            int written;
            await using (var file = File.Create(temp))
            {
                written = await certificates.WriteZipAsync(CliHost.Actor, selection, file, siteBase, progress, cancellationToken);
            }

            await System.IO.Compression.ZipFile.ExtractToDirectoryAsync(temp, folder, overwriteFiles: true, cancellationToken);
            return written;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

/// <summary>A progress line that rewrites itself: "1,234 of 10,000 (12 %)".</summary>
internal sealed class ConsoleProgress(TextWriter output, int total) : IProgress<int>
{
    private int _lastPercent = -1;

    public void Report(int value)
    {
        var percent = total == 0 ? 100 : (int)(100L * value / total);
        if (percent == _lastPercent && value != total)
        {
            return;
        }

        _lastPercent = percent;
        output.Write(FormattableString.Invariant($"\r{value:#,##0} of {total:#,##0} ({percent} %)"));
        if (value >= total)
        {
            output.WriteLine();
        }
    }
}
