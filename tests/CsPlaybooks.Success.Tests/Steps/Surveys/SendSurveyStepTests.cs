using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Steps;
using CsPlaybooks.Success.Surveys;

namespace CsPlaybooks.Success.Tests.Steps.Surveys;

public sealed class SendSurveyStepTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static PlaybookCompiler Compiler() => new(StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies()));

    /// <summary>sendSurvey → "after-queued" (end) or "after-suppressed" (end).</summary>
    private static string Playbook(string stepSettings) => $$"""
        { "id": "nps", "name": "NPS", "version": 1, "trigger": { "type": "manual" },
          "steps": [ { "id": "ask", "type": "sendSurvey", {{stepSettings}} },
                     { "id": "after-queued", "type": "end" }, { "id": "after-suppressed", "type": "end" } ],
          "connections": [ { "from": "ask", "outcome": "queued", "to": "after-queued" }, { "from": "ask", "outcome": "suppressed", "to": "after-suppressed" } ] }
        """;

    private static AccountDocument Account(string danaConsent = "granted") => AccountDocument.Read("acc-1", JsonNode.Parse($$"""
        { "name": "Acme", "tier": "KA", "timeZone": "Europe/Berlin",
          "csm": { "id": "csm-1", "name": "Casey CSM", "email": "casey@vendor.example" },
          "contacts": [
            { "id": "c1", "name": "Dana", "email": "dana@acme.example", "role": "decision-maker", "consent": { "digital-touch": "{{danaConsent}}" } },
            { "id": "c2", "name": "Lee", "email": "lee@acme.example", "role": "project-lead" } ] }
        """)!.AsObject()).Account!;

    private static SimulationResult Simulate(string settings, AccountDocument? account = null)
    {
        var compiled = Compiler().Compile(Playbook(settings));
        Assert.True(compiled.IsValid, string.Join("; ", compiled.Errors));
        account ??= Account();
        var context = new InstanceContext(Guid.NewGuid(), account.Id, account.Zone, Start, account.ToTemplateModel());
        return new PlaybookSimulator(new PlaybookInterpreter()).Run(new SimulationRequest(compiled.Playbook!, context, Start, Start.AddDays(1), []));
    }

    private static List<EmailMessage> Emails(SimulationResult result) =>
        result.Captured.Where(m => m.Kind == EmailMessage.Kind).Select(m => EmailMessage.FromJson(m.Payload)).ToList();

    [Fact]
    public void Execute_Nps_OneEmailPerContactWithElevenScoreLinksAndTheRenderedQuestion()
    {
        var result = Simulate("""
            "kind": "nps", "question": "How likely are you to recommend us, {{ recipient.name }}?", "followUp": "Why {{ account.name }}?", "to": ["decision-maker"]
            """);
        var dana = Assert.Single(Emails(result));
        Assert.Equal("dana@acme.example", dana.To.Address);
        Assert.Equal("How likely are you to recommend us, Dana?", dana.Subject);
        Assert.Equal(EmailCategories.DigitalTouch, dana.Category);
        Assert.Equal(new EmailAddress("casey@vendor.example", "Casey CSM"), dana.From);
        Assert.Equal(SurveyKinds.Nps, dana.Survey!.Kind);
        Assert.Equal("Why Acme?", dana.Survey.FollowUp);
        for (var score = 0; score <= 10; score++)
        {
            Assert.Contains($"href=\"{EmailSurvey.LinkPlaceholder(score)}\"", dana.Html);
            Assert.Contains($"{score}: {EmailSurvey.LinkPlaceholder(score)}", dana.Text);
        }
        Assert.DoesNotContain(EmailSurvey.LinkPlaceholder(11), dana.Html);
        Assert.Contains(result.Timeline, t => t.StepId == "after-queued");
        Assert.DoesNotContain(result.Timeline, t => t.StepId == "after-suppressed");
    }

    [Fact]
    public void Execute_Csat_LinksOneToFive_QuestionHtmlEncoded()
    {
        var result = Simulate("""
            "kind": "csat", "question": "Happy with <support>?", "to": ["project-lead"], "category": "operational"
            """);
        var lee = Assert.Single(Emails(result));
        Assert.Contains("Happy with &lt;support&gt;?", lee.Html);
        Assert.Contains(EmailSurvey.LinkPlaceholder(1), lee.Html);
        Assert.Contains(EmailSurvey.LinkPlaceholder(5), lee.Html);
        Assert.DoesNotContain(EmailSurvey.LinkPlaceholder(0), lee.Html);
        Assert.DoesNotContain(EmailSurvey.LinkPlaceholder(6), lee.Html);
        Assert.Equal(EmailCategories.Operational, lee.Category);
    }

    [Fact]
    public void Execute_EveryRecipientWithdrewConsent_LeavesBySuppressed_QueuesNothing()
    {
        var result = Simulate("""
            "kind": "nps", "question": "Recommend us?", "to": ["decision-maker"]
            """, Account(danaConsent: "withdrawn"));
        Assert.Empty(result.Captured);
        Assert.Contains(result.Timeline, t => t.StepId == "after-suppressed");
        Assert.Contains(result.Timeline, t => t.StepId == "ask" && t.Summary.Contains("withdrew consent"));
    }

    [Fact]
    public void Execute_SameRunTwice_SameSurveyIdForEveryRecipient()
    {
        var result = Simulate("""
            "kind": "nps", "question": "Recommend us?", "to": ["decision-maker", "project-lead"]
            """);
        var ids = Emails(result).Select(e => e.Survey!.Id).Distinct().ToList();
        Assert.Equal(2, Emails(result).Count);
        Assert.Single(ids);
        Assert.Matches("^[0-9a-f]{20}$", ids[0]);
    }

    [Theory]
    [InlineData("\"question\": \"Q?\", \"to\": [\"user\"]", "kind", "'kind' is required")]
    [InlineData("\"kind\": \"ces\", \"question\": \"Q?\", \"to\": [\"user\"]", "kind", "'kind' must be nps or csat")]
    [InlineData("\"kind\": \"nps\", \"to\": [\"user\"]", "question", "'question' is required")]
    [InlineData("\"kind\": \"nps\", \"question\": \"{{ account.name \", \"to\": [\"user\"]", "question", "template syntax error")]
    [InlineData("\"kind\": \"nps\", \"question\": \"Q?\", \"followUp\": \"{% if %}\", \"to\": [\"user\"]", "followUp", "template syntax error")]
    [InlineData("\"kind\": \"nps\", \"question\": \"Q?\", \"to\": [\"ceo\"]", "to", "unknown contact role \"ceo\"")]
    [InlineData("\"kind\": \"nps\", \"question\": \"Q?\"", "to", "'to' is required")]
    [InlineData("\"kind\": \"nps\", \"question\": \"Q?\", \"to\": [\"user\"], \"category\": \"spam\"", "category", "'category' must be")]
    public void Compile_BadSettings_RefusedNamingStepAndField(string settings, string field, string message)
    {
        var compiled = Compiler().Compile(Playbook(settings));
        Assert.False(compiled.IsValid);
        var error = Assert.Single(compiled.Errors, e => e.StepId == "ask");
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void SettingsSchema_DescribesTheStep_OutcomesDeclared_Documented()
    {
        var step = StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies()).FindStep("sendSurvey")!;
        Assert.Equal(StepCategory.Email, step.Category);
        var properties = step.SettingsSchema["properties"]!.AsObject();
        Assert.Equal(["kind", "question", "followUp", "subject", "to", "category", "from"], properties.Select(p => p.Key));
        Assert.Equal(["nps", "csat"], properties["kind"]!["enum"]!.AsArray().Select(k => (string)k!));
        var compiled = Compiler().Compile(Playbook("\"kind\": \"nps\", \"question\": \"Q?\", \"to\": [\"user\"]"));
        Assert.Equal(["queued", "suppressed"], compiled.Playbook!.Steps["ask"].Outcomes);
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "playbook-format.md"));
        Assert.Contains("| `sendSurvey` |", docs);
    }

    [Fact]
    public void DocsExample_QuarterlyNps_CompilesWithoutProblems()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "surveys.md"));
        var start = docs.IndexOf("{ \"id\": \"quarterly-nps\"", StringComparison.Ordinal);
        var json = docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)];
        var compiled = Compiler().Compile(json);
        Assert.True(compiled.IsValid, string.Join("; ", compiled.Errors));
        Assert.Equal(["queued", "suppressed"], compiled.Playbook!.Steps["ask"].Outcomes);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CsPlaybooks.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CsPlaybooks.sln not found");
    }
}
