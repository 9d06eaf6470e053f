using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CsPlaybooks.Host.Tests.Surveys;

/// <summary>
/// sendSurvey end to end: published playbook → governed email through the outbox to a real SMTP server (aiosmtpd) →
/// a score link taken from the received email, opened over HTTP → survey.answered resumes the playbook on its branch.
/// </summary>
public abstract partial class SurveyTests
{
    protected abstract Db Db { get; }

    /// <summary>
    /// ask (sendSurvey nps) → wait for this survey's answer (30 days) → switch on its category: detractor → a task for
    /// the CSM; promoter → a task to ask for a reference; suppressed → end.
    /// </summary>
    private static JsonObject NpsPlaybook(string id) => JsonNode.Parse($$"""
        { "id": "{{id}}", "name": "NPS {{id}}", "trigger": { "type": "manual" },
          "steps": [
            { "id": "ask", "type": "sendSurvey", "kind": "nps", "to": ["decision-maker"],
              "question": "How likely are you to recommend us to a colleague, {{ "{{" }} recipient.name {{ "}}" }}?",
              "followUp": "What is the main reason for your score?" },
            { "id": "wait-answer", "type": "waitForEvent", "event": "survey.answered", "timeout": "P30D",
              "when": "event.data.surveyId == variables.surveyId" },
            { "id": "by-category", "type": "switch", "value": "event.data.category", "cases": ["detractor", "promoter"] },
            { "id": "call-detractor", "type": "createTask", "assignee": "csm", "due": "P2D", "required": true,
              "title": "Call {{ "{{" }} account.name {{ "}}" }}: NPS {{ "{{" }} event.data.score {{ "}}" }}" },
            { "id": "ask-reference", "type": "createTask", "assignee": "csm", "due": "P7D",
              "title": "Ask {{ "{{" }} account.name {{ "}}" }} to be a reference" },
            { "id": "no-survey", "type": "end" }
          ],
          "connections": [
            { "from": "ask", "outcome": "queued", "to": "wait-answer" },
            { "from": "ask", "outcome": "suppressed", "to": "no-survey" },
            { "from": "wait-answer", "outcome": "received", "to": "by-category" },
            { "from": "by-category", "outcome": "detractor", "to": "call-detractor" },
            { "from": "by-category", "outcome": "promoter", "to": "ask-reference" }
          ] }
        """)!.AsObject();

    private static async Task<(string Account, Guid Instance)> Run(HttpClient ops, JsonObject account)
    {
        var playbook = Samples.NewId("nps");
        await Samples.Publish(ops, NpsPlaybook(playbook));
        await Samples.CreateAccount(ops, account);
        return ((string)account["id"]!, await Samples.Enrol(ops, playbook, (string)account["id"]!));
    }

    /// <summary>The score links of a received survey email, by score, from its HTML part (as a mail client shows them).</summary>
    private static Dictionary<int, string> ScoreLinks(MimeMessage message) =>
        Regex.Matches(message.HtmlBody!, "<a href=\"(?<url>[^\"]+/survey/[^\"]+)\"[^>]*>(?<score>\\d+)</a>")
            .ToDictionary(m => int.Parse(m.Groups["score"].Value), m => new Uri(WebUtility.HtmlDecode(m.Groups["url"].Value)).PathAndQuery);

    private static async Task<MimeMessage> Received(EmailHost host, SmtpTestServer smtp) =>
        (await Eventually.Get(Nudged(host, () => Task.FromResult(smtp.Messages())), m => m.Count > 0, "the survey email")).Single();

    private static Func<Task<T>> Nudged<T>(EmailHost host, Func<Task<T>> probe) => async () =>
    {
        host.Clock.Advance(TimeSpan.FromMilliseconds(100));
        return await probe();
    };

