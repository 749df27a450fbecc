namespace CoopRegister.Benchmarks;

/// <summary>
/// One measurement. Each benchmark is a class of its own, found by reflection, so adding one touches no other file.
/// It prints its figures as plain lines ("name: value unit") that README's Performance section quotes.
/// </summary>
public interface IBenchmark
{
    /// <summary>The word that selects it on the command line.</summary>
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken);
}
