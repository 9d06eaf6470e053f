using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Steps;

namespace CsPlaybooks.Success.Tests.Steps.Email;

public sealed class SendEmailStepTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private sealed class InMemoryTemplates(Dictionary<string, (string Subject, string? Html, string? Text)> files) : IEmailTemplateLibrary
    {
        public EmailTemplate? Load(string name, out string error)
        {
            error = "";
            if (!files.TryGetValue(name, out var f))
            {
                error = $"email template '{name}' not found";
                return null;
            }
            if (!LiquidTemplate.TryParse(f.Subject, out var subject, out error)) return null;
            LiquidTemplate? html = null, text = null;
            if (f.Html is not null && !LiquidTemplate.TryParse(f.Html, out html, out error)) return null;
            if (f.Text is not null && !LiquidTemplate.TryParse(f.Text, out text, out error)) return null;
            return new EmailTemplate(name, subject!, html, text);
        }
    }

    private static readonly InMemoryTemplates Templates = new(new()
    {
        ["welcome"] = ("Welcome, {{ recipient.name }} ({{ account.name }})", "<p>Hi {{ recipient.name }}, I am {{ account.csm.name }}.</p><a href=\"{{ unsubscribe_url }}\">stop</a>", "Hi {{ recipient.name }}"),
        ["broken-at-runtime"] = ("{{ account.name | add_period: 'P1D' }}", null, "x"),
    });

    private static PlaybookCompiler Compiler() => new(StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies { EmailTemplates = Templates }));

    private static string Playbook(string stepSettings) => $$"""
        { "id": "mail", "name": "Mail", "version": 1, "trigger": { "type": "manual" },
          "steps": [ { "id": "intro", "type": "sendEmail", {{stepSettings}} } ], "connections": [] }
        """;

    private static AccountDocument Account() => AccountDocument.Read("acc-1", JsonNode.Parse("""
        { "name": "Acme", "tier": "KA", "timeZone": "Europe/Berlin",
          "csm": { "id": "csm-1", "name": "Casey CSM", "email": "casey@vendor.example" },
          "contacts": [
            { "id": "c1", "name": "Dana", "email": "dana@acme.example", "role": "decision-maker" },
            { "id": "c2", "name": "Lee", "email": "lee@acme.example", "role": "project-lead" },
            { "id": "c3", "name": "Kim", "email": "kim@acme.example", "role": "decision-maker" },
            { "id": "c4", "name": "No Mail", "role": "decision-maker" },
            { "id": "c5", "name": "Dana again", "email": "DANA@acme.example", "role": "decision-maker" } ] }
        """)!.AsObject()).Account!;

    private static SimulationResult Simulate(string settings)
    {
        var compiled = Compiler().Compile(Playbook(settings));
        Assert.True(compiled.IsValid, string.Join("; ", compiled.Errors));
        var account = Account();
        var context = new InstanceContext(Guid.NewGuid(), account.Id, account.Zone, Start, account.ToTemplateModel());
        return new PlaybookSimulator(new PlaybookInterpreter()).Run(new SimulationRequest(compiled.Playbook!, context, Start, Start.AddDays(1), []));
    }

    [Fact]
    public void Execute_DecisionMakers_OneRenderedEmailPerAddress_FromCsm()
    {
        var result = Simulate("\"template\": \"welcome\", \"to\": [\"decision-maker\"]");
        var emails = result.Captured.Where(m => m.Kind == EmailMessage.Kind).Select(m => (Message: EmailMessage.FromJson(m.Payload), m.DedupKey)).ToList();
        Assert.Equal(["dana@acme.example", "kim@acme.example"], emails.Select(e => e.Message.To.Address));
        var dana = emails[0].Message;
        Assert.Equal("Welcome, Dana (Acme)", dana.Subject);
        Assert.Equal($"<p>Hi Dana, I am Casey CSM.</p><a href=\"{EmailMessage.UnsubscribeUrlPlaceholder}\">stop</a>", dana.Html);
        Assert.Equal("Hi Dana", dana.Text);
        Assert.Equal(new EmailAddress("casey@vendor.example", "Casey CSM"), dana.From);
        Assert.Equal(EmailCategories.DigitalTouch, dana.Category);
        Assert.Equal("c1", dana.ContactId);
        Assert.Equal(2, emails.Select(e => e.DedupKey).Distinct().Count());
        Assert.EndsWith("/email/c1", emails[0].DedupKey);
        // The simulation timeline shows each rendered email.
        Assert.Equal(2, result.Timeline.Count(t => t.Type == EmailMessage.Kind && t.Detail?["subject"] is not null));
        Assert.Contains(result.Timeline, t => t.Summary.Contains("to dana@acme.example (decision-maker), kim@acme.example (decision-maker)"));
    }

    [Fact]
    public void Execute_FixedFromAndOperational_AreCarried()
    {
        var result = Simulate("\"template\": \"welcome\", \"to\": [\"project-lead\"], \"category\": \"operational\", \"from\": \"Success Team <success@vendor.example>\"");
        var email = EmailMessage.FromJson(result.Captured.Single().Payload);
        Assert.Equal(new EmailAddress("success@vendor.example", "Success Team"), email.From);
        Assert.Equal(EmailCategories.Operational, email.Category);
        Assert.Equal("lee@acme.example", email.To.Address);
    }

    [Fact]
    public void Execute_NoMatchingContact_SaysSoAndSendsNothing()
    {
        var result = Simulate("\"template\": \"welcome\", \"to\": [\"key-user\"]");
        Assert.Empty(result.Captured);
        Assert.Contains(result.Timeline, t => t.Summary.Contains("no contact with role key-user"));
    }

    [Theory]
    [InlineData("\"template\": \"missing\", \"to\": [\"user\"]", "template", "not found")]
    [InlineData("\"to\": [\"user\"]", "template", "is required")]
    [InlineData("\"template\": \"welcome\"", "to", "is required")]
    [InlineData("\"template\": \"welcome\", \"to\": []", "to", "at least one contact role")]
    [InlineData("\"template\": \"welcome\", \"to\": [\"ceo\"]", "to", "unknown contact role \"ceo\"")]
    [InlineData("\"template\": \"welcome\", \"to\": [\"user\"], \"category\": \"marketing\"", "category", "operational or digital-touch")]
    [InlineData("\"template\": \"welcome\", \"to\": [\"user\"], \"from\": \"not an address\"", "from", "must be \"csm\" or an email address")]
    public void Compile_BadSettings_ErrorNamesStepAndField(string settings, string field, string fragment)
    {
        var result = Compiler().Compile(Playbook(settings));
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.StepId == "intro" && e.Field == field && e.Message.Contains(fragment));
    }

    [Fact]
    public void Compile_WithoutTemplateLibrary_ReportsIt()
    {
        var result = new PlaybookCompiler(StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies()))
            .Compile(Playbook("\"template\": \"welcome\", \"to\": [\"user\"]"));
        Assert.Contains(result.Errors, e => e.StepId == "intro" && e.Message.Contains("no email template library"));
    }

    [Fact]
    public void Execute_TemplateFailsAtRuntime_FaultsTheStep()
    {
        var result = Simulate("\"template\": \"broken-at-runtime\", \"to\": [\"project-lead\"]");
        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Empty(result.Captured);
    }

    [Fact]
    public void SettingsSchema_DescribesTheStep()
    {
        var step = StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies()).FindStep("sendEmail")!;
        Assert.Equal(StepCategory.Email, step.Category);
        Assert.Equal("object", (string?)step.SettingsSchema["type"]);
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "playbook-format.md"));
        Assert.Contains("| `sendEmail` |", docs);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CsPlaybooks.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CsPlaybooks.sln not found");
    }
}
