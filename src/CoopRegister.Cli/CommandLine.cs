using System.CommandLine;
using CoopRegister.Domain;
using CoopRegister.Features;

namespace CoopRegister.Cli;

internal static class CommandLine
{
    /// <summary>
    /// Runs the command. A refused operation (a broken rule, a conflict, bad configuration) prints its message, which
    /// names the field, rule and limit, and exits with 2; a usage error exits with 1 as System.CommandLine does.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration);
        }
        catch (DomainException ex)
        {
            foreach (var v in ex.Violations)
            {
                await configuration.Error.WriteLineAsync(v.Field is null ? v.Message : $"{v.Field}: {v.Message}");
            }

            return 2;
        }
        catch (Exception ex) when (ex is ConflictException or InvalidOperationException or IOException)
        {
            await configuration.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
