using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Faults.Tests.Support;
using Xunit.Abstractions;
using static CsPlaybooks.Faults.Tests.Support.FaultPlaybooks;

namespace CsPlaybooks.Faults.Tests;

/// <summary>
/// (e) The host dies right after the transaction that completes a task has committed (the test-only fault point
/// <c>Faults:CrashAfter=task-completion-commit</c>), before anything resumes the playbook waiting on it.
/// </summary>
public sealed class TaskCompletionCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CrashRightAfterTaskCompletionCommit_PlaybookStillResumesAfterRestart()
    {
        var figures = new FaultFigures(output, "e-crash-after-task-completion");
        await using var env = await FaultEnvironment.CreateAsync();
        try
        {
            var host = env.NewHost("e-host", FaultEnvironment.ShortLeases);
            await host.StartAsync(new Dictionary<string, string> { ["Faults:CrashAfter"] = "task-completion-commit" });
            var ops = host.Client();
            var playbook = NewId("e");
            var csm = NewId("csm");
            await (await ops.PutJson($"/api/csms/{csm}", new JsonObject
            {
                ["name"] = "Casey", ["email"] = $"{csm}@vendor.example", ["touchModel"] = "high", ["industries"] = new JsonArray(), ["tiers"] = new JsonArray(), ["isLead"] = false,
            })).Expect(201, 200);
            await PublishAsync(ops, Sequence(playbook, CreateTask(), WaitForTask()));
            var account = $"{playbook}-acct";
            await CreateAccountAsync(ops, Account(account, csmId: csm));
            var instance = (string)(await (await EnrolAsync(ops, playbook, account)).Expect(201))["instanceId"]!;
            var task = await Poll.Until(async () => (await ops.GetJson($"/api/tasks?account={account}"))["items"]!.AsArray(),
                items => items.Count == 1, "the task to be created", TimeSpan.FromSeconds(30));
            var taskId = (string)task[0]!["id"]!;

            HttpResponseMessage? answer = null;
            try
            {
                answer = await ops.PostJson($"/api/tasks/{taskId}/complete", new JsonObject { ["result"] = new JsonObject { ["reached"] = true } });
            }
            catch (HttpRequestException)
            {
                // expected: the process died before answering
            }
            var died = await host.ExitedWithinAsync(TimeSpan.FromSeconds(20));
            figures.Add("hostDiedAtFaultPoint", died);
            figures.Add("completionAnswer", answer is null ? "connection closed without an answer" : $"HTTP {(int)answer.StatusCode}");
            Assert.True(died, $"the host should have killed itself after the task-completion commit; it answered {(int?)answer?.StatusCode}");

            var taskState = figures.Add("taskStatusAfterCrash", (await env.PairsAsync($"select status, '' from tasks where id = '{taskId}'")).Single().A);
            var instanceState = figures.Add("instanceStatusAfterCrash", (await env.PairsAsync($"select status, '' from instances where id = '{instance}'")).Single().A);
            Assert.Equal("completed", taskState);
            Assert.Equal("running", instanceState);

            host.Reap();
            var clock = Stopwatch.StartNew();
            await host.StartAsync();
            var detail = await Poll.Until(() => ops.GetJson($"/api/instances/{instance}"), d => (string)d["status"]! != "running",
                "the playbook to resume after the restart", FaultEnvironment.Lease + TimeSpan.FromSeconds(30));
            figures.Add("secondsFromRestartToResume", Math.Round(clock.Elapsed.TotalSeconds, 1));
            var journal = detail["journal"]!.AsArray().Select(j => j!).ToList();
            Assert.Equal("completed", (string)detail["status"]!);
            Assert.Single(journal, j => (string)j["kind"]! == "step.resumed" && (string?)j["stepId"] == "wait-call");
            Assert.Contains(journal, j => (string)j["kind"]! == "instance.completed" && (string?)j["stepId"] == "done");
            figures.Add("resumptionsOfTheWait", journal.Count(j => (string)j["kind"]! == "step.resumed" && (string?)j["stepId"] == "wait-call"));
        }
        finally
        {
            figures.Save();
        }
    }
}
