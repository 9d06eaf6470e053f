using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Scheduling;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Health;
using CsPlaybooks.Success.Simulation;
using CsPlaybooks.Success.Steps;

namespace CsPlaybooks.Cli;

/// <summary>validate and simulate: the host's compiler (steps, triggers, templates, cron) and simulator, without a host.</summary>
internal static class OfflineCommands
{
    public static async Task<int> ValidateAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        var (compiled, failures) = await CompileAsync(args, error);
        foreach (var playbook in compiled)
            await output.WriteLineAsync($"{playbook.File}: ok ({playbook.Playbook.Definition.Id}, {playbook.Playbook.Definition.Steps.Count} steps, trigger {playbook.Playbook.Definition.Trigger?.Type ?? "manual"})");
        return failures == 0 ? 0 : 1;
    }

    public static async Task<int> SimulateAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        var (compiled, failures) = await CompileAsync(args, error);
        if (failures > 0) return 1;
        var start = Time(args, "start") ?? new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(8);
        var until = Time(args, "until") ?? start.AddYears(1);
        var account = SampleAccount(args.Option("tier") ?? "KA", start);
        var events = args.All("event").Select(e =>
        {
            var at = e.IndexOf('@');
            return at < 0 ? new ScriptedEvent(start, e) : new ScriptedEvent(DateTimeOffset.Parse(e[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture), e[..at]);
        }).ToList();
        var playbooks = compiled.Select(c => c.Playbook).ToList();
        var simulator = new PlaybookSimulator(new PlaybookInterpreter(), new QuartzCronSchedule());
        var worlds = new SimulationWorlds(new EmailGovernance(new EmailGovernanceOptions()), new HealthCalculator(new HealthOptions()));
        var result = simulator.Run(new SimulationRequest(playbooks[0], new InstanceContext(Guid.Empty, account.Id, account.Zone, start, account.ToTemplateModel()), start, until, events)
        {
            Account = account.Json, Together = playbooks[1..], Deliver = playbooks.Count > 1, World = worlds.Create([]),
        });
        foreach (var entry in result.Timeline)
            await output.WriteLineAsync($"{entry.At:yyyy-MM-dd HH:mm}Z  {entry.Playbook,-22} {entry.Type,-20} {entry.StepId,-20} {entry.Summary}");
        var enrolments = playbooks.Select(p => $"{p.Definition.Id} {result.Enrolments.Count(e => e.Playbook == p.Definition.Id)}");
        await output.WriteLineAsync($"enrolments: {string.Join(", ", enrolments)}");
        return 0;
    }

    private static async Task<(List<(string File, CompiledPlaybook Playbook)> Compiled, int Failures)> CompileAsync(CliArguments args, TextWriter error)
    {
        if (args.Files.Count == 0) throw new CliException($"{args.Command}: name one or more playbook files, e.g. workflows/*.json", 2);
        var compiled = new List<(string, CompiledPlaybook)>();
        var failures = 0;
        foreach (var file in args.Files)
        {
            if (!File.Exists(file))
            {
                await error.WriteLineAsync($"{file}: no such file");
                failures++;
                continue;
            }
            var templates = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "templates");
            var registry = StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies { EmailTemplates = new FileEmailTemplateLibrary(templates) });
            var result = new PlaybookCompiler(registry, new TriggerCompileOptions(ScheduleSync.CronError)).Compile(await File.ReadAllTextAsync(file));
            if (result.IsValid)
            {
                compiled.Add((file, result.Playbook!));
                continue;
            }
            failures++;
            foreach (var e in result.Errors)
                await error.WriteLineAsync($"{file}: " + (e.StepId is null ? "" : $"step '{e.StepId}' ") + (e.Field is null ? "" : $"{e.Field}: ") + e.Message);
        }
        return (compiled, failures);
    }

    private static DateTimeOffset? Time(CliArguments args, string name) =>
        args.Option(name) is { } text ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static AccountDocument SampleAccount(string tier, DateTimeOffset start) => AccountDocument.Read("sample", new JsonObject
    {
        ["name"] = "Sample Co", ["tier"] = tier, ["isNew"] = true, ["timeZone"] = "UTC", ["stage"] = "signing", ["industry"] = "retail",
        ["csm"] = new JsonObject { ["id"] = "csm-1", ["name"] = "Casey Chen", ["email"] = "casey@vendor.example" },
        ["contract"] = new JsonObject { ["start"] = start.ToString("yyyy-MM-dd"), ["end"] = start.AddYears(1).ToString("yyyy-MM-dd") },
        ["handover"] = new JsonObject { ["situation"] = "spreadsheets", ["problems"] = new JsonArray("double bookings"), ["implementationPlan"] = "pilot, then all" },
        ["contacts"] = new JsonArray(
            new JsonObject { ["id"] = "dm", ["name"] = "Dana Decider", ["email"] = "dana@example.com", ["role"] = "decision-maker" },
            new JsonObject { ["id"] = "pl", ["name"] = "Pat Lead", ["email"] = "pat@example.com", ["role"] = "project-lead" },
            new JsonObject { ["id"] = "ku", ["name"] = "Kim User", ["email"] = "kim@example.com", ["role"] = "key-user" }),
    }).Account!;
}
