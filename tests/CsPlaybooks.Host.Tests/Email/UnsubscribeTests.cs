using System.Text.RegularExpressions;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Email;

/// <summary>
/// The unsubscribe link: opening it changes nothing (mail scanners open links), its button or a mail client's RFC 8058
/// one-click POST unsubscribes; its key is shared by every node and can be rotated without breaking sent links.
/// </summary>
public sealed class UnsubscribeTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    private sealed record Node(WebApplicationFactory<Program> App, HttpClient Ops, HttpClient Anonymous)
    {
        public string Link(string accountId, string contact = "c1") => "/unsubscribe/" + App.Services.GetRequiredService<UnsubscribeTokens>().Create(accountId, contact);
    }

    private Node Start(TestDatabase database, params (string Key, string Value)[] settings)
    {
        var host = new TestHost(database, TestHost.NewClock());
        var app = host.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        _hosts.Add(app);
        _hosts.Add(host);
        var ops = app.CreateClient();
        ops.DefaultRequestHeaders.Add("X-Api-Key", TestHost.OpsKey);
        return new Node(app, ops, app.CreateClient());
    }

    private static async Task<string> NewAccount(Node node)
    {
        var id = Samples.NewId("acct");
        await Samples.CreateAccount(node.Ops, EmailHost.Account(id));
        return id;
    }

    private static async Task<string?> Consent(Node node, string accountId) =>
        (string?)(await node.Ops.GetJson($"/api/accounts/{accountId}"))["contacts"]![0]!["consent"]?["digital-touch"];

    private static async Task<(int Status, string Html)> Page(Task<HttpResponseMessage> request)
    {
        var response = await request;
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_ShowsOneButtonConfirmationNamingContactAndAccount_ChangesNothing()
    {
        var node = Start(TestDatabase.Create(Db.Sqlite));
        var account = await NewAccount(node);

        var (status, html) = await Page(node.Anonymous.GetAsync(node.Link(account)));
        Assert.Equal(200, status);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains($"Dana will no longer receive digital-touch emails", html);
        Assert.Contains($"Acme {account}", html);
        Assert.Single(Regex.Matches(html, "<form method=\"post\">"));
        Assert.Single(Regex.Matches(html, "<button"));
        Assert.DoesNotContain("<script", html);
        await node.Anonymous.GetAsync(node.Link(account));
        Assert.Null(await Consent(node, account));

        (status, html) = await Page(node.Anonymous.PostAsync(node.Link(account), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])));
        Assert.Equal(200, status);
        Assert.Contains("You are unsubscribed", html);
        Assert.Equal("withdrawn", await Consent(node, account));
        (_, html) = await Page(node.Anonymous.GetAsync(node.Link(account)));
        Assert.Contains("already unsubscribed", html);
        Assert.DoesNotContain("<button", html);
    }

    [Fact]
    public async Task OneClickPost_FromMailClient_UnsubscribesWithoutThePage()
    {
        var node = Start(TestDatabase.Create(Db.Sqlite));
        var account = await NewAccount(node);
        var post = await node.Anonymous.PostAsync(node.Link(account), new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(200, (int)post.StatusCode);
        Assert.Equal("withdrawn", await Consent(node, account));
        var history = await node.Ops.GetJson($"/api/accounts/{account}/timeline");
        Assert.Contains("unsubscribed from digital-touch email", history.ToJsonString());
    }

    [Fact]
    public async Task ForgedOrUnknownLinks_400Or404_ChangeNothing()
    {
        var node = Start(TestDatabase.Create(Db.Sqlite));
        var account = await NewAccount(node);
        var link = node.Link(account);
        var forged = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        Assert.Equal(400, (await Page(node.Anonymous.GetAsync(forged))).Status);
        Assert.Equal(400, (await Page(node.Anonymous.PostAsync(forged, null))).Status);
        Assert.Equal(404, (await Page(node.Anonymous.PostAsync(node.Link(account, "nobody"), null))).Status);
        Assert.Equal(404, (await Page(node.Anonymous.GetAsync(node.Link("no-such-account")))).Status);
        Assert.Null(await Consent(node, account));
    }

    [Fact]
    public async Task Links_WorkOnEveryNode_KeyCreatedOnceInTheDatabase()
    {
        var database = TestDatabase.Create(Db.Postgres);
        Node[] nodes = [Start(database), Start(database)];
        var account = await NewAccount(nodes[0]);

        Assert.Equal(200, (await Page(nodes[1].Anonymous.GetAsync(nodes[0].Link(account)))).Status);
        Assert.Equal(200, (await Page(nodes[1].Anonymous.PostAsync(nodes[0].Link(account), null))).Status);
        Assert.Equal("withdrawn", await Consent(nodes[0], account));
        await using var context = nodes[0].App.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.Equal(1, await context.Secrets.CountAsync(s => s.Name == SharedSecrets.UnsubscribeKey));

        // Two nodes needing a new secret at the same moment agree on one value.
        var name = Samples.NewId("race");
        var values = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            nodes[i % 2].App.Services.GetRequiredService<SharedSecrets>().GetOrCreateAsync(name, CancellationToken.None)));
        Assert.Single(values.Distinct());
        Assert.Equal(values[0], await context.Secrets.Where(s => s.Name == name).Select(s => s.Value).SingleAsync());
    }

    [Fact]
    public async Task RotatedKey_OldLinksWorkWhileListed_NewLinksUseTheNewKey()
    {
        var database = TestDatabase.Create(Db.Sqlite);
        var before = Start(database, ("Email:UnsubscribeSecret", "first-key-0123456789abcdef0123456789"));
        var account = await NewAccount(before);
        var oldLink = before.Link(account);

        var rotated = Start(database, ("Email:UnsubscribeSecret", "second-key-0123456789abcdef012345678"),
            ("Email:UnsubscribePreviousSecrets:0", "first-key-0123456789abcdef0123456789"));
        Assert.Equal(200, (await Page(rotated.Anonymous.GetAsync(oldLink))).Status);
        var newLink = rotated.Link(account);
        Assert.NotEqual(oldLink, newLink);

        // A link from before key ids (format v1), signed with the key configured then, still works while that key is listed.
        var payload = System.Text.Encoding.UTF8.GetBytes($"v1\n{account}\nc1");
        var mac = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes("first-key-0123456789abcdef0123456789"), payload);
        var v1Link = $"/unsubscribe/{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(payload)}.{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(mac)}";
        Assert.Equal(200, (await Page(rotated.Anonymous.GetAsync(v1Link))).Status);

        var dropped = Start(database, ("Email:UnsubscribeSecret", "second-key-0123456789abcdef012345678"));
        Assert.Equal(400, (await Page(dropped.Anonymous.GetAsync(v1Link))).Status);
        Assert.Equal(400, (await Page(dropped.Anonymous.GetAsync(oldLink))).Status);
        Assert.Equal(200, (await Page(dropped.Anonymous.GetAsync(newLink))).Status);
        Assert.Equal(400, (await Page(before.Anonymous.GetAsync(newLink))).Status);
    }
}
