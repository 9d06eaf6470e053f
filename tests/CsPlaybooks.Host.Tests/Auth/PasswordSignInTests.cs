using System.Text.RegularExpressions;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Host.Tests.Tasks;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>Local accounts: hashed passwords, lock-out, invitations, the session cookie and its antiforgery token, sign-out, reset by link.</summary>
public abstract class PasswordSignInTests(AuthHostFixture fixture)
{
    private async Task<UserRecord> UserRow(string email)
    {
        await using var db = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    [Fact]
    public async Task Password_IsStoredOnlyAsIdentityHash()
    {
        var user = await UserRow(AuthHostFixture.OpsEmail);

        Assert.NotNull(user.PasswordHash);
        Assert.DoesNotContain(AuthHostFixture.OpsPassword, user.PasswordHash);
        Assert.Equal(PasswordVerificationResult.Success,
            new PasswordHasher<UserRecord>().VerifyHashedPassword(user, user.PasswordHash!, AuthHostFixture.OpsPassword));
        Assert.Equal(PasswordVerificationResult.Failed,
            new PasswordHasher<UserRecord>().VerifyHashedPassword(user, user.PasswordHash!, AuthHostFixture.OpsPassword + "x"));
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        var viewer = await fixture.InvitedAndSignedIn("viewer");
        var client = fixture.NewBrowser().Client;
        for (var i = 0; i < 4; i++)
            Assert.Equal("invalid", (string)(await (await client.PostJson("/api/auth/login", new { email = viewer.Email, password = $"wrong password {i}" })).Expect(401))["reason"]!);

        var fifth = await (await client.PostJson("/api/auth/login", new { email = viewer.Email, password = "wrong password 5" })).Expect(401);
        Assert.Equal("locked-out", (string)fifth["reason"]!);
        var right = await (await client.PostJson("/api/auth/login", new { email = viewer.Email, password = "a long enough password" })).Expect(401);
        Assert.Equal("locked-out", (string)right["reason"]!);
        Assert.NotNull(right["lockedUntil"]);
        Assert.True((await UserRow(viewer.Email!)).LockoutEnd > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Login_BadInput_400NamingTheField()
    {
        var problem = await (await fixture.NewBrowser().Client.PostJson("/api/auth/login", new { email = "someone@example.com" })).Expect(400);
        Assert.NotNull(problem["errors"]!["password"]);
        problem = await (await fixture.NewBrowser().Client.PostJson("/api/auth/login", new { email = "someone@example.com", password = 12345678 })).Expect(400);
        Assert.Contains("must be a string", (string)problem["errors"]!["password"]![0]!);
        await (await fixture.NewBrowser().Client.PostRaw("/api/auth/login", "{ not json")).Expect(400);
    }

    [Fact]
    public async Task Invite_SetPasswordAndSignInAsCsm_SeesAndCompletesOnlyOwnTasks()
    {
        var ops = fixture.Host.Client();
        var mineCsm = Samples.NewId("csm");
        var otherCsm = Samples.NewId("csm");
        await TaskSamples.PutCsm(ops, mineCsm, TaskSamples.Csm("Mine " + mineCsm, "high", ["signin"]));
        await TaskSamples.PutCsm(ops, otherCsm, TaskSamples.Csm("Other " + otherCsm, "high", ["signin"]));
        var mine = Samples.NewId("acct");
        var theirs = Samples.NewId("acct");
        await Samples.CreateAccount(ops, TaskSamples.Account(mine, "KA", "retail", csmId: mineCsm));
        await Samples.CreateAccount(ops, TaskSamples.Account(theirs, "KA", "retail", csmId: otherCsm));
        var playbook = Samples.NewId("pb");
        await Samples.Publish(ops, TaskSamples.CallPlaybook(playbook));
        await Samples.Enrol(ops, playbook, mine);
        await Samples.Enrol(ops, playbook, theirs);
        var theirTask = await TaskSamples.TaskOf(ops, theirs);
        await TaskSamples.TaskOf(ops, mine);

        // The invitation also went out by email (pickup folder: no SMTP configured).
        var csm = await fixture.InvitedAndSignedIn("csm", mineCsm);
        Assert.Contains(ReadEmails().Select(m => m.To.Mailboxes.Single().Address), a => a == csm.Email);
        var me = await csm.Client.GetJson("/api/me");
        Assert.Equal(("user", "csm", mineCsm), ((string)me["kind"]!, (string)me["role"]!, (string)me["csmId"]!));

        var seen = await TaskSamples.Tasks(csm.Client, "status=open");
        Assert.NotEmpty(seen);
        Assert.All(seen, t => Assert.Equal(mineCsm, (string)t!["assignee"]!["csmId"]!));
        await (await csm.Client.GetAsync($"/api/tasks/{theirTask["id"]}")).Expect(404);
        await (await csm.Client.PostJson($"/api/tasks/{theirTask["id"]}/complete", new { })).Expect(404);
        await (await csm.Client.PostJson($"/api/tasks/{seen[0]!["id"]}/complete", new { })).Expect(200);
    }

    [Fact]
    public async Task Invite_UnknownCsmOrRole_400AndNobodyInvited()
    {
        var ops = await fixture.SignedInOps();
        var email = $"{Samples.NewId("nobody")}@example.com";
        var problem = await (await ops.Client.PostJson("/api/users/invitations", new { email, role = "csm", csmId = "no-such-csm" })).Expect(400);
        Assert.NotNull(problem["errors"]!["csmId"]);
        problem = await (await ops.Client.PostJson("/api/users/invitations", new { email, role = "integration" })).Expect(400);
        Assert.NotNull(problem["errors"]!["role"]);
        // Longer than the column holds: a 400 on every database, not a failed commit on PostgreSQL.
        problem = await (await ops.Client.PostJson("/api/users/invitations", new { email, role = "viewer", displayName = new string('n', 201) })).Expect(400);
        Assert.NotNull(problem["errors"]!["displayName"]);
        problem = await (await ops.Client.PostJson("/api/users/invitations", new { email = new string('e', 250) + "@example.com", role = "viewer" })).Expect(400);
        Assert.NotNull(problem["errors"]!["email"]);
        var users = (await ops.Client.GetJson("/api/users"))["items"]!.AsArray();
        Assert.DoesNotContain(users, u => (string)u!["email"]! == email);
    }

    [Fact]
    public async Task CookieRequest_StateChangingWithoutAntiforgeryToken_Rejected()
    {
        var ops = await fixture.SignedInOps();
        var withoutToken = fixture.Host.CreateClient();
        foreach (var cookie in Cookies(ops)) withoutToken.DefaultRequestHeaders.Add("Cookie", cookie);
        var csm = Samples.NewId("csm");

        var problem = await (await withoutToken.PutJson($"/api/csms/{csm}", TaskSamples.Csm("Forged " + csm, "high", []))).Expect(400);
        Assert.NotNull(problem["errors"]!["X-CSRF-TOKEN"]);
        await (await withoutToken.GetAsync($"/api/csms/{csm}")).Expect(404);
        withoutToken.DefaultRequestHeaders.Add("X-CSRF-TOKEN", "forged");
        await (await withoutToken.PutJson($"/api/csms/{csm}", TaskSamples.Csm("Forged " + csm, "high", []))).Expect(400);

        await (await ops.Client.PutJson($"/api/csms/{csm}", TaskSamples.Csm("Real " + csm, "high", []))).Expect(201);
        // An API key is no ambient credential: no token needed.
        await (await fixture.Host.Client().PutJson($"/api/csms/{csm}", TaskSamples.Csm("By key " + csm, "high", []))).Expect(200);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionEvenForACopiedCookie()
    {
        var viewer = await fixture.InvitedAndSignedIn("viewer");
        var copy = fixture.Host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        foreach (var cookie in Cookies(viewer)) copy.DefaultRequestHeaders.Add("Cookie", cookie);
        await (await copy.GetAsync("/api/me")).Expect(200);

        await (await viewer.Client.PostAsync("/api/auth/logout", null)).Expect(204);

        await (await viewer.Client.GetAsync("/api/me")).Expect(401);
        await (await copy.GetAsync("/api/me")).Expect(401);
    }

    [Fact]
    public async Task Deactivate_EndsSessionsAtOnceAndRefusesSignIn()
    {
        var viewer = await fixture.InvitedAndSignedIn("viewer");
        var ops = await fixture.SignedInOps();
        var id = (string)(await ops.Client.GetJson("/api/users"))["items"]!.AsArray().Single(u => (string)u!["email"]! == viewer.Email)!["id"]!;

        await (await ops.Client.PutJson($"/api/users/{id}", new { active = false })).Expect(200);

        await (await viewer.Client.GetAsync("/api/me")).Expect(401);
        var refused = await (await fixture.NewBrowser().Client.PostJson("/api/auth/login", new { email = viewer.Email, password = "a long enough password" })).Expect(403);
        Assert.Equal("deactivated", (string)refused["reason"]!);
    }

    [Fact]
    public async Task RoleChange_AppliesToTheOpenSession()
    {
        var viewer = await fixture.InvitedAndSignedIn("viewer");
        var ops = await fixture.SignedInOps();
        var id = (string)(await ops.Client.GetJson("/api/users"))["items"]!.AsArray().Single(u => (string)u!["email"]! == viewer.Email)!["id"]!;

        await (await ops.Client.PutJson($"/api/users/{id}", new { role = "cs-lead" })).Expect(200);

        var me = await viewer.Client.GetJson("/api/me");
        Assert.Equal("cs-lead", (string)me["role"]!);
        Assert.True((bool)me["can"]!["completeTasks"]!);
    }

    [Fact]
    public async Task LastOps_CannotBeDemotedOrDeactivated()
    {
        var ops = await fixture.SignedInOps();
        var users = (await ops.Client.GetJson("/api/users"))["items"]!.AsArray();
        var id = (string)users.Single(u => (string)u!["email"]! == AuthHostFixture.OpsEmail)!["id"]!;
        await (await ops.Client.PutJson($"/api/users/{id}", new { role = "viewer" })).Expect(409);
        await (await ops.Client.PutJson($"/api/users/{id}", new { active = false })).Expect(409);
    }

    [Fact]
    public async Task ChangePassword_OldOneStopsWorking()
    {
        var viewer = await fixture.InvitedAndSignedIn("viewer");
        var wrong = await (await viewer.Client.PostJson("/api/auth/password", new { currentPassword = "not it at all", newPassword = "a brand new password" })).Expect(400);
        Assert.NotNull(wrong["errors"]!["currentPassword"]);

        await (await viewer.Client.PostJson("/api/auth/password", new { currentPassword = "a long enough password", newPassword = "a brand new password" })).Expect(204);

        await (await viewer.Client.GetAsync("/api/me")).Expect(200);
        await (await fixture.NewBrowser().Client.PostJson("/api/auth/login", new { email = viewer.Email, password = "a long enough password" })).Expect(401);
        await fixture.SignedIn(viewer.Email!, "a brand new password");
    }

    [Fact]
    public async Task PasswordReset_LinkFromTheEmail_SetsANewPasswordOnce()
    {
        var viewer = await fixture.InvitedAndSignedIn("viewer");
        var anonymous = fixture.NewBrowser().Client;
        await (await anonymous.PostJson("/api/auth/password-reset", new { email = "nobody-here@example.com" })).Expect(202);
        await (await anonymous.PostJson("/api/auth/password-reset", new { email = viewer.Email })).Expect(202);

        var email = ReadEmails().Single(m => m.To.Mailboxes.Single().Address == viewer.Email && m.Subject!.Contains("Reset"));
        var url = Regex.Match(email.TextBody!, @"http\S+reset-password\?token=\S+").Value;
        Assert.StartsWith(AuthHostFixture.PublicBaseUrl + "/reset-password?token=", url);
        var token = AuthHostFixture.TokenOf(url);
        Assert.Equal(viewer.Email, (string)(await anonymous.GetJson($"/api/auth/password-reset?token={token}"))["email"]!);

        await (await anonymous.PostJson("/api/auth/password-reset/complete", new { token, password = "reset password 123" })).Expect(204);

        await (await viewer.Client.GetAsync("/api/me")).Expect(401); // the reset ended the open session
        await fixture.SignedIn(viewer.Email!, "reset password 123");
        await (await anonymous.PostJson("/api/auth/login", new { email = viewer.Email, password = "a long enough password" })).Expect(401);
        var reused = await (await anonymous.PostJson("/api/auth/password-reset/complete", new { token, password = "another password 456" })).Expect(400);
        Assert.NotNull(reused["errors"]!["token"]);
    }

    [Fact]
    public async Task Anonymous_ApiCall_401WithoutRedirect()
    {
        var response = await fixture.NewBrowser().Client.GetAsync("/api/playbooks");
        var problem = await response.Expect(401);
        Assert.Null(response.Headers.Location);
        Assert.Contains("/api/auth/login", (string)problem["detail"]!);
    }

    private List<MimeMessage> ReadEmails() =>
        Directory.GetFiles(fixture.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>The session and antiforgery cookies the browser holds, as Cookie header values.</summary>
    private static IEnumerable<string> Cookies(Browser browser) =>
        browser.Cookies.GetCookies(browser.Client.BaseAddress!).Select(c => $"{c.Name}={c.Value}");
}

public sealed class PasswordSignInTests_Sqlite(SqliteAuthHost f) : PasswordSignInTests(f), IClassFixture<SqliteAuthHost>;
public sealed class PasswordSignInTests_Postgres(PostgresAuthHost f) : PasswordSignInTests(f), IClassFixture<PostgresAuthHost>;