    private static async Task<(int Status, string Html)> Open(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<SurveyRow>> Responses(EmailHost host, string account)
    {
        await using var context = host.Services.GetRequiredService<PlaybooksDb>().Create();
        return await context.SurveyResponses.AsNoTracking().Where(r => r.AccountId == account)
            .Select(r => new SurveyRow(r.Score, r.Category, r.Comment, r.Revision)).ToListAsync();
    }

    private sealed record SurveyRow(int Score, string Category, string? Comment, int Revision);

    private static async Task<List<JsonNode>> AnsweredEvents(HttpClient ops, string account) =>
        (await ops.GetJson($"/api/events?accountId={account}")).AsArray().Where(e => (string)e!["name"]! == "survey.answered").Select(e => e!).ToList();

    [Fact]
    public async Task Survey_DetractorClicksScoreInReceivedEmail_ThankYouPage_PlaybookResumesOnDetractorBranch()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var (account, instance) = await Run(ops, EmailHost.Account(Samples.NewId("acct")));

        var message = await Received(host, smtp);
        Assert.Equal("How likely are you to recommend us to a colleague, Dana?", message.Subject);
        Assert.Equal("dana@acme.example", message.To.Mailboxes.Single().Address);
        var links = ScoreLinks(message);
        Assert.Equal(Enumerable.Range(0, 11), links.Keys.Order());
        Assert.Equal(11, links.Values.Distinct().Count());
        Assert.All(Enumerable.Range(0, 11), s => Assert.Contains(links[s], message.TextBody));
        Assert.StartsWith("<http://localhost/unsubscribe/", message.Headers["List-Unsubscribe"]);

        var anonymous = host.Client(key: null);
        var (status, html) = await Open(anonymous, links[3]);
        Assert.Equal(200, status);
        Assert.Contains("Thank you, Dana: we recorded your answer, 3 on a scale of 0 to 10.", html);
        Assert.Contains("<form method=\"post\">", html);
        Assert.Contains("What is the main reason for your score?", html);
        Assert.DoesNotContain("<script", html);

        var tasks = await Eventually.Get(() => ops.GetJson($"/api/tasks?account={account}"), t => t["items"]!.AsArray().Count > 0, "the detractor task");
        Assert.Equal($"Call Acme {account}: NPS 3", (string)tasks["items"]![0]!["title"]!);
        var journal = Samples.Journal(await Samples.Instance(ops, instance)).ToList();
        Assert.Contains(journal, j => (string?)j["stepId"] == "call-detractor");
        Assert.DoesNotContain(journal, j => (string?)j["stepId"] == "ask-reference");
        var answered = Assert.Single(await AnsweredEvents(ops, account));
        Assert.Equal("detractor", (string)answered["data"]!["category"]!);
        Assert.Equal(3, (int)answered["data"]!["score"]!);
        var summary = (await ops.GetJson($"/api/accounts/{account}"))["surveys"]!["nps"]!;
        Assert.Equal(-100, (int)summary["score"]!);
        Assert.Equal(1, (int)summary["detractor"]!);
    }

    [Fact]
    public async Task Survey_ClickedAgain_OneRowUpdated_OneEventPerScoreChange_CommentStored()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var (account, _) = await Run(ops, EmailHost.Account(Samples.NewId("acct")));
        var links = ScoreLinks(await Received(host, smtp));
        var anonymous = host.Client(key: null);

        Assert.Equal(200, (await Open(anonymous, links[3])).Status);
        Assert.Equal(200, (await Open(anonymous, links[3])).Status);
        await host.Services.DrainPumpsAsync();
        Assert.Equal([new SurveyRow(3, "detractor", null, 1)], await Responses(host, account));
        Assert.Single(await AnsweredEvents(ops, account));

        var (status, html) = await Open(anonymous, links[9]);
        Assert.Equal(200, status);
        Assert.Contains("9 on a scale of 0 to 10", html);
        await host.Services.DrainPumpsAsync();
        Assert.Equal([new SurveyRow(9, "promoter", null, 2)], await Responses(host, account));
        var events = await AnsweredEvents(ops, account);
        Assert.Equal(2, events.Count);
        var change = events.Single(e => (int)e["data"]!["score"]! == 9);
        Assert.Equal("promoter", (string)change["data"]!["category"]!);
        Assert.Equal(3, (int)change["data"]!["previousScore"]!);
        Assert.Equal(100, (int)(await ops.GetJson($"/api/accounts/{account}"))["surveys"]!["nps"]!["score"]!);

