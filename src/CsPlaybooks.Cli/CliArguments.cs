namespace CsPlaybooks.Cli;

/// <summary>The command, its file (or id) arguments, and --options (an option given twice keeps every value).</summary>
public sealed class CliArguments
{
    public string? Command { get; private init; }
    public List<string> Files { get; } = [];
    public Dictionary<string, List<string>> Options { get; } = new(StringComparer.Ordinal);
    public string? Problem { get; private set; }

    public string? Option(string name) => Options.TryGetValue(name, out var values) ? values[^1] : null;
    public IReadOnlyList<string> All(string name) => Options.TryGetValue(name, out var values) ? values : [];

    public string Required(string name) => Option(name) ?? throw new CliException($"--{name} is required for {Command}", 2);

    public static CliArguments Parse(string[] args)
    {
        var parsed = new CliArguments { Command = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : null };
        for (var i = parsed.Command is null ? 0 : 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--"))
            {
                parsed.Files.Add(args[i]);
                continue;
            }
            var name = args[i][2..];
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--"))
            {
                parsed.Problem = $"--{name} needs a value";
                return parsed;
            }
            if (!parsed.Options.TryGetValue(name, out var values)) parsed.Options[name] = values = [];
            values.Add(args[++i]);
        }
        return parsed;
    }
}
