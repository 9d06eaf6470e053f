using System.Text.Json;
using Xunit.Abstractions;

namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>
/// The figures a fault test measured (kills survived, emails lost, duplicates, resends, takeover time…): written to the
/// test output as they are recorded and, on <see cref="Save"/>, to <c>TestResults/faults/&lt;test&gt;.json</c> at the
/// repository root (or <c>CSPLAYBOOKS_FAULT_RESULTS</c>), so docs/reliability.md can quote a run.
/// </summary>
public sealed class FaultFigures(ITestOutputHelper output, string test)
{
    private readonly Dictionary<string, object?> _values = new() { ["test"] = test, ["startedAt"] = DateTimeOffset.UtcNow };

    public static string ResultsDirectory { get; } = FindResultsDirectory();

    public T Add<T>(string name, T value)
    {
        lock (_values) _values[name] = value;
        output.WriteLine($"{name}: {(value is System.Collections.IEnumerable and not string ? JsonSerializer.Serialize(value) : value)}");
        return value;
    }

    public string Save()
    {
        var file = Path.Combine(ResultsDirectory, $"{test}.json");
        lock (_values)
        {
            _values["finishedAt"] = DateTimeOffset.UtcNow;
            File.WriteAllText(file, JsonSerializer.Serialize(_values, new JsonSerializerOptions { WriteIndented = true }));
        }
        output.WriteLine($"figures written to {file}");
        return file;
    }

    private static string FindResultsDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("CSPLAYBOOKS_FAULT_RESULTS");
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (configured is null && dir is not null && !File.Exists(Path.Combine(dir.FullName, "CsPlaybooks.sln"))) dir = dir.Parent;
        var path = configured ?? Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "faults");
        Directory.CreateDirectory(path);
        return path;
    }
}
