namespace CsPlaybooks.Cli;

/// <summary>
/// <c>csplaybooks validate|simulate|forecast|publish FILES… [options]</c>. validate and simulate run offline through the
/// engine the host runs; forecast and publish call a host's API (<c>--host URL --api-key KEY</c>). Exit code 0: done,
/// 1: a playbook is invalid or the host refused, 2: bad arguments.
/// </summary>
public static class CliApp
{
    public const string Usage = """
        usage: csplaybooks <command> [files…] [options]
          validate FILES…                         check playbooks offline (templates from FILES' folder/templates)
          simulate FILES… [--start T] [--until T] [--tier KA|ordinary|micro] [--event NAME@T]…
                                                  one sample account through the playbooks together, offline
          forecast ID --host URL --api-key KEY [--version draft|N] [--weeks N]
                                                  run a forecast on the host and print its summary
          publish FILES… --host URL --api-key KEY [--note TEXT]
                                                  save each playbook as the draft and publish it
        """;

    /// <param name="http">The client for host commands (tests pass one); null: one is made for --host.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, HttpClient? http, CancellationToken ct)
    {
        var parsed = CliArguments.Parse(args);
        if (parsed.Problem is not null || parsed.Command is null)
        {
            await error.WriteLineAsync(parsed.Problem ?? "no command given");
            await error.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            return parsed.Command switch
            {
                "validate" => await OfflineCommands.ValidateAsync(parsed, output, error),
                "simulate" => await OfflineCommands.SimulateAsync(parsed, output, error),
                "forecast" => await HostCommands.ForecastAsync(parsed, output, error, http, ct),
                "publish" => await HostCommands.PublishAsync(parsed, output, error, http, ct),
                _ => await Fail(error, $"unknown command '{parsed.Command}'"),
            };
        }
        catch (CliException e)
        {
            await error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
    }

    private static async Task<int> Fail(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        await error.WriteLineAsync(Usage);
        return 2;
    }
}

/// <summary>A failure to report in one line, with its exit code.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