        // The comment form of the first page (score 3) must not undo the later 9.
        var post = await anonymous.PostAsync(links[3], new FormUrlEncodedContent([new("comment", "  Support was slow, the product is great.  ")]));
        Assert.Equal(200, (int)post.StatusCode);
        Assert.Contains("Thank you for your comment", await post.Content.ReadAsStringAsync());
        await host.Services.DrainPumpsAsync();
        Assert.Equal([new SurveyRow(9, "promoter", "Support was slow, the product is great.", 2)], await Responses(host, account));
        Assert.Equal(2, (await AnsweredEvents(ops, account)).Count);
        var listed = await ops.GetJson($"/api/surveys/responses?accountId={account}&kind=nps");
        Assert.Equal(1, (int)listed["total"]!);
        Assert.Equal("Support was slow, the product is great.", (string)listed["items"]![0]!["comment"]!);
        Assert.Equal(400, (int)(await anonymous.PostAsync(links[9], new FormUrlEncodedContent([new("comment", new string('x', 4001))]))).StatusCode);
    }

    [Fact]
    public async Task Survey_TamperedOrExpiredLink_ClearPage_RecordsNothing()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var (account, _) = await Run(ops, EmailHost.Account(Samples.NewId("acct")));
        var links = ScoreLinks(await Received(host, smtp));
        var anonymous = host.Client(key: null);

        var link = links[10];
        var tampered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        var (status, html) = await Open(anonymous, tampered);
        Assert.Equal(400, status);
        Assert.Contains("This survey link is damaged or not ours", html);
        Assert.Equal(400, (await Open(anonymous, "/survey/not-a-token")).Status);
        Assert.Equal(400, (int)(await anonymous.PostAsync(tampered, new FormUrlEncodedContent([new("comment", "hi")]))).StatusCode);
        // Another score's signature on this score's payload: a forged score.
        var forged = link[..link.IndexOf('.')] + links[0][links[0].IndexOf('.')..];
        Assert.Equal(400, (await Open(anonymous, forged)).Status);

        host.Clock.Advance(TimeSpan.FromDays(91));
        (status, html) = await Open(anonymous, link);
        Assert.Equal(410, status);
        Assert.Contains("This survey has closed", html);
        await host.Services.DrainPumpsAsync();
        Assert.Empty(await Responses(host, account));
        Assert.Empty(await AnsweredEvents(ops, account));
    }

    [Fact]
    public async Task Survey_ContactWithdrewConsent_SuppressedOutcome_NothingSent()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        var account = EmailHost.Account(Samples.NewId("acct"));
        account["contacts"]![0]!["consent"] = new JsonObject { ["digital-touch"] = "withdrawn" };
        var (_, instance) = await Run(ops, account);

        await host.Services.DrainPumpsAsync();
        var detail = await Samples.Instance(ops, instance);
        Assert.Equal("completed", ((string)detail["status"]!).ToLowerInvariant());
        Assert.Contains(Samples.Journal(detail), j => (string?)j["stepId"] == "no-survey");
        Assert.Empty(detail["outbox"]!.AsArray());
        Assert.Empty(smtp.Messages());
        Assert.Equal(0, (int)(await ops.GetJson($"/api/emails?instanceId={instance}"))["total"]!);
    }

    [Fact]
    public async Task Survey_OutsideRecipientQuietHours_DeferredUntilTheWindowOpens()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = EmailHost.Start(smtp, Db);
        var ops = host.Client();
        // 09:00 UTC on Monday is 01:00 in Los Angeles: the survey waits for 09:00 PST = 17:00 UTC.
        var (_, instance) = await Run(ops, EmailHost.Account(Samples.NewId("acct"), "America/Los_Angeles"));

        var deferred = await Eventually.Get(Nudged(host, () => ops.GetJson($"/api/emails?instanceId={instance}")),
            l => l["items"]!.AsArray().Any(e => (string)e!["state"]! == "deferred"), "the deferred survey email");
        Assert.Contains("quiet hours in America/Los_Angeles", (string)deferred["items"]![0]!["reason"]!);
        host.Clock.Advance(TimeSpan.FromHours(7));
        await host.Services.DrainPumpsAsync();
        Assert.Empty(smtp.Messages());
        host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(11, ScoreLinks(await Received(host, smtp)).Count);
    }

    [Fact]
    public async Task Publish_BadSurveyProperties_400NamingStepAndField_NothingPublished()
    {
        await using var host = EmailHost.Start(smtp: null, Db);
        var ops = host.Client();
        var id = Samples.NewId("nps");
        var definition = NpsPlaybook(id);
        var ask = definition["steps"]![0]!.AsObject();
        ask["kind"] = "ces";
        ask["question"] = "{{ account.name ";

        var problem = await (await ops.PostJson("/api/playbooks", definition)).Expect(400);
        var problems = problem["problems"]!.AsArray();
        Assert.Contains(problems, p => (string?)p!["stepId"] == "ask" && ((string)p["message"]!).Contains("'kind' must be nps or csat"));
        Assert.Contains(problems, p => (string?)p!["stepId"] == "ask" && ((string)p["message"]!).Contains("template syntax error"));
        Assert.Equal(404, (int)(await ops.GetAsync($"/api/playbooks/{id}")).StatusCode);
    }
}

public sealed class SurveyTests_Sqlite : SurveyTests { protected override Db Db => Db.Sqlite; }
public sealed class SurveyTests_Postgres : SurveyTests { protected override Db Db => Db.Postgres; }
