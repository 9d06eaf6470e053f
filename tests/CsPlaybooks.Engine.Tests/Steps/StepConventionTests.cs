using CsPlaybooks.Engine.Steps;

namespace CsPlaybooks.Engine.Tests.Steps;

/// <summary>Every step type is registered, described, has a settings schema, and is documented in docs/playbook-format.md.</summary>
public sealed class StepConventionTests
{
    private static readonly StepRegistry Registry = StepRegistry.CreateDefault();

    public static TheoryData<string> StepTypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(StepType).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(StepType)) && !t.IsAbstract))
            data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(StepTypeNames))]
    public void StepType_IsRegisteredDescribedAndDocumented(string clrName)
    {
        var clrType = typeof(StepType).Assembly.GetType(clrName)!;
        var step = Registry.Steps.SingleOrDefault(s => s.GetType() == clrType);
        Assert.True(step is not null, $"{clrName} is not in StepRegistry.CreateDefault()");
        Assert.False(string.IsNullOrWhiteSpace(step.Description));
        Assert.Equal("object", (string?)step.SettingsSchema["type"]);
        Assert.NotNull(step.SettingsSchema["properties"]);
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "playbook-format.md"));
        Assert.Contains($"| `{step.Type}` |", docs);
    }

    [Fact]
    public void TriggerTypes_AreDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "playbook-format.md"));
        Assert.All(Registry.Triggers, t => Assert.Contains($"| `{t.Type}` |", docs));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CsPlaybooks.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CsPlaybooks.sln not found above the test folder");
    }
}
