// Simulation speed: each shipped playbook simulated over a year for a key account (enrolled by its trigger; handover
// by an account.signed at the start), on the virtual clock, through the real interpreter.
// Run: dotnet run -c Release --project bench/CsPlaybooks.SimulationBench [-- WORKFLOWS_DIR [RUNS]]
// Forecast mode (a book of accounts through all five playbooks, see ForecastBench):
//      dotnet run -c Release --project bench/CsPlaybooks.SimulationBench -- --forecast [ACCOUNTS]
using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Scheduling;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Steps;

var forecastMode = args.Length > 0 && args[0] == "--forecast";
var workflows = args.Length > 0 && !forecastMode ? args[0] : Path.Combine(FindRepositoryRoot(), "workflows");
var runs = args.Length > 1 && !forecastMode ? int.Parse(args[1]) : 200;
var registry = StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies { EmailTemplates = new FileEmailTemplateLibrary(Path.Combine(workflows, "templates")) });
var compiler = new PlaybookCompiler(registry);
var simulator = new PlaybookSimulator(new PlaybookInterpreter(), new QuartzCronSchedule());
var start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
var account = AccountDocument.Read("bench", JsonNode.Parse("""
    { "name": "Grand Hotels", "tier": "KA", "isNew": true, "stage": "growth", "industry": "tourism", "timeZone": "Europe/Berlin",
      "contract": { "start": "2026-03-02", "end": "2027-03-02" },
      "csm": { "id": "csm-1", "name": "Casey Chen", "email": "casey@vendor.example" },
      "health": { "score": 45, "band": "red", "indicators": [ { "name": "activity", "score": 40, "explanation": "4 of 10 seats" } ] },
      "contacts": [ { "id": "dm", "name": "Dana", "email": "dana@grand.example", "role": "decision-maker" },
                    { "id": "pl", "name": "Pat", "email": "pat@grand.example", "role": "project-lead" },
                    { "id": "ku", "name": "Kim", "email": "kim@grand.example", "role": "key-user" } ],
      "handover": { "situation": "spreadsheets", "problems": ["double bookings"], "implementationPlan": "pilot, then all hotels" } }
    """)!.AsObject()).Account!;

if (forecastMode)
{
    var shipped = Directory.GetFiles(workflows, "*.json").Order().Select(f => compiler.Compile(File.ReadAllText(f)).Playbook
        ?? throw new InvalidOperationException($"{f} does not compile")).ToList();
    ForecastBench.Run(shipped, args.Length > 1 ? int.Parse(args[1]) : 10_000);
    return 0;
}
Console.WriteLine($"simulating each playbook over one year ({start:yyyy-MM-dd} → {start.AddYears(1):yyyy-MM-dd}), {runs} runs each, after 20 warm-up runs");
Console.WriteLine("| playbook | timeline entries | mean ms | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var file in Directory.GetFiles(workflows, "*.json").Order())
{
    var compiled = compiler.Compile(File.ReadAllText(file));
    if (!compiled.IsValid) throw new InvalidOperationException($"{file}: {string.Join("; ", compiled.Errors)}");
    var playbook = compiled.Playbook!;
    SimulationResult Run() => simulator.Run(new SimulationRequest(playbook,
        new InstanceContext(Guid.Empty, account.Id, account.Zone, start, account.ToTemplateModel()), start, start.AddYears(1), [new ScriptedEvent(start, "account.signed")]) { Account = account.Json });
    for (var i = 0; i < 20; i++) Run();
    var times = new List<double>(runs);
    var entries = 0;
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        entries = Run().Timeline.Count;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"| {playbook.Definition.Id} | {entries} | {times.Average():0.00} | {times[runs / 2]:0.00} | {times[(int)(runs * 0.99) - 1]:0.00} |");
}
return 0;

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CsPlaybooks.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
