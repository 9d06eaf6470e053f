using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CsPlaybooks.Host.Tests.Email;

/// <summary>
/// The real host on a virtual clock (Monday 2026-03-02 09:00 UTC), wired to a real SMTP server (or, without one, to an
/// .eml pickup folder), with email templates of its own. One per test: the clock moves, so tests never share it.
/// </summary>
public sealed class EmailHost : IAsyncDisposable
{
    public const string CsmEmail = "casey@vendor.example";
    private readonly TestHost _host;
    private readonly WebApplicationFactory<Program> _app;

    private EmailHost(SmtpTestServer? smtp, Db db, (string Key, string Value)[] settings)
    {
        Smtp = smtp;
        _host = new TestHost(TestDatabase.Create(db), TestHost.NewClock());
        TemplatesDirectory = Path.Combine(_host.WorkflowsDirectory, "templates");
        PickupDirectory = Directory.CreateTempSubdirectory("csplaybooks-pickup-").FullName;
        Directory.CreateDirectory(TemplatesDirectory);
        WriteTemplate("welcome", "Welcome to {{ account.name }}, {{ recipient.name }}",
            "<p>Hello {{ recipient.name }},</p><p>I am {{ account.csm.name }}, your CSM.</p>",
            "Hello {{ recipient.name }}, I am {{ account.csm.name }}, your CSM.");
        WriteTemplate("invoice", "Your invoice for {{ account.name }}", null, "Dear {{ recipient.name }}, your invoice is ready.");
        _app = _host.WithWebHostBuilder(b =>
        {
            b.UseSetting("Email:PublicBaseUrl", "http://localhost");
            b.UseSetting("Email:UnsubscribeSecret", "test-unsubscribe-secret-0123456789abcdef");
            b.UseSetting("Email:PickupDirectory", PickupDirectory);
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            if (smtp is null) return;
            b.UseSetting("Email:Smtp:Host", "127.0.0.1");
            b.UseSetting("Email:Smtp:Port", smtp.Port.ToString());
            b.UseSetting("Email:Smtp:UseTls", "false");
            b.UseSetting("Email:Smtp:Timeout", "00:00:05");
        });
        _ = _app.Server;
    }

    public SmtpTestServer? Smtp { get; }
    public string TemplatesDirectory { get; }
    public string PickupDirectory { get; }
    public FakeTimeProvider Clock => _host.Clock!;
    public IServiceProvider Services => _app.Services;

    public static EmailHost Start(SmtpTestServer? smtp, Db db = Db.Sqlite, params (string Key, string Value)[] settings) => new(smtp, db, settings);

    public HttpClient Client(string? key = TestHost.OpsKey)
    {
        var client = _app.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public void WriteTemplate(string name, string subject, string? html, string? text)
    {
        File.WriteAllText(Path.Combine(TemplatesDirectory, $"{name}.subject.liquid"), subject);
        if (html is not null) File.WriteAllText(Path.Combine(TemplatesDirectory, $"{name}.html.liquid"), html);
        if (text is not null) File.WriteAllText(Path.Combine(TemplatesDirectory, $"{name}.text.liquid"), text);
    }

    /// <summary>An account with a CSM and one decision-maker (Dana) in the given zone.</summary>
    public static JsonObject Account(string id, string timeZone = "Europe/Berlin", string email = "dana@acme.example") => new()
    {
        ["id"] = id, ["name"] = "Acme " + id, ["tier"] = "KA", ["timeZone"] = timeZone, ["stage"] = "onboarding",
        ["csm"] = new JsonObject { ["id"] = "csm-1", ["name"] = "Casey CSM", ["email"] = CsmEmail },
        ["contract"] = new JsonObject { ["start"] = "2026-01-01", ["end"] = "2027-01-01" },
        ["contacts"] = new JsonArray(new JsonObject { ["id"] = "c1", ["name"] = "Dana", ["email"] = email, ["role"] = "decision-maker" }),
    };

    /// <summary>A manual playbook of sendEmail steps run one after the other.</summary>
    public static JsonObject Playbook(string id, params (string Template, string Category)[] emails) => new()
    {
        ["id"] = id, ["name"] = "Email " + id, ["trigger"] = new JsonObject { ["type"] = "manual" },
        ["steps"] = new JsonArray(emails.Select((e, i) => (JsonNode)new JsonObject
        {
            ["id"] = $"mail-{i + 1}", ["type"] = "sendEmail", ["template"] = e.Template, ["to"] = new JsonArray("decision-maker"), ["category"] = e.Category,
        }).ToArray()),
        ["connections"] = new JsonArray(Enumerable.Range(1, emails.Length - 1).Select(i => (JsonNode)new JsonObject { ["from"] = $"mail-{i}", ["to"] = $"mail-{i + 1}" }).ToArray()),
    };

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(PickupDirectory, recursive: true); } catch (IOException) { }
    }
}
