using System.Diagnostics;
using System.Globalization;

namespace CoopRegister.Benchmarks;

/// <summary>Timing and memory helpers shared by the benchmarks.</summary>
public static class Measure
{
    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed;
    }

    /// <summary>The median of several runs (quality.md: report medians, the machine drifts).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>Peak working set of this process so far, in MiB (Linux: VmHWM).</summary>
    public static double PeakWorkingSetMiB()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64 / 1024.0 / 1024.0;
    }

    public static string F(double value, int decimals = 1) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>One line naming the machine, for the figures' heading.</summary>
    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024)} GiB, " +
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}
